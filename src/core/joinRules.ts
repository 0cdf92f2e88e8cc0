import type { VersionMatch } from './plan';
import type { NodeState } from './simulate';
import { majorOf } from './versions';

/**
 * The version check of the KB 811272 releases (docs/simulation.md, "Joining"): ClusterHighestVersion and
 * ClusterLowestVersion over the active nodes, and the three rules a joiner must meet one of. Plans of
 * Windows Server 2008 and later use the functional level instead (functionalLevel.ts).
 */

/** ClusterHighestVersion and ClusterLowestVersion over the active nodes, recomputed when one joins or leaves. */
export interface ClusterVersions {
  readonly activeCount: number;
  /** Min of the active nodes' highest versions; undefined with no active node or an unknown version. */
  readonly clusterHighestVersion: number | undefined;
  /** Max of the active nodes' lowest versions; undefined likewise. */
  readonly clusterLowestVersion: number | undefined;
  /** The active nodes' highest versions differ (by the plan's versionMatch). */
  readonly mixed: boolean;
}

/** The three conditions of which at least one must hold for a node to join. */
export type JoinRule = 'highest = ClusterHighestVersion' | 'lowest = ClusterHighestVersion' | 'highest = ClusterLowestVersion';

/** ClusterHighestVersion (min of highest) and ClusterLowestVersion (max of lowest) over the running nodes. */
export function clusterVersionsOf(nodes: readonly NodeState[], match: VersionMatch): ClusterVersions {
  let activeCount = 0;
  let highest: number | undefined;
  let lowest: number | undefined;
  let known = true;
  let mixed = false;
  let first: number | undefined;
  for (const n of nodes) {
    if (!n.running) continue;
    activeCount++;
    if (n.highest === undefined || n.lowest === undefined) {
      known = false;
      continue;
    }
    highest = highest === undefined ? n.highest : Math.min(highest, n.highest);
    lowest = lowest === undefined ? n.lowest : Math.max(lowest, n.lowest);
    if (first === undefined) first = n.highest;
    else if (!versionsEqual(first, n.highest, match)) mixed = true;
  }
  return { activeCount, clusterHighestVersion: known ? highest : undefined, clusterLowestVersion: known ? lowest : undefined, mixed };
}

/** Which of the three join conditions hold for a joiner against the cluster's versions, in their order. */
export function joinRulesHeld(joiner: { highest: number; lowest: number }, clusterHighest: number, clusterLowest: number, match: VersionMatch): JoinRule[] {
  const held: JoinRule[] = [];
  if (versionsEqual(joiner.highest, clusterHighest, match)) held.push('highest = ClusterHighestVersion');
  if (versionsEqual(joiner.lowest, clusterHighest, match)) held.push('lowest = ClusterHighestVersion');
  if (versionsEqual(joiner.highest, clusterLowest, match)) held.push('highest = ClusterLowestVersion');
  return held;
}

export function versionsEqual(a: number, b: number, match: VersionMatch): boolean {
  return match === 'major' ? majorOf(a) === majorOf(b) : a === b;
}
