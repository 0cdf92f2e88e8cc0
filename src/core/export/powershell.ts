/**
 * The PowerShell runbook, run from the administrator's workstation, with `-WhatIf` from SupportsShouldProcess
 * and a stop at the first failure. For a plan of the KB 811272 releases it runs the cmd runbook's commands
 * (sc.exe, reg.exe, cluster.exe); for a functional-level plan, the FailoverClusters cmdlets (cmdlets.ts), and
 * sc.exe and reg.exe only where no cmdlet does the step (the stop after an in-place upgrade, the registry).
 *
 * Why it is written the way it is:
 * - Nothing runs on the nodes: Windows 2000 has no PowerShell, and Server 2003 has it (and WinRM) only as an
 *   add-on that clusters rarely have. sc.exe and reg.exe reach a node remotely, as in the cmd runbook; the
 *   cmdlets reach the cluster by its name (-Cluster).
 * - The script itself uses nothing newer than PowerShell 2.0, the newest for Windows XP and Server 2003,
 *   whose cluster.exe manages the KB 811272 clusters: `SupportsShouldProcess=$true` is spelt out.
 * - A functional-level runbook needs what the workstation's FailoverClusters module needs: the module of the
 *   newest release in the plan (header.ts names it), checked once before the first step. From Windows Server
 *   2012's on (draining, DrainStatus) the module comes only with a Windows that has PowerShell 3.0 or later;
 *   Update-ClusterFunctionalLevel is in the module of Windows Server 2016 and later, which a plan whose
 *   update raises the level has, since a node of the next release must run by then.
 * - Every value from the plan is a single-quoted string (no expansion; `'` doubles) and the file is ASCII,
 *   so Windows PowerShell reading it in the ANSI code page sees the same characters. safety.ts refuses what
 *   PowerShell would not pass to a native program exactly: `"`, empty data, and a space before a final `\`.
 * - A native program's failure is its exit code, not an error: `$LASTEXITCODE` is checked after each one. A
 *   cmdlet's failure is an error, which `$ErrorActionPreference = 'Stop'` turns into the runbook's stop.
 * - Only line comments: a `#>` in plan text would end a block comment.
 */
import { formatVersion } from '../versions';
import { cmdletCommands, levelChange, levelIrreversible, levelTitle, levelUpdate, levelWhatIf } from './cmdlets';
import { securityValue } from './cmd';
import { headerNotes, WAIT_SECONDS, WAIT_TRIES } from './header';
import type { Operation, RunbookModel, RunbookStep } from './model';
import { asciiLine, psQuote, psText } from './quoting';
import { titleOf } from './wording';

const I1 = '    ';
const I2 = I1 + I1;

/** The runbook's lines, one at a time, for exportRunbook, which stops at the limits. */
export function* renderPowerShell(model: RunbookModel): Generator<string> {
  const total = model.steps.length;
  for (const note of headerNotes(model, 'powershell')) yield comment(note);
  yield* [
    '[CmdletBinding(SupportsShouldProcess=$true)]',
    'param()',
    '',
    "$ErrorActionPreference = 'Stop'",
    '# The runbook checks every exit code itself: PowerShell 7.4 and later must not turn one into an error.',
    '$PSNativeCommandUseErrorActionPreference = $false',
    '$step = 0',
    '',
    ...(model.functionalLevelPlan ? [...importModule(), ''] : []),
    ...(needsWait(model) ? [...waitFunction(), ''] : []),
    'try {',
  ];
  for (const step of model.steps) {
    if (step.number > 1) yield '';
    yield* [`${I1}# ---- step ${step.number} of ${total} ----`, `${I1}$step = ${step.number}`];
    yield `${I1}Write-Host ${psText(`[step ${step.number}/${total}] ${step.title}`)}`;
    yield* operationLines(step, model.pauseAfterNotes);
    yield `${I1}Write-Host ${psText(`    expected now: ${step.expected}`)}`;
  }
  yield* [
    '} catch {',
    `${I1}Write-Host "Step $step failed and the runbook stopped there: $($_.Exception.Message)"`,
    `${I1}Write-Host 'Find the cause before you go on by hand.'`,
    `${I1}exit 1`,
    '}',
    `Write-Host 'All ${total} steps are done.'`,
  ];
}

/**
 * A functional-level plan's runbook runs the FailoverClusters cmdlets: the module is checked once, before any
 * step, so that a workstation without it stops with what to install rather than at the first cmdlet.
 */
function importModule(): string[] {
  return [
    'if (-not (Get-Module -ListAvailable -Name FailoverClusters)) {',
    `${I1}Write-Host 'The FailoverClusters PowerShell module is not on this computer: install the Failover Clustering Tools (RSAT), or run the runbook on a node of the cluster.'`,
    `${I1}exit 1`,
    '}',
    'Import-Module FailoverClusters',
  ];
}

/**
 * Whether the runbook defines Wait-ClusSvc. A functional-level runbook calls it only after an in-place upgrade
 * (its cmdlets wait for the node themselves), so it has the function only then. The runbook of the KB 811272
 * releases keeps it whatever its steps, as it always had: those runbooks do not change.
 */
function needsWait(model: RunbookModel): boolean {
  return !model.functionalLevelPlan || model.steps.some((step) => waitsForService(step.operation));
}

/** The operations whose lines call Wait-ClusSvc: sc.exe's stop and start, and the stop after an in-place upgrade. */
function waitsForService(op: Operation): boolean {
  return op.kind === 'stop' || op.kind === 'start' || op.kind === 'restart' || (op.kind === 'upgrade' && op.member);
}

/**
 * Polls `sc.exe \\NODE query clussvc` until it reports the state, as the cmd runbook does. A query that fails
 * (the node is still restarting) counts as not there yet.
 */
function waitFunction(): string[] {
  return [
    `# Waits until ClusSvc on the node reports the state: at most ${WAIT_TRIES} queries, ${WAIT_SECONDS} seconds apart.`,
    'function Wait-ClusSvc {',
    `${I1}param([string]$Node, [string]$State)`,
    `${I1}Write-Host "    waiting until ClusSvc on $Node is $State (at most ${WAIT_TRIES * WAIT_SECONDS} seconds)"`,
    `${I1}for ($try = 1; ; $try++) {`,
    `${I2}$query = & sc.exe "\\\\$Node" query clussvc`,
    `${I2}if ($LASTEXITCODE -eq 0 -and ($query -match $State)) { return }`,
    `${I2}if ($try -ge ${WAIT_TRIES}) { throw "The Cluster service on $Node did not reach $State within ${WAIT_TRIES * WAIT_SECONDS} seconds." }`,
    `${I2}Start-Sleep -Seconds ${WAIT_SECONDS}`,
    `${I1}}`,
    '}',
  ];
}

function operationLines(step: RunbookStep, pauseAfterNotes: boolean): string[] {
  const op = step.operation;
  switch (op.kind) {
    case 'stop':
      return guarded(op.node, 'Stop the Cluster service', [...sc(op.node, 'stop'), wait(op.node, 'STOPPED')]);
    case 'start': {
      const joins = op.joins ? [`${I1}${comment(`${op.node} joins the cluster when its service starts${op.sponsor ? `, sponsored by ${op.sponsor}` : ''}.`)}`] : [];
      return [...joins, ...guarded(op.node, 'Start the Cluster service', [...sc(op.node, 'start'), wait(op.node, 'RUNNING')])];
    }
    case 'restart':
      return guarded(op.node, 'Restart the Cluster service', [...sc(op.node, 'stop'), wait(op.node, 'STOPPED'), ...sc(op.node, 'start'), wait(op.node, 'RUNNING')]);
    case 'upgrade':
      if (!op.member) return cleanInstall(op);
      return [
        `${I1}Write-Host ${psText(`    Upgrade ${op.node} now to ${op.target}: NodeHighestVersion ${formatVersion(op.highest)}, NodeLowestVersion ${formatVersion(op.lowest)}.`)}`,
        ...guarded(op.node, asciiLine(`Wait for the upgrade to ${op.target}, then make sure the Cluster service is stopped`), [
          `${I2}$null = Read-Host 'Press Enter when setup has finished, or Ctrl+C to stop the runbook'`,
          `${I2}# The plan expects the Cluster service stopped after an upgrade, and a later step starts it. Setup`,
          `${I2}# may have started it, so stop it; exit code 1062 only means that it was not running.`,
          `${I2}$null = & sc.exe ${psQuote(`\\\\${op.node}`)} stop clussvc`,
          `${I2}if ($LASTEXITCODE -ne 0 -and $LASTEXITCODE -ne 1062) { throw "sc.exe stop failed with exit code $LASTEXITCODE" }`,
          wait(op.node, 'STOPPED'),
        ]),
      ];
    case 'set-registry': {
      const command = `& reg.exe add ${regKey(op.node, op.path)} /v NoVersionCheck /t ${op.type} /d ${psQuote(String(op.data))} /f`;
      return guarded(op.node, asciiLine(`Set NoVersionCheck = ${op.data} (${op.type})`), checked(command, 'reg.exe add'));
    }
    case 'delete-registry':
      return guarded(op.node, 'Delete NoVersionCheck', checked(`& reg.exe delete ${regKey(op.node, op.path)} /v NoVersionCheck /f`, 'reg.exe delete'));
    case 'security':
      return security(op);
    case 'note': {
      const shown = op.inTitle ? [] : [`${I1}Write-Host ${psText(`    Note: ${op.text}`)}`];
      // A dry run (-WhatIf) changes nothing for the operator to do, so it does not wait.
      const pause = `${I1}if (-not $WhatIfPreference) { $null = Read-Host 'Press Enter when this is done, or Ctrl+C to stop the runbook' }`;
      return pauseAfterNotes ? [...shown, pause] : shown;
    }
    case 'cmdlet':
      return nodeCmdlet(op);
    case 'access':
      return guarded(op.cluster, asciiLine(titleOf(op)), cmdletCommands(op).map(cmdlet));
    case 'update-functional-level':
      return raiseLevel(op);
  }
}

/** A cmdlet inside the step's ShouldProcess; its output, the node it changed, is left out of the log. */
function cmdlet(command: string): string {
  return `${I2}$null = ${command}`;
}

function nodeCmdlet(op: Extract<Operation, { kind: 'cmdlet' }>): string[] {
  const lines: string[] = [];
  if (op.joins) lines.push(`${I1}${comment(`${op.node} joins the cluster when its service starts.`)}`);
  if (op.viaNode) lines.push(`${I1}${comment(`No other node runs: the cmdlet reaches the cluster through ${op.node} itself.`)}`);
  const body = cmdletCommands(op).map(cmdlet);
  // Suspend-ClusterNode -Drain -Wait returns when the drain ends, also when a role could not move.
  if (op.action === 'drain') {
    body.push(
      `${I2}if ((Get-ClusterNode -Cluster ${psQuote(op.cluster)} -Name ${psQuote(op.node)}).DrainStatus -ne 'Completed') { throw ${psText(`Not every role left ${op.node}: see its DrainStatus in Failover Cluster Manager.`)} }`,
    );
  }
  return [...lines, ...guarded(op.node, CMDLET_ACTIONS[op.action], body)];
}

/** What ShouldProcess (and -WhatIf) says each cmdlet does to the node. */
const CMDLET_ACTIONS: Readonly<Record<Extract<Operation, { kind: 'cmdlet' }>['action'], string>> = {
  stop: 'Stop the Cluster service',
  start: 'Start the Cluster service',
  restart: 'Restart the Cluster service',
  drain: 'Drain the roles and pause the node',
  resume: 'Resume the node and fail its roles back',
  evict: 'Evict the node from the cluster',
  add: 'Add the node to the cluster',
};

/**
 * Update-ClusterFunctionalLevel: the -WhatIf run, which fails if the update would, then the administrator's
 * confirmation, then the real call. The confirmation is asked even with --no-pause: the level cannot be lowered.
 * The levels and why it is for good are shown on screen just before the question, where the operator reads,
 * not only in the script.
 */
function raiseLevel(op: Extract<Operation, { kind: 'update-functional-level' }>): string[] {
  return guarded(op.cluster, asciiLine(levelTitle(op)), [
    `${I2}# A test run first: it changes nothing, and fails if the update would.`,
    cmdlet(levelWhatIf(op)),
    `${I2}Write-Host ${psText(`    ${levelChange(op)}`)}`,
    `${I2}Write-Host ${psText(`    ${levelIrreversible(op.from)}`)}`,
    `${I2}$answer = Read-Host 'Type yes to raise the functional level for good, or anything else to stop the runbook'`,
    `${I2}if ($answer -ne 'yes') { throw 'The functional level was not raised: the administrator did not confirm.' }`,
    cmdlet(levelUpdate(op)),
  ]);
}

/** The upgrade of a node out of the cluster (after an evict): a clean install, then a later step adds it. */
function cleanInstall(op: Extract<Operation, { kind: 'upgrade' }>): string[] {
  return [
    `${I1}Write-Host ${psText(`    Install ${op.target} on ${op.node} now, with the Failover Clustering feature: NodeHighestVersion ${formatVersion(op.highest)}, NodeLowestVersion ${formatVersion(op.lowest)}.`)}`,
    ...guarded(op.node, asciiLine(`Wait for the installation of ${op.target}`), [`${I2}$null = Read-Host 'Press Enter when setup has finished, or Ctrl+C to stop the runbook'`]),
  ];
}

/** `if ($PSCmdlet.ShouldProcess(target, action)) { … }`: -WhatIf prints the change instead of making it. */
function guarded(target: string, action: string, body: string[]): string[] {
  return [`${I1}if ($PSCmdlet.ShouldProcess(${psQuote(target)}, ${psQuote(action)})) {`, ...body, `${I1}}`];
}

/** A native command, then the check of its exit code; `program` names it in the message, never a plan value. */
function checked(command: string, program: string): string[] {
  return [I2 + command, `${I2}if ($LASTEXITCODE -ne 0) { throw "${program} failed with exit code $LASTEXITCODE" }`];
}

function sc(node: string, verb: 'stop' | 'start'): string[] {
  return checked(`& sc.exe ${psQuote(`\\\\${node}`)} ${verb} clussvc`, `sc.exe ${verb}`);
}

function wait(node: string, state: 'STOPPED' | 'RUNNING'): string {
  return `${I2}Wait-ClusSvc -Node ${psQuote(node)} -State '${state}'`;
}

/** `'\\NODE\HKLM\…'`: reg.exe's remote form, as the cmd runbook writes it. */
function regKey(node: string, path: string): string {
  return psQuote(`\\\\${node}\\HKLM\\${path}`);
}

function security(op: Extract<Operation, { kind: 'security' }>): string[] {
  const action = op.grant ? `Grant ${op.account} ${op.rights} access to the cluster security descriptor` : `Revoke ${op.account} from the cluster security descriptor`;
  const via = op.viaNode ? [`${I2}# The plan names no cluster: cluster.exe reaches it through ${asciiLine(op.target)}, a node that runs at this point.`] : [];
  return guarded(op.target, asciiLine(action), [...via, ...checked(`& cluster.exe ${psQuote(`/cluster:${op.target}`)} /prop ${psQuote(securityValue(op))}`, 'cluster.exe')]);
}

function comment(text: string): string {
  return text === '' ? '#' : `# ${asciiLine(text)}`;
}
