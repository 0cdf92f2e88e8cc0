import type { Finding, Fix } from '../finding';
import type { RuleContext } from '../rules/rule';
import { kbStep, restartKeepsClusterUp } from './kbSteps';
import { insertSteps } from './stepEdits';

// The quick fixes of noversioncheck-leftover (rules/noversioncheck-leftover.ts).
export function fixes({ document, plan, timeline }: RuleContext, finding: Finding): Fix[] {
  const index = timeline.final.nodes.findIndex((n) => {
    if (!n.registry) return false;
    const at = n.registryChangedAt ?? -1;
    return (at >= 0 ? plan.steps[at]!.pointer : n.declaration.pointer) === finding.pointer;
  });
  const node = timeline.final.nodes[index];
  if (!node) return [];
  const name = node.declaration.name;
  // Deleting is not dynamic: a running service keeps bypassing until it restarts. From Windows Server 2008 on
  // it bypasses nothing, so no restart is needed and the node stays up.
  const restart = node.running && !plan.functionalLevelPlan;
  const steps = restart ? [kbStep.deleteNoVersionCheck(name), kbStep.restart(name)] : [kbStep.deleteNoVersionCheck(name)];
  const safe = !restart || restartKeepsClusterUp(timeline.final, index, false, plan.versionMatch);
  return [
    {
      title: `Delete NoVersionCheck on ${name}` + (restart ? ' and restart its Cluster service' : '') + (safe ? '' : ' (its restart would be refused or take the cluster offline)'),
      edits: insertSteps(document, plan, plan.steps.length, steps),
      isPreferred: true,
      safe,
    },
  ];
}
