import type { Analysis } from '../analyze';
import type { Catalog } from '../catalog';
import { describeClusterState, stepLabel } from '../describe';
import { formatLevel } from '../functionalLevel';
import type { VersionValue } from '../plan';
import type { ClusterState } from '../simulate';
import { formatMajorMinor, formatVersion } from '../versions';

/** A hint the editor shows inline at `offset`: plain text, never markdown. */
export interface PlanInlayHint {
  readonly offset: number;
  readonly label: string;
  readonly tooltip?: string;
}

/**
 * The hints between `startOffset` and `endOffset` (inclusive), in document order:
 * - at the end of each step, the cluster state it leaves: `→ 4.3718 / 3.2195 · 2 active · mixed`, with the
 *   ClusterHighestVersion and ClusterLowestVersion as M.m, led in a functional-level plan by the level:
 *   `→ FL 9 · 9.8 / 10.3 · 2 active · mixed`. VS Code cuts the hints of a line after 43
 *   characters (`editor.inlayHints.maximumLength`), so the label stays short and the tooltip gives the hex
 *   values. The hint goes after the step's comma when the comma follows its `}` on the same line, else after
 *   the `}`, so it always sits after the step's own text;
 * - after a version written as a DWORD number or a `"0x…"` string, its M.m: `= 4.3790`, unless a state hint is
 *   on the same line.
 * Only the requested range is computed, so scrolling through a plan of thousands of steps stays cheap.
 */
export function inlayHints(analysis: Analysis, startOffset: number, endOffset: number): PlanInlayHint[] {
  const { plan, timeline, document } = analysis;
  if (!plan || !timeline) return [];
  const inRange = (offset: number) => offset >= startOffset && offset <= endOffset;
  const hints: PlanInlayHint[] = [];

  const steps = plan.steps;
  // Steps are in file order: skip to the first one that ends at or after the start of the range.
  let low = 0;
  let high = steps.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const node = steps[mid]!.node;
    if (node.offset + node.length < startOffset) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < steps.length; i++) {
    const step = steps[i]!;
    if (step.node.offset > endOffset) break;
    const result = timeline.steps[i]!;
    const offset = stepHintOffset(document.text, step.node.offset + step.node.length);
    if (!inRange(offset)) continue;
    hints.push({ offset, label: stateLabel(result.after), tooltip: stateTooltip(`After ${stepLabel(step)}`, result.after) });
  }

  // VS Code cuts the hints of a line together, not one by one: on a step's line the state it leaves matters
  // more than the M.m of a DWORD or hex version, which the version's hover also gives.
  const stateLines = new Set(hints.map((h) => document.positionAt(h.offset).line));
  for (const value of plan.versionValues) {
    const hint = versionHint(value, plan.catalog);
    if (hint && inRange(hint.offset) && !stateLines.has(document.positionAt(hint.offset).line)) hints.push(hint);
  }
  return hints.sort((a, b) => a.offset - b.offset);
}

/** `→ 4.3718 / 3.2195 · 2 active · mixed`, or `→ no node active`; `→ FL 9 · …` in a functional-level plan. */
export function stateLabel(state: ClusterState): string {
  const level = shortLevel(state);
  return `→ ${level ? `${level} · ` : ''}${describeClusterState(state)}`;
}

/**
 * `FL 9`: the functional level as short as a hint or a tree row needs it, the release being in the
 * tooltip; undefined outside a functional-level plan, whose states have no level.
 */
export function shortLevel(state: ClusterState): string | undefined {
  return state.functionalLevel === undefined ? undefined : `FL ${state.functionalLevel}`;
}

/** Plain text naming what the label abbreviates, with the versions as the registry shows them. */
export function stateTooltip(heading: string, state: ClusterState): string {
  const active = state.nodes.filter((n) => n.running).map((n) => n.name);
  const lines = [
    `${heading}:`,
    `ClusterHighestVersion ${versionOrWhy(state.clusterHighestVersion, state)}`,
    `ClusterLowestVersion ${versionOrWhy(state.clusterLowestVersion, state)}`,
  ];
  if (state.functionalLevel !== undefined) lines.push(`ClusterFunctionalLevel ${formatLevel(state.functionalLevel)}`);
  lines.push(`active nodes: ${active.length > 0 ? active.join(', ') : 'none'}`);
  if (state.functionalLevel === undefined) lines.push(state.mixed ? 'mixed: the active nodes run different versions' : 'not mixed');
  else lines.push(state.mixed ? 'mixed: the active nodes run different releases (mixed-OS mode)' : 'not mixed');
  return lines.join('\n');
}

export function versionOrWhy(version: number | undefined, state: ClusterState): string {
  if (version !== undefined) return formatVersion(version);
  return state.activeCount === 0 ? 'none (no node is active)' : 'unknown (an active node has an unreadable version)';
}

/** After the step's `}`, and after its comma when one follows on the same line. */
function stepHintOffset(text: string, end: number): number {
  let i = end;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === ',' ? i + 1 : end;
}

/** `= 4.3790` after a DWORD number or a hex string; M.m strings and aliases already read as they are. */
function versionHint(value: VersionValue, catalog: Catalog): PlanInlayHint | undefined {
  if (value.version === undefined) return undefined;
  const node = value.node;
  const raw = node.type === 'number' || (node.type === 'string' && /^0[xX]/.test(String(node.value)));
  if (!raw) return undefined;
  const release = catalog.releaseOf(value.version);
  return {
    offset: node.offset + node.length,
    label: `= ${formatMajorMinor(value.version)}`,
    tooltip: formatVersion(value.version) + (release ? `: ${release.alias}` + (release.preRelease ? ' (pre-release)' : '') : ''),
  };
}
