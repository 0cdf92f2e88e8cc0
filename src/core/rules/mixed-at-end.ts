import { formatVersion } from '../versions';
import { levelName, nodeAtLevel } from './levelWords';
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
    const active = end.nodes.filter((n) => n.running);
    if (plan.functionalLevelPlan) {
      // From Windows Server 2008 on, what holds the cluster back is its functional level, raised only by Update-ClusterFunctionalLevel.
      report(plan.nodesAnchor, `The plan ends with a mixed-version cluster: ${active.map(nodeAtLevel).join(', ')}. The cluster stays at ${levelName(end.functionalLevel)} until every node is upgraded and the level is raised.`);
      return;
    }
    const versions = active.map((n) => `${n.name} ${formatVersion(n.highest)}`);
    report(plan.nodesAnchor, `The plan ends with a mixed-version cluster: ${versions.join(', ')}. ClusterHighestVersion stays ${formatVersion(end.clusterHighestVersion)} until every node is upgraded.`);
  },
};
