import { formatLevel, formatVersion, ruleFor, type Analysis, type ClusterState, type Finding } from '../core';
import { visible } from './visible';

const HEADERS = ['step', 'action', 'node', 'active nodes', 'ClusterHighestVersion', 'ClusterLowestVersion', 'mixed', 'findings'];
/** A functional-level plan also shows which nodes are drained or out of the cluster, and the level (docs/cli-output.md, "The table of simulate"). */
const LEVEL_HEADERS = ['step', 'action', 'node', 'active nodes', 'paused', 'evicted', 'ClusterHighestVersion', 'ClusterLowestVersion', 'ClusterFunctionalLevel', 'mixed', 'findings'];

/** The timeline as a table: the state before the first step, then after every step. */
export function formatTimeline(analysis: Analysis): string {
  const { plan, timeline } = analysis;
  if (!plan || !timeline) return 'The plan could not be read, so it was not simulated.\n';
  const row = plan.functionalLevelPlan ? levelRow : classicRow;
  const atEnd = (f: Finding) => { const rule = ruleFor(f.code); return rule?.needs === 'plan' && rule.atEnd === true; };
  const during = analysis.findings.filter((f) => !atEnd(f));
  const byStep = findingsByStep(during);
  const rows: string[][] = [row('0', '(initial)', '', timeline.initial, findingsAt(during, (p) => !p.startsWith('/steps')))];
  for (const r of timeline.steps) {
    const target = r.step.action !== undefined && 'target' in r.step ? (r.step.target?.name ?? '') : '';
    const outcome = r.join && r.join.outcome !== 'joined' && r.join.outcome !== 'formed' ? ` (${r.join.outcome})` : '';
    rows.push(
      row(
        String(r.step.index + 1) + (r.step.id ? ` ${r.step.id}` : ''),
        (r.step.action ?? '?') + outcome,
        target,
        r.after,
        codes(byStep.get(String(r.step.index)) ?? []),
      ),
    );
  }
  rows.push(row('end', '', '', timeline.final, findingsAt(analysis.findings.filter(atEnd), () => true)));
  return table([plan.functionalLevelPlan ? LEVEL_HEADERS : HEADERS, ...rows]);
}

function classicRow(step: string, action: string, node: string, state: ClusterState, findings: string): string[] {
  const active = state.nodes.filter((n) => n.running).map((n) => n.name + (n.bypass ? '*' : ''));
  return [
    step,
    action,
    node,
    active.length > 0 ? active.join(',') : '(none)',
    formatVersion(state.clusterHighestVersion),
    formatVersion(state.clusterLowestVersion),
    state.mixed ? 'mixed' : '',
    findings,
  ];
}

/** NoVersionCheck bypasses nothing from Windows Server 2008 on, so no name carries the asterisk. */
function levelRow(step: string, action: string, node: string, state: ClusterState, findings: string): string[] {
  const active = state.nodes.filter((n) => n.running).map((n) => n.name);
  return [
    step,
    action,
    node,
    active.length > 0 ? active.join(',') : '(none)',
    state.nodes.filter((n) => n.paused).map((n) => n.name).join(','),
    state.nodes.filter((n) => !n.member).map((n) => n.name).join(','),
    formatVersion(state.clusterHighestVersion),
    formatVersion(state.clusterLowestVersion),
    formatLevel(state.functionalLevel),
    state.mixed ? 'mixed' : '',
    findings,
  ];
}

function findingsAt(findings: readonly Finding[], test: (pointer: string) => boolean): string {
  return codes(findings.filter((f) => test(f.pointer)));
}

function codes(findings: readonly Finding[]): string {
  return findings.map((f) => f.code).join(', ');
}

/** The findings at or below `/steps/N`, by N as the pointer writes it: one pass, however many steps. */
function findingsByStep(findings: readonly Finding[]): Map<string, Finding[]> {
  const byStep = new Map<string, Finding[]>();
  for (const f of findings) {
    const index = /^\/steps\/(\d+)(?:\/|$)/.exec(f.pointer)?.[1];
    if (index === undefined) continue;
    const list = byStep.get(index);
    if (list) list.push(f);
    else byStep.set(index, [f]);
  }
  return byStep;
}

function table(cells: string[][]): string {
  // Names and ids may hold control characters: each cell is measured as it will be shown.
  const rows = cells.map((r) => r.map(visible));
  // Each column as wide as its widest cell, found in a loop: a table has a row per step.
  const widths = rows[0]!.map(() => 0);
  for (const r of rows) r.forEach((cell, c) => (widths[c] = Math.max(widths[c]!, cell.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n') + '\n';
}
