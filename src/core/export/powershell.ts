/**
 * The PowerShell runbook: the same steps as the cmd one, with service and registry changes made on each node
 * through Invoke-Command, `-WhatIf` from SupportsShouldProcess, and a stop at the first error.
 *
 * Why it is written the way it is:
 * - Every value from the plan is a single-quoted string (no expansion; `'` doubles) and the file is ASCII,
 *   so Windows PowerShell reading it in the ANSI code page sees the same characters.
 * - Only line comments: a `#>` in a note would end a block comment.
 * - `$ErrorActionPreference` does not travel into a remote session, so each script block sets it again.
 * - The cluster security descriptor goes through cluster.exe: the FailoverClusters cmdlets
 *   (Grant-ClusterAccess, Remove-ClusterAccess) manage only Windows Server 2008 R2 and later clusters.
 */
import { formatVersion } from '../versions';
import { securityValue } from './cmd';
import { headerNotes, noteLines, WAIT_SECONDS, WAIT_TRIES } from './header';
import type { Operation, RunbookModel, RunbookStep } from './model';
import { asciiLine, psQuote, psText } from './quoting';

const TIMEOUT = `[TimeSpan]::FromSeconds(${WAIT_TRIES * WAIT_SECONDS})`;
const I1 = '    ';
const I2 = I1 + I1;
const I3 = I2 + I1;

/** reg.exe's types as the registry provider's -Type names them. */
const PS_TYPES: Readonly<Record<string, string>> = {
  REG_DWORD: 'DWord',
  REG_QWORD: 'QWord',
  REG_SZ: 'String',
  REG_EXPAND_SZ: 'ExpandString',
  REG_MULTI_SZ: 'MultiString',
  REG_BINARY: 'Binary',
};

/** The runbook's lines, one at a time, for exportRunbook, which stops at the limits. */
export function* renderPowerShell(model: RunbookModel): Generator<string> {
  const total = model.steps.length;
  for (const note of headerNotes(model, 'powershell')) yield comment(note);
  yield* ['[CmdletBinding(SupportsShouldProcess)]', 'param()', '', "$ErrorActionPreference = 'Stop'", '$step = 0', 'try {'];
  for (const step of model.steps) {
    if (step.number > 1) yield '';
    yield* [`${I1}# ---- step ${step.number} of ${total} ----`, `${I1}$step = ${step.number}`];
    yield `${I1}Write-Host ${psText(`[step ${step.number}/${total}] ${step.title}`)}`;
    yield* operationLines(step);
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

function operationLines(step: RunbookStep): string[] {
  const op = step.operation;
  switch (op.kind) {
    case 'stop':
      return guarded(op.node, 'Stop the Cluster service', remote(op.node, ['$service.Stop()', waitFor('Stopped')]));
    case 'start': {
      const joins = op.joins ? [`${I1}${comment(`${op.node} joins the cluster when its service starts${op.sponsor ? `, sponsored by ${op.sponsor}` : ''}.`)}`] : [];
      return [...joins, ...guarded(op.node, 'Start the Cluster service', remote(op.node, ['$service.Start()', waitFor('Running')]))];
    }
    case 'restart':
      return guarded(op.node, 'Restart the Cluster service', remote(op.node, ['$service.Stop()', waitFor('Stopped'), '$service.Start()', waitFor('Running')]));
    case 'upgrade':
      return [
        `${I1}Write-Host ${psText(`    Upgrade ${op.node} now to ${op.target}: NodeHighestVersion ${formatVersion(op.highest)}, NodeLowestVersion ${formatVersion(op.lowest)}.`)}`,
        ...guarded(op.node, asciiLine(`Wait for the upgrade to ${op.target}, then make sure the Cluster service is stopped`), [
          `${I2}$null = Read-Host 'Press Enter when setup has finished, or Ctrl+C to stop the runbook'`,
          `${I2}# The plan expects the Cluster service stopped after an upgrade, and a later step starts it.`,
          `${I2}# Setup may have started it, so stop it.`,
          ...remote(op.node, ["if ($service.Status -eq 'Running') { $service.Stop() }", waitFor('Stopped')]),
        ]),
      ];
    case 'set-registry': {
      const value = typeof op.data === 'number' ? String(op.data) : psQuote(op.data);
      const command = `Set-ItemProperty -LiteralPath ${registryPath(op.path)} -Name 'NoVersionCheck' -Type ${PS_TYPES[op.type]} -Value ${value}`;
      return guarded(op.node, asciiLine(`Set NoVersionCheck = ${op.data} (${op.type})`), remoteCommand(op.node, command));
    }
    case 'delete-registry':
      return guarded(op.node, 'Delete NoVersionCheck', remoteCommand(op.node, `Remove-ItemProperty -LiteralPath ${registryPath(op.path)} -Name 'NoVersionCheck'`));
    case 'security':
      return security(op);
    case 'note':
      return noteLines(op.text).map((l) => I1 + comment(l));
  }
}

/** `if ($PSCmdlet.ShouldProcess(target, action)) { … }`: -WhatIf prints the change instead of making it. */
function guarded(target: string, action: string, body: string[]): string[] {
  return [`${I1}if ($PSCmdlet.ShouldProcess(${psQuote(target)}, ${psQuote(action)})) {`, ...body, `${I1}}`];
}

/** A script block on the node working on its ClusSvc service controller. */
function remote(node: string, statements: string[]): string[] {
  return [
    `${I2}Invoke-Command -ComputerName ${psQuote(node)} -ScriptBlock {`,
    `${I3}$ErrorActionPreference = 'Stop'`,
    `${I3}$service = Get-Service -Name ClusSvc`,
    ...statements.map((s) => I3 + s),
    `${I2}}`,
  ];
}

function remoteCommand(node: string, command: string): string[] {
  return [`${I2}Invoke-Command -ComputerName ${psQuote(node)} -ScriptBlock {`, `${I3}$ErrorActionPreference = 'Stop'`, I3 + command, `${I2}}`];
}

function waitFor(status: 'Stopped' | 'Running'): string {
  return `$service.WaitForStatus('${status}', ${TIMEOUT})`;
}

/** A key below HKLM through the registry provider's drive; -LiteralPath, so `[`, `*` and `?` are not wildcards. */
function registryPath(path: string): string {
  return psQuote(`HKLM:\\${path}`);
}

function security(op: Extract<Operation, { kind: 'security' }>): string[] {
  const action = op.grant ? `Grant ${op.account} ${op.rights} access to the cluster security descriptor` : `Revoke ${op.account} from the cluster security descriptor`;
  const via = op.viaNode ? [`${I2}# The plan names no cluster: cluster.exe reaches it through ${asciiLine(op.target)}, a node that runs at this point.`] : [];
  return guarded(op.target, asciiLine(action), [
    ...via,
    `${I2}& cluster.exe ${psQuote(`/cluster:${op.target}`)} /prop ${psQuote(securityValue(op))}`,
    `${I2}if ($LASTEXITCODE -ne 0) { throw "cluster.exe failed with exit code $LASTEXITCODE" }`,
  ]);
}

function comment(text: string): string {
  return text === '' ? '#' : `# ${asciiLine(text)}`;
}
