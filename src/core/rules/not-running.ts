import { stepLabel } from '../describe';
import type { PlanRule } from './rule';

export const notRunning: PlanRule = {
  code: 'not-running',
  severity: 'warning',
  needs: 'plan',
  title: 'Stop or restart on a node whose service is stopped',
  explanation:
    'The service is already stopped at this point of the plan, so the step does not do what it says: a stop does nothing, and a restart is just a start. The plan may have lost track of the node.',
  check({ timeline }, report) {
    for (const r of timeline.steps) {
      if ((r.step.action !== 'stop' && r.step.action !== 'restart') || !r.target || r.target.running) continue;
      const effect = r.step.action === 'stop' ? 'this stop does nothing' : 'this restart only starts it';
      report(r.step, `The Cluster service on ${r.target.name} is already stopped before ${stepLabel(r.step)}, so ${effect}.`);
    }
  },
};
