import { stepLabel } from '../describe';
import { declarationName } from '../plan';
import type { PlanRule } from './rule';

const KB_CLEAN_UP = 'Delete it once every node is upgraded, then restart the Cluster service: until then nodes of other versions may join.';
/** The value changes no join with the functional level (docs/simulation.md), but whoever reads it later may think it does. */
const BYPASSES_NOTHING = 'From Windows Server 2008 on NoVersionCheck bypasses nothing, so the value only misleads whoever reads the registry later: delete it.';

export const noVersionCheckLeftover: PlanRule = {
  code: 'noversioncheck-leftover',
  severity: 'warning',
  needs: 'plan',
  atEnd: true,
  title: 'NoVersionCheck is still in the registry at the end',
  explanation:
    'KB 811272 deletes NoVersionCheck on every node once all nodes are upgraded. Left in place, it keeps the version check off at every later start, so a node of any other version may join the cluster. From Windows Server 2008 on NoVersionCheck bypasses nothing, and a value left behind only misleads whoever reads the registry.',
  check({ plan, timeline }, report) {
    for (const node of timeline.final.nodes) {
      if (!node.registry) continue;
      const at = node.registryChangedAt ?? -1;
      const where = at >= 0 ? plan.steps[at]! : declarationName(node.declaration);
      const origin = at >= 0 ? `set at ${stepLabel(plan.steps[at]!)}` : 'declared in "nodes"';
      report(where, `At the end of the plan, ${node.name} still has NoVersionCheck in its registry (${origin}). ` + (plan.functionalLevelPlan ? BYPASSES_NOTHING : KB_CLEAN_UP));
    }
  },
};
