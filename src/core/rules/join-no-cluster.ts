import { stepLabel } from '../describe';
import type { PlanRule } from './rule';

export const joinNoCluster: PlanRule = {
  code: 'join-no-cluster',
  severity: 'error',
  needs: 'plan',
  title: 'A join or add while no node is active',
  explanation:
    'A "join" asserts that there is a running cluster to join. With no active node, the service would form a new cluster on its own instead, which is a different operation: use "start" if that is what you mean, or start another node first. An "add" (Add-ClusterNode) needs a running cluster too: with none, it fails and the node stays outside.',
  check({ timeline }, report) {
    for (const r of timeline.steps) {
      if (r.join?.outcome !== 'no-cluster') continue;
      const name = r.join.joiner.name;
      report(
        r.step,
        r.step.action === 'add'
          ? `${name} cannot be added at ${stepLabel(r.step)}: no node is active, and Add-ClusterNode needs a running cluster, so ${name} stays outside it. Start a member first.`
          : `${name} cannot join at ${stepLabel(r.step)}: no node is active, so there is no cluster to join. Start another node first, or use "start" to form the cluster on ${name}.`,
      );
    }
  },
};
