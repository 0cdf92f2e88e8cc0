import { stepLabel } from '../describe';
import { declarationName, type NodeDeclaration, type Step } from '../plan';
import type { Timeline } from '../simulate';
import type { PlanRule } from './rule';

export const pausedAtEnd: PlanRule = {
  code: 'paused-at-end',
  severity: 'warning',
  needs: 'plan',
  atEnd: true,
  title: 'A node is still paused at the end',
  explanation:
    'A drained (paused) node hosts no roles, and no role moves or fails over to it, until Resume-ClusterNode. Left paused, the cluster has one node less to fail over to, and Update-ClusterFunctionalLevel fails while a node is paused.',
  check({ timeline }, report) {
    const drainedAt = lastDrains(timeline);
    for (const node of timeline.final.nodes) {
      if (!node.member || !node.paused) continue;
      const step = drainedAt.get(node.declaration);
      const origin = step ? `drained at ${stepLabel(step)}` : 'declared "paused" in "nodes"';
      report(
        declarationName(node.declaration),
        `At the end of the plan, ${node.name} is still paused (${origin}): no role moves or fails over to it until it is resumed. Add a resume step for ${node.name} at the end.`,
      );
    }
  },
};

/** The step that last paused each node: the drain that a node's final pause comes from. */
function lastDrains(timeline: Timeline): Map<NodeDeclaration, Step> {
  const drains = new Map<NodeDeclaration, Step>();
  for (const r of timeline.steps) {
    if (r.step.action === 'drain' && r.target && !r.target.paused && r.after !== r.before) drains.set(r.target.declaration, r.step);
  }
  return drains;
}
