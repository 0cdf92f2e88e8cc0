import { describeNode, nameList, stepLabel } from '../describe';
import { declarationName, type Located, type Plan } from '../plan';
import type { NodeState, StepResult } from '../simulate';
import { formatVersion } from '../versions';
import type { PlanRule, Related } from './rule';

/** The event and the error are in the title and in each finding's message; the explanation does not repeat them, since hovers show it beside the message. */
export const joinIncompatible: PlanRule = {
  code: 'join-incompatible',
  severity: 'error',
  needs: 'plan',
  title: 'A start, join or restart is refused: error 5075, event 1071',
  explanation:
    'A node may join only if its highest version equals ClusterHighestVersion, its lowest version equals ClusterHighestVersion, or its highest version equals ClusterLowestVersion; otherwise its Cluster service does not start. For an RC to RTM upgrade, KB 811272 sets NoVersionCheck = 1 on the joiner and on its sponsor before their services start.',
  check({ plan, timeline }, report) {
    for (const result of timeline.steps) {
      const join = result.join;
      if (join?.outcome !== 'refused') continue;
      const j = join.joiner;
      const unbypassed = [j, ...join.sponsors].filter((n) => !n.bypass);
      report(
        result.step,
        `${describeNode(j)} would be refused: ClusterHighestVersion is ${formatVersion(join.clusterHighestVersion)} and ClusterLowestVersion ${formatVersion(join.clusterLowestVersion)}, and none of the three join rules holds. ` +
          `The Cluster service would log event 1071 with error 5075 (ERROR_CLUSTER_INCOMPATIBLE_VERSIONS). ` +
          `The version check runs because NoVersionCheck is not in effect on ${nameList(unbypassed)}.`,
        related(plan, result, [j, ...join.sponsors]),
      );
    }
  },
};

/** The node's declaration, then where NoVersionCheck last changed on the joiner and each sponsor. */
function related(plan: Plan, result: StepResult, nodes: readonly NodeState[]): Related[] {
  const list: Related[] = [{ where: declarationOf(nodes[0]!), message: `${nodes[0]!.name} is declared here` }];
  for (const node of nodes) {
    const at = node.registryChangedAt;
    if (at === undefined) {
      list.push({ where: declarationOf(node), message: `NoVersionCheck is never set on ${node.name} before ${stepLabel(result.step)}` });
    } else if (at === -1) {
      list.push({ where: declarationOf(node), message: `${node.name} is declared with NoVersionCheck` });
    } else {
      const step = plan.steps[at]!;
      list.push({ where: step, message: `NoVersionCheck last changed on ${node.name} at ${stepLabel(step)}` });
    }
  }
  return list;
}

function declarationOf(node: NodeState): Located {
  return declarationName(node.declaration);
}
