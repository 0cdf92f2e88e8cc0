/**
 * The Markdown runbook, for the change board: the findings first, the nodes, then every step with its command
 * and the cluster state expected after it. For a plan of the KB 811272 releases the commands are the cmd
 * runbook's, as the KB gives them, escaped for a batch file. For a functional-level plan they are the
 * FailoverClusters cmdlet lines of the PowerShell runbook (cmdlets.ts), run with the module of the newest
 * release in the plan, and the sc and reg commands still written for cmd. Commands sit in fenced code blocks,
 * and every other piece of plan text is escaped (mdText), so a name cannot open a link, a table cell or an
 * HTML tag.
 */
import { releaseOfLevel } from '../functionalLevel';
import { formatVersion } from '../versions';
import { cmdletCommands, levelChange, levelIrreversible, levelUpdate, levelWhatIf } from './cmdlets';
import { clusterCommand, registryCommand, scCommand } from './cmd';
import { catalogText, stateWord, WAIT_SECONDS, WAIT_TRIES } from './header';
import type { Operation, RunbookModel, RunbookStep } from './model';
import { mdCodeBlock, mdText } from './quoting';

/** The runbook's lines, one at a time, for exportRunbook, which stops at the limits. */
export function* renderMarkdown(model: RunbookModel): Generator<string> {
  yield* [`# Runbook: ${model.cluster !== undefined ? `cluster ${mdText(model.cluster)}` : 'the cluster'}`, ''];
  const from = model.planName !== undefined ? ` from ${mdText(model.planName)}` : '';
  const written = `Written by clusterplan export --format markdown${from}. ${model.steps.length} steps, run from an administrator's workstation`;
  if (model.functionalLevelPlan) {
    yield* [
      `${written} with the FailoverClusters PowerShell module of ${releaseOfLevel(model.moduleLevel)} or later, which manages every release in the plan ` +
        '(the Failover Clustering Tools of RSAT bring it, and so does a node of that release). The cmdlets are those of the ' +
        'PowerShell runbook (clusterplan export --format powershell); the sc and reg commands are written for cmd.',
      '',
    ];
  } else {
    yield* [
      `${written} with Windows XP or Windows Server 2003, for cluster.exe (XP gets it from the Windows Server 2003 ` +
        'Administration Tools Pack, adminpak.msi). The commands are those of the cmd runbook (clusterplan export --format cmd), ' +
        'escaped for a batch file.',
      '',
    ];
  }
  if (model.forced) yield* ['> **Warning:** the plan has errors (listed below) and was exported anyway: this runbook may fail or break the cluster.', ''];
  yield* ['## Findings', ''];
  if (model.findings.length === 0) yield 'None.';
  for (const f of model.findings) yield `- ${mdText(f)}`;

  yield* ['', '## Nodes', '', '| Node | Highest version | Lowest version | Catalog | At the start | Description |', '|---|---|---|---|---|---|'];
  for (const n of model.nodes) {
    const cells = [n.name, formatVersion(n.highest), formatVersion(n.lowest), catalogText(n), stateWord(n), n.description ?? ''];
    yield `| ${cells.map(mdText).join(' | ')} |`;
  }
  yield* ['', `Before the first step: ${mdText(model.initial)}.`, '', '## Steps'];
  for (const step of model.steps) {
    yield* ['', `### ${step.number}. ${mdText(step.title)}`];
    const lines = body(step);
    if (lines.length > 0) yield* ['', ...lines];
    yield* ['', `**Expected after step ${step.number}:** ${mdText(step.expected)}.`];
  }
}

function body(step: RunbookStep): string[] {
  const op = step.operation;
  switch (op.kind) {
    case 'stop':
      return [...code([scCommand(op.node, 'stop')]), '', waitText(op.node, 'STOPPED')];
    case 'start': {
      const joins = op.joins ? ['', `${mdText(op.node)} joins the cluster when its service starts${op.sponsor ? `, sponsored by ${mdText(op.sponsor)}` : ''}.`] : [];
      return [...code([scCommand(op.node, 'start')]), ...joins, '', waitText(op.node, 'RUNNING')];
    }
    case 'restart':
      return [
        ...code([scCommand(op.node, 'stop'), scCommand(op.node, 'start')]),
        '',
        `Wait for STOPPED after the first command and for RUNNING after the second (at most ${WAIT_TRIES * WAIT_SECONDS} seconds each).`,
      ];
    case 'upgrade':
      if (!op.member) {
        return [
          `Install ${mdText(op.target)} on ${mdText(op.node)} by hand, with the Failover Clustering feature: NodeHighestVersion ${formatVersion(op.highest)}, NodeLowestVersion ${formatVersion(op.lowest)}.`,
          'The node is out of the cluster, so this is a clean install; a later step adds it.',
        ];
      }
      return [
        `Upgrade ${mdText(op.node)} to ${mdText(op.target)} by hand: NodeHighestVersion ${formatVersion(op.highest)}, NodeLowestVersion ${formatVersion(op.lowest)}.`,
        'The plan expects its Cluster service stopped afterwards, and a later step starts it; if setup started it, stop it:',
        '',
        ...code([scCommand(op.node, 'stop')]),
      ];
    case 'set-registry':
    case 'delete-registry':
      return code([registryCommand(op)]);
    case 'security':
      return [...code([clusterCommand(op)]), ...viaNode(op)];
    case 'note':
      return op.inTitle ? [] : [`Note: ${mdText(op.text)}`];
    case 'cmdlet':
      return [...mdCodeBlock('powershell', cmdletCommands(op)), ...cmdletNotes(op)];
    case 'access':
      return mdCodeBlock('powershell', cmdletCommands(op));
    case 'update-functional-level':
      return [
        'First a test run, which changes nothing and fails if the update would (for instance while a node is paused or stopped):',
        '',
        ...mdCodeBlock('powershell', [levelWhatIf(op)]),
        '',
        ...(op.raises ? [] : [mdText(levelChange(op)), '']),
        'If it succeeds, confirm (the PowerShell runbook asks you to type yes, even when exported with --no-pause), then raise the level:',
        '',
        ...mdCodeBlock('powershell', [levelUpdate(op)]),
        '',
        `**${mdText(levelIrreversible(op.from))}**`,
      ];
  }
}

function cmdletNotes(op: Extract<Operation, { kind: 'cmdlet' }>): string[] {
  const notes: string[] = [];
  if (op.joins) notes.push(`${mdText(op.node)} joins the cluster when its service starts.`);
  if (op.viaNode) notes.push(`No other node runs: the cmdlet reaches the cluster through ${mdText(op.node)} itself.`);
  if (op.action === 'drain') notes.push(`Then check that the drain completed: the DrainStatus of ${mdText(op.node)} must be Completed.`);
  return notes.flatMap((n) => ['', n]);
}

function code(commands: string[]): string[] {
  return mdCodeBlock('bat', commands);
}

function waitText(node: string, state: 'STOPPED' | 'RUNNING'): string {
  return `Then wait until the Cluster service on ${mdText(node)} reports ${state} (at most ${WAIT_TRIES * WAIT_SECONDS} seconds).`;
}

function viaNode(op: Extract<Operation, { kind: 'security' }>): string[] {
  if (!op.viaNode) return [];
  return ['', `The plan names no cluster: cluster.exe reaches it through ${mdText(op.target)}, a node that runs at this point.`];
}
