import { nameList, stepLabel } from '../describe';
import type { PlanRule } from './rule';

export const clusterOffline: PlanRule = {
  code: 'cluster-offline',
  severity: 'warning',
  needs: 'plan',
  title: 'A step leaves no node active',
  explanation:
    'A rolling upgrade keeps at least one node running so the cluster\'s resources stay online. A step that stops or upgrades the last active node takes the whole cluster offline.',
  check({ plan, timeline }, report) {
    for (const r of timeline.steps) {
      if (r.before.activeCount === 0 || r.after.activeCount > 0) continue;
      const was = r.before.nodes.filter((n) => n.running);
      const cluster = plan.clusterName ? `the cluster ${plan.clusterName}` : 'the cluster';
      report(r.step, `After ${stepLabel(r.step)} no node is active: ${cluster} is offline. Before it, ${nameList(was)} ${was.length === 1 ? 'was' : 'were'} active.`);
    }
  },
};
