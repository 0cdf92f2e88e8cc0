import type { VersionMatch } from '../plan';
import { NO_VERSION_CHECK } from '../registry';
import { clusterVersionsOf, joinRulesHeld, type ClusterState } from '../simulate';
import type { NewStep } from './stepEdits';

/** The steps KB 811272 uses, as the fixes insert them. */
export const kbStep = {
  stop: (node: string): NewStep => ({ action: 'stop', node }),
  start: (node: string): NewStep => ({ action: 'start', node }),
  restart: (node: string): NewStep => ({ action: 'restart', node }),
  setNoVersionCheck: (node: string): NewStep => ({ action: 'set-registry', node, name: NO_VERSION_CHECK, type: 'REG_DWORD', data: 1 }),
  deleteNoVersionCheck: (node: string): NewStep => ({ action: 'delete-registry', node, name: NO_VERSION_CHECK }),
};

/**
 * Whether the running node at `index` could stop and start again in `state` while another node keeps the
 * cluster up, with the version check bypassed on its side (`bypassAfter`) or not.
 */
export function restartKeepsClusterUp(state: ClusterState, index: number, bypassAfter: boolean, match: VersionMatch): boolean {
  const node = state.nodes[index];
  if (!node?.running) return false;
  const others = state.nodes.map((n, k) => (k === index ? { ...n, running: false } : n));
  const versions = clusterVersionsOf(others, match);
  if (versions.activeCount === 0) return false;
  if (bypassAfter && others.every((n) => !n.running || n.bypass)) return true;
  const H = versions.clusterHighestVersion;
  const L = versions.clusterLowestVersion;
  if (H === undefined || L === undefined || node.highest === undefined || node.lowest === undefined) return false;
  return joinRulesHeld({ highest: node.highest, lowest: node.lowest }, H, L, match).length > 0;
}
