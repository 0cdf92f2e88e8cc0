import type { Finding, Fix } from '../finding';
import type { RuleContext } from '../rules/rule';
import { kbStep, restartKeepsClusterUp } from './kbSteps';
import { insertSteps } from './stepEdits';

// The quick fixes of noversioncheck-still-effective (rules/noversioncheck-still-effective.ts).
export function fixes({ document, plan, timeline }: RuleContext, finding: Finding): Fix[] {
  const index = timeline.final.nodes.findIndex(
    (n) => n.running && n.bypass && !n.registry && n.registryChangedAt !== undefined && n.registryChangedAt >= 0 && plan.steps[n.registryChangedAt]!.pointer === finding.pointer,
  );
  const node = timeline.final.nodes[index];
  if (!node) return [];
  const safe = restartKeepsClusterUp(timeline.final, index, false, plan.versionMatch);
  return [
    {
      title: `Restart the Cluster service on ${node.declaration.name}` + (safe ? '' : ' (the restart would be refused or take the cluster offline)'),
      edits: insertSteps(document, plan, plan.steps.length, [kbStep.restart(node.declaration.name)]),
      isPreferred: true,
      safe,
    },
  ];
}
