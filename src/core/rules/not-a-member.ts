import { stepLabel } from '../describe';
import type { NodeDeclaration, Step } from '../plan';
import type { PlanRule } from './rule';

/** The actions that need the node in the cluster; `stop` of a non-member is not-running, `add` brings it back. */
const NEEDS_MEMBER: ReadonlySet<string> = new Set(['start', 'join', 'restart', 'drain', 'resume', 'evict']);

export const notAMember: PlanRule = {
  code: 'not-a-member',
  severity: 'error',
  needs: 'plan',
  title: 'A step acts on a node that was evicted',
  explanation:
    'An evicted node (Remove-ClusterNode) is no longer part of the cluster: starting, joining, restarting, draining, resuming or evicting it again does nothing. Add it back first with an "add" step (Add-ClusterNode), usually after its clean install.',
  check({ timeline }, report) {
    // The step that last evicted each node, found in the same pass: a node is declared a member.
    const evictedAt = new Map<NodeDeclaration, Step>();
    for (const r of timeline.steps) {
      const target = r.target;
      if (!target) continue;
      if (!target.member && NEEDS_MEMBER.has(r.step.action!)) {
        const evict = evictedAt.get(target.declaration);
        const since = evict ? `it was evicted at ${stepLabel(evict)}` : 'it is not a member';
        report(
          r.step,
          `${target.name} is not a member of the cluster at ${stepLabel(r.step)}: ${since}, so this ${r.step.action} does nothing. Add it back first with an "add" step.`,
          evict ? [{ where: evict, message: `${target.name} is evicted here` }] : [],
        );
      }
      if (target.member && r.step.action === 'evict') evictedAt.set(target.declaration, r.step);
    }
  },
};
