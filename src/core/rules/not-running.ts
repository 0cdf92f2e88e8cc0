import { stepLabel } from '../describe';
import type { PlanRule } from './rule';

/** What the step does to a stopped node. */
const EFFECT: ReadonlyMap<string, string> = new Map([
  ['stop', 'this stop does nothing'],
  ['restart', 'this restart only starts it'],
  ['drain', 'this drain does nothing: a stopped node has no roles to move'],
]);

export const notRunning: PlanRule = {
  code: 'not-running',
  severity: 'warning',
  needs: 'plan',
  title: 'Stop, restart or drain on a node whose service is stopped',
  explanation:
    'The service is already stopped at this point of the plan, so the step does not do what it says: a stop or a drain does nothing, and a restart is just a start. The plan may have lost track of the node.',
  check({ timeline }, report) {
    for (const r of timeline.steps) {
      const effect = r.step.action && EFFECT.get(r.step.action);
      if (!effect || !r.target || r.target.running) continue;
      // A restart or drain of an evicted node is not-a-member: it does nothing for that reason first.
      if (r.step.action !== 'stop' && !r.target.member) continue;
      report(r.step, `The Cluster service on ${r.target.name} is already stopped before ${stepLabel(r.step)}, so ${effect}.`);
    }
  },
};
