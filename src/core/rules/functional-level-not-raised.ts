import { nameList } from '../describe';
import { formatNodeLevel, levelOf } from '../functionalLevel';
import type { Located, Plan } from '../plan';
import type { ClusterState } from '../simulate';
import { levelName } from './levelWords';
import type { PlanRule } from './rule';

export const functionalLevelNotRaised: PlanRule = {
  code: 'functional-level-not-raised',
  severity: 'warning',
  needs: 'plan',
  atEnd: true,
  title: 'Every node runs the new release, but the functional level is not raised',
  explanation:
    'Until Update-ClusterFunctionalLevel runs, a cluster whose nodes all run the new release stays in mixed-OS mode at the old functional level, without the new release\'s cluster features. Microsoft recommends finishing the upgrade within a month and not keeping a mixed-version cluster. Raising the level cannot be undone: nodes of the old release can no longer join.',
  check({ plan, timeline }, report) {
    const FL = timeline.final.functionalLevel;
    if (FL === undefined || !allAtNextLevel(timeline.final, FL)) return;
    const members = timeline.final.nodes.filter((n) => n.member);
    report(
      stepsAnchor(plan),
      `At the end of the plan every member (${nameList(members)}) runs ${formatNodeLevel(FL + 1)}, but the cluster stays at ${levelName(FL)}: mixed-OS mode is meant to be temporary, and Microsoft recommends finishing within a month. Add an update-functional-level step at the end; it cannot be undone.`,
    );
  },
};

/** At least one member, and every member, running or not, is at FL + 1: the level can be raised. */
export function allAtNextLevel(state: ClusterState, functionalLevel: number): boolean {
  let members = 0;
  for (const node of state.nodes) {
    if (!node.member) continue;
    if (node.highest === undefined || levelOf(node.highest) !== functionalLevel + 1) return false;
    members++;
  }
  return members > 0;
}

/** The "steps" array, where a step is added; the "nodes" key when the plan has none. */
function stepsAnchor(plan: Plan): Located {
  return plan.stepsArray ? { pointer: '/steps', node: plan.stepsArray } : plan.nodesAnchor;
}
