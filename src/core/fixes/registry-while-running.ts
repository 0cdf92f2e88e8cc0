import { stepIndexOf, stepLabel } from '../describe';
import type { Finding, Fix } from '../finding';
import { bypassesVersionCheck } from '../registry';
import type { RuleContext } from '../rules/rule';
import { kbStep, restartKeepsClusterUp } from './kbSteps';
import { insertSteps } from './stepEdits';

// The quick fixes of registry-while-running (rules/registry-while-running.ts).
export function fixes({ document, plan, timeline }: RuleContext, finding: Finding): Fix[] {
  const index = stepIndexOf(finding.pointer);
  const r = index === undefined ? undefined : timeline.steps[index];
  if (!r?.target || r.step.action !== 'set-registry') return [];
  const name = r.target.declaration.name;
  const nodeIndex = r.before.nodes.indexOf(r.target);
  // The start after the set reads ClusSvc\Parameters: the value the step writes there, or else the value
  // already there. Not the running service's bypass, which an earlier change may no longer match.
  const bypassAfter = bypassesVersionCheck(r.step.writesNoVersionCheck ? { type: r.step.type, data: r.step.data } : r.target.registry);
  const keepsUp = restartKeepsClusterUp(r.before, nodeIndex, bypassAfter, plan.versionMatch);
  return [
    {
      title:
        `Stop ${name} before ${stepLabel(r.step)} and start it after` +
        (keepsUp ? '' : r.before.activeCount <= 1 ? ' (takes the cluster offline)' : ' (its start would be refused)'),
      edits: [...insertSteps(document, plan, r.step.index, [kbStep.stop(name)]), ...insertSteps(document, plan, r.step.index + 1, [kbStep.start(name)])],
      isPreferred: true,
      safe: keepsUp,
    },
  ];
}
