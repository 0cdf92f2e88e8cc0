import type { Analysis } from '../analyze';
import { describeClusterState } from '../describe';
import type { Severity } from '../finding';
import type { NodeState, StepResult } from '../simulate';
import { formatVersion } from '../versions';

/** One row of the "Cluster Versions" tree: the initial state or the state after one step. */
export interface TimelineItem {
  /** Stable across edits that do not renumber steps: `initial` or `step:<index>`. */
  readonly id: string;
  readonly stepIndex: number | undefined;
  /** `Initial state`, or `5 · join NODE2`. */
  readonly label: string;
  /** `0x00040E86 (4.3718) / 0x00030893 (3.2195) · 2 active · mixed` */
  readonly description: string;
  /** The worst finding on this step (or, for the initial state, on the declarations). */
  readonly worst: Severity | undefined;
  /** Where the editor reveals the row. */
  readonly offset: number;
  readonly length: number;
}

export interface NodeItem {
  readonly name: string;
  /** `running · 0x00040ECE (4.3790) / 0x00030893 (3.2195) · NoVersionCheck REG_DWORD 1 · check bypassed` */
  readonly description: string;
  /** What differs from the row before: service, versions, NoVersionCheck, bypass. */
  readonly changed: readonly string[];
}

/** Enough rows for any real plan; beyond it the tree shows "… N more" instead of freezing the editor. */
export const TIMELINE_ITEM_LIMIT = 5000;

export function timelineItems(analysis: Analysis, limit = TIMELINE_ITEM_LIMIT): { items: TimelineItem[]; more: number } {
  const { plan, timeline, findings } = analysis;
  if (!plan || !timeline) return { items: [], more: 0 };
  const worstAt = worstByStep(analysis);
  const anchor = plan.nodesAnchor.node;
  const items: TimelineItem[] = [
    {
      id: 'initial',
      stepIndex: undefined,
      label: 'Initial state',
      description: describeClusterState(timeline.initial),
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
  return {
    id: `step:${r.step.index}`,
    stepIndex: r.step.index,
    label: `${r.step.index + 1} · ${r.step.action ?? '?'}${target ? ` ${target}` : ''}`,
    description: describeClusterState(r.after) + (r.join?.outcome === 'refused' ? ' · refused (5075)' : ''),
    worst,
    offset: r.step.node.offset,
    length: r.step.node.length,
  };
}

/**
 * The nodes under one row, with what changed since the row before. Separate from the rows because a
 * 10,000-step plan has 160,000 of them and the tree shows only those of the rows that are expanded.
 */
export function timelineNodes(analysis: Analysis, stepIndex: number | undefined): NodeItem[] {
  const timeline = analysis.timeline;
  if (!timeline) return [];
  if (stepIndex === undefined) return timeline.initial.nodes.map((n) => nodeItem(n, undefined));
  const r = timeline.steps[stepIndex];
  return r ? r.after.nodes.map((n, i) => nodeItem(n, r.before.nodes[i])) : [];
}

function nodeItem(node: NodeState, before: NodeState | undefined): NodeItem {
  const registry = node.registry ? `NoVersionCheck ${node.registry.type} ${JSON.stringify(node.registry.data ?? null)}` : 'no NoVersionCheck';
  const parts = [node.running ? 'running' : 'stopped', `${formatVersion(node.highest)} / ${formatVersion(node.lowest)}`, registry];
  if (node.running) parts.push(node.bypass ? 'check bypassed' : 'check on');
  const changed: string[] = [];
  if (before && before !== node) {
    if (before.running !== node.running) changed.push('service');
    if (before.highest !== node.highest || before.lowest !== node.lowest) changed.push('versions');
    if (before.registry?.type !== node.registry?.type || before.registry?.data !== node.registry?.data) changed.push('NoVersionCheck');
    if (before.bypass !== node.bypass) changed.push('bypass');
  }
  return { name: node.name, description: parts.join(' · '), changed };
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
