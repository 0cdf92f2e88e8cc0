import type { Step } from './plan';
import type { NodeState } from './simulate';
import { formatMajorMinor, formatVersion } from './versions';

/** Message pieces shared by rules, so every message shows numbers the same way. */

/** `NODE2 (highest 0x00040ECE (4.3790), lowest 0x00030893 (3.2195))` */
export function describeNode(node: { name: string; highest: number | undefined; lowest: number | undefined }): string {
  return `${node.name} (highest ${formatVersion(node.highest)}, lowest ${formatVersion(node.lowest)})`;
}

/** Steps are numbered from 1 in messages, as administrators count them; pointers stay 0-based. */
export function stepLabel(step: Pick<Step, 'index' | 'id'>): string {
  return `step ${step.index + 1}` + (step.id ? ` ("${step.id}")` : '');
}

export function nameList(nodes: readonly Pick<NodeState, 'name'>[]): string {
  const names = nodes.map((n) => n.name);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function stepIndexOf(pointer: string): number | undefined {
  const m = /^\/steps\/(\d+)$/.exec(pointer);
  return m ? Number(m[1]) : undefined;
}

/**
 * `4.3718 / 3.2195 · 2 active · mixed`: one state as the inlay hints show it, short enough to be shown whole
 * at the end of a line. The hex values are in the hint's tooltip.
 */
export function describeClusterState(state: { activeCount: number; clusterHighestVersion: number | undefined; clusterLowestVersion: number | undefined; mixed: boolean }): string {
  if (state.activeCount === 0) return 'no node active';
  const versions = `${majorMinorOrUnknown(state.clusterHighestVersion)} / ${majorMinorOrUnknown(state.clusterLowestVersion)}`;
  return `${versions} · ${state.activeCount} active` + (state.mixed ? ' · mixed' : '');
}

export function majorMinorOrUnknown(version: number | undefined): string {
  return version === undefined ? 'unknown' : formatMajorMinor(version);
}
