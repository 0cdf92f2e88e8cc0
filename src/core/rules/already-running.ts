import { stepLabel } from '../describe';
import type { PlanRule } from './rule';

export const alreadyRunning: PlanRule = {
  code: 'already-running',
  severity: 'warning',
  needs: 'plan',
  title: 'Start or join on a node whose service already runs',
  explanation:
    '"net start clussvc" on a running service does nothing: the node does not re-read NoVersionCheck and does not rejoin. If the step is meant to apply a registry change, use "restart".',
  check({ plan, timeline }, report) {
    // From Windows Server 2008 on NoVersionCheck bypasses nothing, so there is no registry change to apply.
    const advice = plan.functionalLevelPlan ? '.' : '; it does not re-read NoVersionCheck. Use "restart" to apply a registry change.';
    for (const r of timeline.steps) {
      if (r.join?.outcome !== 'already-running') continue;
      report(r.step, `The Cluster service already runs on ${r.join.joiner.name} at ${stepLabel(r.step)}, so this ${r.step.action} does nothing${advice}`);
    }
  },
};
