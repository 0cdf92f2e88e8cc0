import { formatVersion, majorOf } from '../versions';
import { declarationName } from '../plan';
import type { PlanRule } from './rule';
import type { NodeState } from '../simulate';
import { stepLabel } from '../describe';
import { skippedRelease } from './upgrade-skips-release';

export const majorSkew: PlanRule = {
  code: 'major-skew',
  severity: 'error',
  needs: 'plan',
  title: 'Two nodes\' Cluster service majors differ by more than 1',
  explanation:
    'Nodes whose Cluster service majors differ by more than 1 are never compatible, with or without NoVersionCheck: NT 4.0 to Windows Server 2003, for example, is not a supported rolling upgrade (KB301538). Upgrade through the release in between, or rebuild the cluster.',
  check({ plan, timeline }, report) {
    const initial = widestPair(timeline.initial.nodes);
    if (initial) {
      report(plan.nodesAnchor, `At the start, ${skew(initial[0], initial[1], plan.functionalLevelPlan)}`, [
        { where: declarationName(initial[0].declaration), message: `${initial[0].name} is declared here` },
        { where: declarationName(initial[1].declaration), message: `${initial[1].name} is declared here` },
      ]);
    }
    for (const result of timeline.steps) {
      const target = result.target;
      // upgrade-skips-release says more at such a step: which release to take instead.
      if (result.step.action !== 'upgrade' || !target || skippedRelease(result)) continue;
      const upgraded = result.after.nodes.find((n) => n.declaration === target.declaration)!;
      if (upgraded.highest === undefined) continue;
      // Only a skew this upgrade makes: one the two nodes already had was reported then, or at /nodes.
      // An evicted node is no longer part of the cluster, so only the members count.
      const farthest = farthestFrom(upgraded, result.after.nodes, (other) => other.member && !apart(target, other));
      if (!farthest) continue;
      report(result.step, `After ${stepLabel(result.step)}, ${skew(upgraded, farthest, plan.functionalLevelPlan)}`, [
        { where: declarationName(farthest.declaration), message: `${farthest.name} is declared here` },
      ]);
    }
  },
};

/** The skew, and why it is final: from Windows Server 2008 on NoVersionCheck plays no part, so it is not named. */
function skew(a: NodeState, b: NodeState, functionalLevelPlan: boolean): string {
  const distance = Math.abs(majorOf(a.highest!) - majorOf(b.highest!));
  return (
    `${a.name} runs ${formatVersion(a.highest)} and ${b.name} runs ${formatVersion(b.highest)}: their Cluster service majors are ${distance} apart. ` +
    (functionalLevelPlan ? 'Nodes more than 1 level apart are never compatible: upgrade one release at a time.' : 'Nodes more than 1 major apart are never compatible, even with NoVersionCheck.')
  );
}

function widestPair(nodes: readonly NodeState[]): [NodeState, NodeState] | undefined {
  let low: NodeState | undefined;
  let high: NodeState | undefined;
  for (const n of nodes) {
    if (n.highest === undefined) continue;
    if (!low || majorOf(n.highest) < majorOf(low.highest!)) low = n;
    if (!high || majorOf(n.highest) > majorOf(high.highest!)) high = n;
  }
  return low && high && majorOf(high.highest!) - majorOf(low.highest!) > 1 ? [low, high] : undefined;
}

/** Two nodes more than 1 major apart. */
function apart(a: NodeState, b: NodeState): boolean {
  return a.highest !== undefined && b.highest !== undefined && Math.abs(majorOf(a.highest) - majorOf(b.highest)) > 1;
}

/** The node farthest from `node`, more than 1 major away, among those `counts` accepts. */
function farthestFrom(node: NodeState, nodes: readonly NodeState[], counts: (other: NodeState) => boolean): NodeState | undefined {
  let farthest: NodeState | undefined;
  let distance = 1;
  for (const other of nodes) {
    if (other === node || other.highest === undefined || !counts(other)) continue;
    const d = Math.abs(majorOf(other.highest) - majorOf(node.highest!));
    if (d > distance) {
      farthest = other;
      distance = d;
    }
  }
  return farthest;
}
