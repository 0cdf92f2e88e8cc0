import { stepLabel } from '../describe';
import type { PlanRule } from './rule';

export const registryWhileRunning: PlanRule = {
  code: 'registry-while-running',
  severity: 'warning',
  needs: 'plan',
  title: 'NoVersionCheck is set while the node\'s service runs',
  explanation:
    'The Cluster service reads NoVersionCheck when it starts, so a value set while it runs changes nothing until the next start. KB 811272 stops the service, sets the value, then starts the service. Deleting the value while the service runs is the KB\'s own clean-up and is not flagged.',
  check({ plan, timeline }, report) {
    // From Windows Server 2008 on the value bypasses nothing, so no start needs to read it (docs/simulation.md).
    if (plan.functionalLevelPlan) return;
    for (const r of timeline.steps) {
      if (r.step.action !== 'set-registry' || !r.target?.running) continue;
      report(r.step, `${r.target.name}'s Cluster service is running at ${stepLabel(r.step)}: NoVersionCheck set now takes effect only at its next start. Stop the service before setting the value and start it afterwards.`);
    }
  },
};
