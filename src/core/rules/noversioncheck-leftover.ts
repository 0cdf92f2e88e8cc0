import { stepLabel } from '../describe';
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
      const where = at >= 0 ? plan.steps[at]! : declarationName(node.declaration);
      const origin = at >= 0 ? `set at ${stepLabel(plan.steps[at]!)}` : 'declared in "nodes"';
      report(where, `At the end of the plan, ${node.name} still has NoVersionCheck in its registry (${origin}). Delete it once every node is upgraded, then restart the Cluster service: until then nodes of other versions may join.`);
    }
  },
};
