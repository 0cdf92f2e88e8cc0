import { stepIndexOf, stepLabel } from '../describe';
import { kbStep, restartKeepsClusterUp } from '../fixes/kbSteps';
import { bypassesVersionCheck } from '../registry';
import type { PlanRule } from './rule';

export const registryWhileRunning: PlanRule = {
  code: 'registry-while-running',
  severity: 'warning',
  needs: 'plan',
  title: 'NoVersionCheck is set while the node\'s service runs',
  explanation:
    'The Cluster service reads NoVersionCheck when it starts, so a value set while it runs changes nothing until the next start. KB 811272 stops the service, sets the value, then starts the service. Deleting the value while the service runs is the KB\'s own clean-up and is not flagged.',
  check({ plan, timeline }, report) {
    for (let i = 0; i < timeline.facts.length; i++) {
      if (plan.stepTable.action(i) !== 'set-registry' || !timeline.facts.targetRunning(i)) continue;
      const r = timeline.result(i);
      if (!r.target) continue;
      report(r.step, `${r.target.name}'s Cluster service is running at ${stepLabel(r.step)}: NoVersionCheck set now takes effect only at its next start. Stop the service before setting the value and start it afterwards.`);
    }
  },
  fixes({ document, plan, timeline, edit }, finding) {
    const index = stepIndexOf(finding.pointer);
    const r = index === undefined || index >= timeline.facts.length ? undefined : timeline.result(index);
    if (!r?.target || r.step.action !== 'set-registry') return [];
    const name = r.target.declaration.name;
    const nodeIndex = r.before.nodes.indexOf(r.target);
    // The start after the set reads ClusSvc\Parameters: the value the step writes there, or else the value
    // already there. Not the running service's bypass, which an earlier change may no longer match.
    const bypassAfter = bypassesVersionCheck(r.step.atParametersKey ? { type: r.step.type, data: r.step.data } : r.target.registry);
    const keepsUp = restartKeepsClusterUp(r.before, nodeIndex, bypassAfter, plan.versionMatch);
    return [
      {
        title:
          `Stop ${name} before ${stepLabel(r.step)} and start it after` +
          (keepsUp ? '' : r.before.activeCount <= 1 ? ' (takes the cluster offline)' : ' (its start would be refused)'),
        edits: [...edit.insertSteps(document, plan, r.step.index, [kbStep.stop(name)]), ...edit.insertSteps(document, plan, r.step.index + 1, [kbStep.start(name)])],
        isPreferred: true,
        safe: keepsUp,
      },
    ];
  },
};
