import { stepLabel } from '../describe';
import type { PlanRule } from './rule';

export const noVersionCheckStillEffective: PlanRule = {
  code: 'noversioncheck-still-effective',
  severity: 'warning',
  needs: 'plan',
  atEnd: true,
  title: 'NoVersionCheck was deleted but the service was not restarted',
  explanation:
    'Deleting NoVersionCheck is not dynamic (KB 811272): the running Cluster service keeps the version check off until it restarts, and until then nodes of other versions may still join.',
  check({ plan, timeline }, report) {
    for (const node of timeline.final.nodes) {
      if (!node.running || !node.bypass || node.registry || node.registryChangedAt === undefined || node.registryChangedAt < 0) continue;
      const step = plan.steps[node.registryChangedAt]!;
      report(step, `NoVersionCheck is deleted on ${node.name} at ${stepLabel(step)}, but its Cluster service is not restarted afterwards, so version checking stays off on ${node.name} at the end of the plan.`);
    }
  },
};
