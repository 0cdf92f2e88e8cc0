import { describeNode, nameList, stepLabel } from '../describe';
import { formatLevel, formatNodeLevel, levelOf, MIXED_OS_FROM, releaseOfLevel } from '../functionalLevel';
import { declarationName, type Located, type Plan } from '../plan';
import { runsWindows2008OrLater, type JoinAttempt, type NodeState, type StepResult } from '../simulate';
import { formatVersion } from '../versions';
import type { PlanRule, Related, Report } from './rule';

/** The event and the error are in the title and in each finding's message; the explanation does not repeat them, since hovers show it beside the message. */
export const joinIncompatible: PlanRule = {
  code: 'join-incompatible',
  severity: 'error',
  needs: 'plan',
  title: 'A start, join or restart is refused: error 5075, event 1071',
  explanation:
    'A node may join only if its highest version equals ClusterHighestVersion, its lowest version equals ClusterHighestVersion, or its highest version equals ClusterLowestVersion; otherwise its Cluster service does not start. For an RC to RTM upgrade, KB 811272 sets NoVersionCheck = 1 on the joiner and on its sponsor before their services start. ' +
    'From Windows Server 2008 on, the cluster functional level decides instead: a node joins only at the cluster\'s level, or at the next level from FL 8 (Windows Server 2012 R2) on, and NoVersionCheck changes nothing.',
  check({ plan, timeline }, report) {
    if (plan.functionalLevelPlan) {
      checkLevels(plan, timeline.refusedAtStart, timeline.steps, report);
      return;
    }
    for (const result of timeline.steps) {
      const join = result.join;
      if (join?.outcome !== 'refused') continue;
      const j = join.joiner;
      const unbypassed = [j, ...join.sponsors].filter((n) => !n.bypass);
      // A node of 2008 or later among 2003 nodes: NoVersionCheck is no way in (docs/simulation.md, decisions).
      const migrating = [j, ...join.sponsors].filter(runsWindows2008OrLater);
      report(
        result.step,
        `${describeNode(j)} would be refused: ClusterHighestVersion is ${formatVersion(join.clusterHighestVersion)} and ClusterLowestVersion ${formatVersion(join.clusterLowestVersion)}, and none of the three join rules holds. ` +
          `The Cluster service would log event 1071 with error 5075 (ERROR_CLUSTER_INCOMPATIBLE_VERSIONS). ` +
          `The version check runs because NoVersionCheck is not in effect on ${nameList(unbypassed)}.` +
          (migrating.length > 0
            ? ` On ${nameList(migrating)}, which ${migrating.length === 1 ? 'runs' : 'run'} Windows Server 2008 or later, it bypasses nothing: moving from Windows Server 2003 to 2008 is a migration to a new cluster, not a rolling upgrade.`
            : ''),
        related(plan, result, [j, ...join.sponsors]),
      );
    }
  },
};

/**
 * With the functional level (docs/simulation.md): the nodes declared running that the starting level
 * refuses, at their declaration, then each refused start, join, restart or add.
 */
function checkLevels(plan: Plan, refusedAtStart: readonly JoinAttempt[], steps: readonly StepResult[], report: Report): void {
  const setting = plan.functionalLevel;
  for (const join of refusedAtStart) {
    const j = join.joiner;
    report(
      declarationName(j.declaration),
      `${j.name} is declared running but would be refused: ${levels(j, join.functionalLevel!, 'starts at')} ` +
        `Its Cluster service would not start, with error 5075 (ERROR_CLUSTER_INCOMPATIBLE_VERSIONS), so the simulation starts it stopped. ` +
        `Correct its version${setting ? ' or "functionalLevel"' : ''}, or declare it "state": "stopped".`,
      setting ? [{ where: setting, message: `The cluster starts at ${formatLevel(join.functionalLevel)} here` }] : [],
    );
  }
  for (const result of steps) {
    const join = result.join;
    if (join?.outcome !== 'refused' || join.functionalLevel === undefined || join.joiner.highest === undefined) continue;
    const j = join.joiner;
    const failure = result.step.action === 'add' ? 'Add-ClusterNode would fail' : 'Its Cluster service would not start';
    report(
      result.step,
      `${j.name} would be refused at ${stepLabel(result.step)}: ${levels(j, join.functionalLevel, 'is at')} ` +
        `${failure}, with error 5075 (ERROR_CLUSTER_INCOMPATIBLE_VERSIONS). ${levelFix(j.name, levelOf(j.highest!), join.functionalLevel)}`,
      [{ where: declarationOf(j), message: `${j.name} is declared here` }],
    );
  }
}

/** `it runs level 11 (Windows Server 2022), the cluster is at FL 9 (Windows Server 2016), and a node joins only …` */
function levels(joiner: NodeState, functionalLevel: number, clusterIs: string): string {
  return (
    `it runs ${formatNodeLevel(levelOf(joiner.highest!))}, the cluster ${clusterIs} ${formatLevel(functionalLevel)}, ` +
    `and a node joins only at the cluster's level, or at the next level from FL ${MIXED_OS_FROM} on.`
  );
}

/** What gets the node in: its release against the cluster's level. */
function levelFix(name: string, level: number, functionalLevel: number): string {
  if (level === functionalLevel - 1) return `Upgrade ${name} to ${releaseOfLevel(functionalLevel)} first.`;
  if (level < functionalLevel) return `Upgrade ${name} one release at a time, up to ${releaseOfLevel(functionalLevel)}.`;
  if (functionalLevel < MIXED_OS_FROM) return `Before FL ${MIXED_OS_FROM} (${releaseOfLevel(MIXED_OS_FROM)}) no cluster mixes releases: move to a new cluster instead.`;
  return 'Upgrade one release at a time, and raise the functional level between releases.';
}

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
