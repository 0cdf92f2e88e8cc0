import type { Analysis } from '../analyze';
import { majorMinorOrUnknown, stepLabel } from '../describe';
import type { Severity } from '../finding';
import { formatLevel, formatNodeLevel, levelOf } from '../functionalLevel';
import type { ClusterState, JoinAttempt, NodeState, StepResult } from '../simulate';
import { formatVersion } from '../versions';
import { shortLevel, stateTooltip } from './inlayHints';

/** One row of the "Cluster Versions" tree: the initial state or the state after one step. */
export interface TimelineItem {
  /** Stable across edits that do not renumber steps: `initial` or `step:<index>`. */
  readonly id: string;
  readonly stepIndex: number | undefined;
  /** `Initial state`, or `5 · join NODE2`. */
  readonly label: string;
  /**
   * `refused 5075 · mixed · 4.3718 / 3.2195 · 2 active`: what needs attention first, as the sidebar cuts the
   * end; `mixed · FL 9 · 9.8 / 10.3 · 2 active` in a functional-level plan.
   */
  readonly description: string;
  /** The state in full, with the versions in hex: `After step 6:\nClusterHighestVersion 0x00040E86 (4.3718)\n…` */
  readonly tooltip: string;
  /** The worst finding on this step (or, for the initial state, on the declarations). */
  readonly worst: Severity | undefined;
  /** Where the editor reveals the row. */
  readonly offset: number;
  readonly length: number;
}

export interface NodeItem {
  readonly name: string;
  /**
   * `running · check bypassed · 4.3790 / 3.2195`, or `stopped · NoVersionCheck 1 · 4.3790 / 3.2195`;
   * `running · paused · 9.8 / 9.8` or `evicted · 10.3 / 10.3` in a functional-level plan.
   */
  readonly description: string;
  /** Every detail, one a line: the versions in hex, the NoVersionCheck value with its type. */
  readonly tooltip: string;
  /** What differs from the row before: service, paused, membership, versions, NoVersionCheck, bypass. */
  readonly changed: readonly string[];
}

/** Enough rows for any real plan; beyond it the tree shows "… N more" instead of freezing the editor. */
export const TIMELINE_ITEM_LIMIT = 5000;

export function timelineItems(analysis: Analysis, limit = TIMELINE_ITEM_LIMIT): { items: TimelineItem[]; more: number } {
  const { plan, timeline, findings } = analysis;
  if (!plan || !timeline) return { items: [], more: 0 };
  const worstAt = worstByStep(analysis);
  const anchor = plan.nodesAnchor.node;
  // A node declared running whose level does not fit the starting level starts stopped, refused.
  const refusedAtStart = timeline.refusedAtStart.map((j) => `${j.joiner.name} does not start: ${levelsRefused(j, 'it')}`);
  const items: TimelineItem[] = [
    {
      id: 'initial',
      stepIndex: undefined,
      label: 'Initial state',
      description: stateDescription(timeline.initial, refusedAtStart.length > 0),
      tooltip: [...refusedAtStart, stateTooltip('Initial state', timeline.initial)].join('\n'),
      worst: worstOf(findings.filter((f) => !f.pointer.startsWith('/steps')).map((f) => f.severity)),
      offset: anchor.offset,
      length: anchor.length,
    },
  ];
  const shown = timeline.steps.slice(0, Math.max(0, limit - 1));
  for (const [i, result] of shown.entries()) items.push(stepItem(result, worstAt.get(i)));
  return { items, more: timeline.steps.length - shown.length };
}

function stepItem(r: StepResult, worst: Severity | undefined): TimelineItem {
  const target = r.step.action !== undefined && 'target' in r.step ? r.step.target?.name : undefined;
  const refused = r.join?.outcome === 'refused';
  const tooltip = [stateTooltip(`After ${stepLabel(r.step)}`, r.after)];
  if (r.join && refused) tooltip.unshift(refusal(r.join));
  if (r.levelUpdate?.outcome === 'raised') tooltip.unshift(`The functional level is raised from ${formatLevel(r.before.functionalLevel)} to ${formatLevel(r.after.functionalLevel)}: this cannot be undone.`);
  return {
    id: `step:${r.step.index}`,
    stepIndex: r.step.index,
    label: `${r.step.index + 1} · ${r.step.action ?? '?'}${target ? ` ${target}` : ''}`,
    description: stateDescription(r.after, refused),
    tooltip: tooltip.join('\n'),
    worst,
    offset: r.step.node.offset,
    length: r.step.node.length,
  };
}

/**
 * A sidebar shows the start of a row, so what needs attention comes first: a refused join, then no node
 * active or mixed versions; then, in a functional-level plan, the level (`FL 9`: the release is in the
 * tooltip), ClusterHighestVersion / ClusterLowestVersion as M.m, and the active count.
 */
function stateDescription(state: ClusterState, refused: boolean): string {
  const parts = refused ? ['refused 5075'] : [];
  const level = shortLevel(state);
  if (state.activeCount === 0) return [...parts, 'no node active', ...(level ? [level] : [])].join(' · ');
  if (state.mixed) parts.push('mixed');
  if (level) parts.push(level);
  parts.push(`${majorMinorOrUnknown(state.clusterHighestVersion)} / ${majorMinorOrUnknown(state.clusterLowestVersion)}`, `${state.activeCount} active`);
  return parts.join(' · ');
}

/**
 * Why a join was refused. Before Windows Server 2008 the event log says it (event 1071); for the functional
 * level no Microsoft source gives an event, so only the error is named, with the levels that did not fit.
 */
function refusal(join: JoinAttempt): string {
  return join.functionalLevel === undefined ? 'The join is refused: event 1071, error 5075.' : `The join is refused: ${levelsRefused(join, join.joiner.name)}`;
}

/** `error 5075, NODE3 runs level 11 (Windows Server 2022) and the cluster is at FL 9 (Windows Server 2016).` */
function levelsRefused(join: JoinAttempt, subject: string): string {
  const level = join.joiner.highest === undefined ? 'an unknown level' : formatNodeLevel(levelOf(join.joiner.highest));
  return `error 5075, ${subject} runs ${level} and the cluster is at ${formatLevel(join.functionalLevel)}.`;
}

/**
 * The nodes under one row, with what changed since the row before. Separate from the rows because a
 * 10,000-step plan has 160,000 of them and the tree shows only those of the rows that are expanded.
 */
export function timelineNodes(analysis: Analysis, stepIndex: number | undefined): NodeItem[] {
  const timeline = analysis.timeline;
  if (!timeline) return [];
  const levels = analysis.plan?.functionalLevelPlan === true;
  if (stepIndex === undefined) return timeline.initial.nodes.map((n) => nodeItem(n, undefined, levels));
  const r = timeline.steps[stepIndex];
  return r ? r.after.nodes.map((n, i) => nodeItem(n, r.before.nodes[i], levels)) : [];
}

/**
 * The node row leads with its service (or that it is evicted: out of the cluster, it has none) and whether
 * it is paused, then whether its version check is bypassed (or, while it is not, the NoVersionCheck value
 * its next start will read), then its versions; the tooltip has the rest. `levels`: a functional-level plan.
 */
function nodeItem(node: NodeState, before: NodeState | undefined, levels: boolean): NodeItem {
  const value = node.registry ? JSON.stringify(node.registry.data ?? null) : undefined;
  const service = node.running ? 'running' : 'stopped';
  const parts = [node.member ? service : 'evicted'];
  if (node.paused) parts.push('paused');
  if (node.bypass) parts.push('check bypassed');
  else if (value !== undefined) parts.push(`NoVersionCheck ${value}`);
  parts.push(`${majorMinorOrUnknown(node.highest)} / ${majorMinorOrUnknown(node.lowest)}`);
  const changed: string[] = [];
  if (before && before !== node) {
    if (before.running !== node.running) changed.push('service');
    if (before.paused !== node.paused) changed.push('paused');
    if (before.member !== node.member) changed.push('membership');
    if (before.highest !== node.highest || before.lowest !== node.lowest) changed.push('versions');
    if (before.registry?.type !== node.registry?.type || before.registry?.data !== node.registry?.data) changed.push('NoVersionCheck');
    if (before.bypass !== node.bypass) changed.push('bypass');
  }
  const tooltip = [
    node.member ? `${node.name}: Cluster service ${service}${node.paused ? ', paused (drained)' : ''}` : `${node.name}: evicted, not a member of the cluster`,
    `highest ${formatVersion(node.highest)}, lowest ${formatVersion(node.lowest)}`,
  ];
  if (levels && node.highest !== undefined) tooltip.push(formatNodeLevel(levelOf(node.highest)));
  tooltip.push(node.registry ? `NoVersionCheck ${node.registry.type} ${value}` : 'no NoVersionCheck');
  if (node.running) tooltip.push(node.bypass ? 'version check bypassed' : 'version check on');
  if (changed.length > 0) tooltip.push(`changed: ${changed.join(', ')}`);
  return { name: node.name, description: parts.join(' · '), tooltip: tooltip.join('\n'), changed };
}

const RANK: Record<Severity, number> = { error: 4, warning: 3, information: 2, hint: 1 };

function worstOf(severities: readonly Severity[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const s of severities) if (!worst || RANK[s] > RANK[worst]) worst = s;
  return worst;
}

function worstByStep(analysis: Analysis): Map<number, Severity> {
  const worst = new Map<number, Severity>();
  for (const f of analysis.findings) {
    const m = /^\/steps\/(\d+)(?:\/|$)/.exec(f.pointer);
    if (!m) continue;
    const index = Number(m[1]);
    worst.set(index, worstOf([f.severity, ...(worst.has(index) ? [worst.get(index)!] : [])])!);
  }
  return worst;
}
