/**
 * The header the cmd and PowerShell runbooks share, as plain sentences (each renderer comments and escapes
 * them): where the runbook comes from, the nodes, the findings, and the versions expected after each step, so
 * that the operator can compare them with what the cluster reports.
 */
import { releaseOfLevel } from '../functionalLevel';
import { formatVersion } from '../versions';
import type { RunbookModel, RunbookNode } from './model';
import { asciiLine } from './quoting';

/** How long a runbook waits for ClusSvc to reach a state: joining can take a while on a busy cluster. */
export const WAIT_TRIES = 36;
export const WAIT_SECONDS = 5;

/**
 * Where a runbook runs. cluster.exe must be one that manages a Windows 2000 or Server 2003 cluster: Server
 * 2003's own, or the one XP gets from the Administration Tools Pack. sc and reg come with both.
 */
const WORKSTATION = [
  "Run it on an administrator's workstation, with administrative rights on every node: Windows XP or Windows",
  'Server 2003, for cluster.exe (XP gets it from the Windows Server 2003 Administration Tools Pack, adminpak.msi).',
];

/** The header's lines, one at a time: it lists every finding and every step. */
export function* headerNotes(model: RunbookModel, format: 'cmd' | 'powershell'): Generator<string> {
  yield title(model, format);
  if (model.functionalLevelPlan) {
    // The cmd runbook refuses a functional-level plan (runbook.ts): only the PowerShell one gets here.
    yield* moduleNotes(model);
  } else if (format === 'cmd') {
    yield* WORKSTATION;
    yield* [
      'Every command runs there: sc and reg reach each node remotely, and cluster.exe the cluster, so the nodes',
      'need nothing installed. It stops at the first step that fails.',
      pauses(model),
    ];
  } else {
    yield* WORKSTATION;
    yield* [
      'PowerShell 2.0 or later runs it (on XP and Server 2003: the Windows Management Framework Core, KB968930).',
      'Every command runs there: sc.exe and reg.exe reach each node remotely, and cluster.exe the cluster, so the',
      'nodes need neither PowerShell nor WinRM. It stops at the first step that fails.',
      pauses(model),
      '-WhatIf shows every change without making any, and does not pause.',
    ];
  }
  if (model.forced) yield* ['', 'WARNING: the plan has errors (listed below) and was exported anyway: this runbook may fail or break the cluster.'];
  yield* ['', 'Nodes at the start:'];
  for (const line of table(model.nodes.map(nodeCells))) yield '  ' + line;
  yield '';
  if (model.findings.length === 0) yield 'Findings: none.';
  else yield 'Findings:';
  for (const f of model.findings) yield '  ' + f;
  yield* ['', 'Expected after each step (ClusterHighestVersion: the lowest highest version of the active nodes;'];
  yield model.functionalLevelPlan ? 'ClusterLowestVersion: the highest lowest version; FL: the cluster functional level):' : 'ClusterLowestVersion: the highest lowest version):';
  const width = String(model.steps.length).length;
  yield `  ${'start'.padEnd(5 + width)}  ${model.initial}`;
  for (const s of model.steps) yield `  step ${String(s.number).padStart(width)}  ${s.expected}`;
}

/**
 * Where a functional-level plan's runbook runs: the FailoverClusters module of the newest release in the plan
 * (or of 2008 R2, the first, or of 2016 if the plan raises the level) manages every cluster of the plan, and
 * comes with the Failover Clustering Tools or with that release.
 */
function* moduleNotes(model: RunbookModel): Generator<string> {
  yield* [
    "Run it on an administrator's workstation, with administrative rights on the cluster, in PowerShell with the",
    `FailoverClusters module of ${releaseOfLevel(model.moduleLevel)} or later, which manages every release in the plan: the`,
    'Failover Clustering Tools (RSAT) bring it, and so does a node of that release. The cmdlets reach the cluster',
    'by its name, and sc.exe and reg.exe reach each node remotely. It stops at the first step that fails.',
    pauses(model),
  ];
  if (model.steps.some((s) => s.operation.kind === 'update-functional-level')) {
    yield 'Before it raises the functional level, which cannot be undone, it asks you to type yes, even with --no-pause.';
  }
  yield '-WhatIf shows every change without making any, and does not pause.';
}

function pauses(model: RunbookModel): string {
  if (model.pauseAfterNotes) return 'It pauses after each note until you have done what it says, and after each upgrade for setup.';
  return 'It pauses after each upgrade for setup; exported with --no-pause, it shows each note and goes on.';
}

function title(model: RunbookModel, format: string): string {
  const cluster = model.cluster !== undefined ? `cluster ${model.cluster}` : 'the cluster';
  const from = model.planName !== undefined ? ` from ${model.planName}` : '';
  return `Runbook for ${cluster}${from}, written by clusterplan export --format ${format}.`;
}

/** `ws2003-rc2 (pre-release)`, or `-` for versions that match no catalog entry. */
export function catalogText(node: RunbookNode): string {
  if (node.alias === undefined) return '-';
  return node.preRelease ? `${node.alias} (pre-release)` : node.alias;
}

/** `running`, `stopped`, with `, paused` and `, NoVersionCheck set` when the plan declares them. */
export function stateWord(node: RunbookNode): string {
  return (node.running ? 'running' : 'stopped') + (node.paused ? ', paused' : '') + (node.noVersionCheck ? ', NoVersionCheck set' : '');
}

function nodeCells(node: RunbookNode): string[] {
  const description = node.description === undefined ? '' : asciiLine(node.description);
  return [node.name, `highest ${formatVersion(node.highest)}`, `lowest ${formatVersion(node.lowest)}`, catalogText(node), stateWord(node), description];
}

/** Columns padded to their widest cell, two spaces apart. */
function table(rows: string[][]): string[] {
  if (rows.length === 0) return ['(none)'];
  const widths = rows[0]!.map(() => 0);
  for (const r of rows) r.forEach((cell, c) => (widths[c] = Math.max(widths[c]!, cell.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
}
