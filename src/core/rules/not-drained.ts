import { nameList, stepLabel } from '../describe';
import type { NodeState, StepResult } from '../simulate';
import type { PlanRule } from './rule';

/** The steps that take an active node out of service, as the message says them. */
const TAKES_DOWN: ReadonlyMap<string, string> = new Map([
  ['stop', 'stopped'],
  ['restart', 'restarted'],
  ['upgrade', 'upgraded'],
  ['evict', 'evicted'],
]);

export const notDrained: PlanRule = {
  code: 'not-drained',
  severity: 'warning',
  needs: 'plan',
  title: 'A node is taken down without being drained',
  explanation:
    'Before a node of Windows Server 2008 or later is stopped, restarted, upgraded or evicted, drain it (Suspend-ClusterNode -Drain): its roles then move to the other nodes in a planned way, instead of failing over when its service stops. Resume it (Resume-ClusterNode) once it is back.',
  check({ plan, timeline }, report) {
    if (!plan.functionalLevelPlan) return;
    for (const r of timeline.steps) {
      const others = undrainedOthers(r);
      if (!others) continue;
      const s = others.length === 1 ? 's' : '';
      report(
        r.step,
        `${r.target!.name} is ${TAKES_DOWN.get(r.step.action!)} at ${stepLabel(r.step)} without being drained, while ${nameList(others)} keep${s} the cluster up: its roles would fail over instead of moving in a planned way. ` +
          `Drain it first with a "drain" step (Suspend-ClusterNode -Drain)` + (r.step.action === 'evict' ? '.' : ', and resume it once it is back.'),
      );
    }
  },
};

/**
 * The other active members, when the step takes down an active, unpaused member while they keep the
 * cluster up; undefined otherwise. Stopping the last active member is cluster-offline instead.
 */
export function undrainedOthers(r: StepResult): readonly NodeState[] | undefined {
  const target = r.target;
  if (!target || !r.step.action || !TAKES_DOWN.has(r.step.action) || !target.member || !target.running || target.paused) return undefined;
  const others = r.before.nodes.filter((n) => n.running && n.member && n.declaration !== target.declaration);
  return others.length > 0 ? others : undefined;
}
