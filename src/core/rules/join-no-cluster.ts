import { stepLabel } from '../describe';
import type { PlanRule } from './rule';

export const joinNoCluster: PlanRule = {
  code: 'join-no-cluster',
  severity: 'error',
  needs: 'plan',
  title: 'A join while no node is active',
  explanation:
    'A "join" asserts that there is a running cluster to join. With no active node, the service would form a new cluster on its own instead, which is a different operation: use "start" if that is what you mean, or start another node first.',
  check({ timeline }, report) {
    for (const r of timeline.steps) {
      if (r.join?.outcome !== 'no-cluster') continue;
      report(
        r.step,
        `${r.join.joiner.name} cannot join at ${stepLabel(r.step)}: no node is active, so there is no cluster to join. Start another node first, or use "start" to form the cluster on ${r.join.joiner.name}.`,
      );
    }
  },
};
