import { stepLabel } from '../describe';
import type { PlanRule } from './rule';

export const alreadyMember: PlanRule = {
  code: 'already-member',
  severity: 'warning',
  needs: 'plan',
  title: 'An add of a node that is already a member',
  explanation:
    'Add-ClusterNode is for a node outside the cluster: after an evict and its clean install, or a new server. A node upgraded in place stays a member, so the add does nothing, and in particular it does not start the node: use "start".',
  check({ timeline }, report) {
    for (const r of timeline.steps) {
      if (r.step.action !== 'add' || !r.target?.member) continue;
      const name = r.target.name;
      const state = r.target.running ? 'its Cluster service already runs' : `use "start" to start its Cluster service`;
      report(r.step, `${name} is already a member of the cluster at ${stepLabel(r.step)}, so this add does nothing: ${state}. Only an evicted node is added back.`);
    }
  },
};
