import { formatVersion } from '../versions';
import type { PlanRule } from './rule';

export const mixedAtEnd: PlanRule = {
  code: 'mixed-at-end',
  severity: 'information',
  needs: 'plan',
  atEnd: true,
  title: 'The plan ends with a mixed-version cluster',
  explanation:
    'The active nodes run different Cluster service versions when the plan ends. A mixed-version cluster is meant to be a temporary state of a rolling upgrade; ClusterHighestVersion stays at the oldest node\'s version until every node is upgraded.',
  check({ plan, timeline }, report) {
    const end = timeline.final;
    if (!end.mixed) return;
    const versions = end.nodes.filter((n) => n.running).map((n) => `${n.name} ${formatVersion(n.highest)}`);
    report(plan.nodesAnchor, `The plan ends with a mixed-version cluster: ${versions.join(', ')}. ClusterHighestVersion stays ${formatVersion(end.clusterHighestVersion)} until every node is upgraded.`);
  },
};
