import { stepLabel } from '../describe';
import type { PlanRule } from './rule';

export const notRunning: PlanRule = {
  code: 'not-running',
  severity: 'warning',
  needs: 'plan',
  title: 'Stop or restart on a node whose service is stopped',
  explanation:
    'The service is already stopped at this point of the plan, so the step does not do what it says: a stop does nothing, and a restart is just a start. The plan may have lost track of the node.',
  check({ plan, timeline }, report) {
    for (let i = 0; i < timeline.facts.length; i++) {
      const action = plan.stepTable.action(i);
      if ((action !== 'stop' && action !== 'restart') || timeline.facts.targetRunning(i) !== false) continue;
      const r = timeline.result(i);
      if (!r.target) continue;
      const effect = r.step.action === 'stop' ? 'this stop does nothing' : 'this restart only starts it';
      report(r.step, `The Cluster service on ${r.target.name} is already stopped before ${stepLabel(r.step)}, so ${effect}.`);
    }
  },
};
