import { stepLabel } from '../describe';
import { kbStep, restartKeepsClusterUp } from '../fixes/kbSteps';
import { declarationName } from '../plan';
import type { PlanRule } from './rule';

export const noVersionCheckLeftover: PlanRule = {
  code: 'noversioncheck-leftover',
  severity: 'warning',
  needs: 'plan',
  atEnd: true,
  title: 'NoVersionCheck is still in the registry at the end',
  explanation:
    'KB 811272 deletes NoVersionCheck on every node once all nodes are upgraded. Left in place, it keeps the version check off at every later start, so a node of any other version may join the cluster.',
  check({ plan, timeline }, report) {
    for (const node of timeline.final.nodes) {
      if (!node.registry) continue;
      const at = node.registryChangedAt ?? -1;
      const where = at >= 0 ? plan.stepTable.step(at) : declarationName(node.declaration);
      const origin = at >= 0 ? `set at ${stepLabel(plan.stepTable.step(at))}` : 'declared in "nodes"';
      report(where, `At the end of the plan, ${node.name} still has NoVersionCheck in its registry (${origin}). Delete it once every node is upgraded, then restart the Cluster service: until then nodes of other versions may join.`);
    }
  },
  fixes({ document, plan, timeline, edit }, finding) {
    const index = timeline.final.nodes.findIndex((n) => {
      if (!n.registry) return false;
      const at = n.registryChangedAt ?? -1;
      return (at >= 0 ? plan.stepTable.step(at).pointer : n.declaration.pointer) === finding.pointer;
    });
    const node = timeline.final.nodes[index];
    if (!node) return [];
    const name = node.declaration.name;
    // Deleting is not dynamic: a running service keeps bypassing until it restarts.
    const steps = node.running ? [kbStep.deleteNoVersionCheck(name), kbStep.restart(name)] : [kbStep.deleteNoVersionCheck(name)];
    const safe = !node.running || restartKeepsClusterUp(timeline.final, index, false, plan.versionMatch);
    return [
      {
        title: `Delete NoVersionCheck on ${name}` + (node.running ? ' and restart its Cluster service' : '') + (safe ? '' : ' (its restart would be refused or take the cluster offline)'),
        edits: edit.insertSteps(document, plan, plan.stepTable.length, steps),
        isPreferred: true,
        safe,
      },
    ];
  },
};
