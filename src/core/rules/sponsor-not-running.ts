import { nameList, stepLabel } from '../describe';
import type { PlanRule } from './rule';

export const sponsorNotRunning: PlanRule = {
  code: 'sponsor-not-running',
  severity: 'warning',
  needs: 'plan',
  title: 'The named sponsor is not an active member',
  explanation:
    'Only a running member can sponsor a join. When the named sponsor is stopped, any active node may sponsor instead, so the version check is skipped only if NoVersionCheck is in effect on every active node.',
  check({ plan, timeline }, report) {
    for (const r of timeline.steps) {
      if (!r.join?.sponsorNotRunning || !('sponsor' in r.step) || !r.step.sponsor) continue;
      // From Windows Server 2008 on the functional level decides the join, whoever sponsors it.
      const instead = plan.functionalLevelPlan
        ? `the node joins through another active node instead (${nameList(r.join.sponsors)}), and the functional level decides the join either way.`
        : `the join is judged against every active node instead (${nameList(r.join.sponsors)}).`;
      report(r.step.sponsor, `The sponsor ${r.step.sponsor.name} is not running at ${stepLabel(r.step)}; ${instead}`);
    }
  },
};
