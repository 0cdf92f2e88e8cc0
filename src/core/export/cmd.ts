/**
 * The cmd runbook: a batch file run on an administrator's workstation, reaching every node remotely with
 * sc.exe, reg.exe and cluster.exe, the tools KB 811272 names. It stops at the first failing step.
 *
 * Why it is written the way it is:
 * - Delayed expansion is switched off explicitly (a registry setting may turn it on), so `!` is plain text.
 * - No value from the plan goes through a pipe, `for /f`, `call` or an environment variable: each of those
 *   parses the text a second time, which undoes the escaping. The service state is therefore polled into a
 *   temporary file and searched there, not piped into find.
 * - Every label is made from the step number only.
 */
import { formatVersion } from '../versions';
import { headerNotes, WAIT_SECONDS, WAIT_TRIES } from './header';
import { type Operation, type RunbookModel, type RunbookStep } from './model';
import { cmdArg, cmdEscape, cmdInQuotes, cmdText } from './quoting';

const QUERY_FILE = '"%TEMP%\\clusterplan-sc-query.txt"';

/** The runbook's lines, one at a time, for exportRunbook, which stops at the limits. */
export function* renderCmd(model: RunbookModel): Generator<string> {
  const total = model.steps.length;
  yield '@echo off';
  for (const note of headerNotes(model, 'cmd')) yield comment(note);
  yield* [
    comment(''),
    comment('The values in this file are escaped for cmd with delayed expansion off: do not enable it here.'),
    'setlocal EnableExtensions DisableDelayedExpansion',
    'set "CLUSTERPLAN_STEP=0"',
  ];
  for (const step of model.steps) {
    yield* ['', comment(`---- step ${step.number} of ${total} ----`), `set "CLUSTERPLAN_STEP=${step.number}"`];
    yield `echo [step ${step.number}/${total}] ${cmdText(step.title)}`;
    yield* operationLines(step, model.pauseAfterNotes);
    yield `echo     expected now: ${cmdText(step.expected)}`;
  }
  yield* [
    '',
    `echo All ${total} steps are done.`,
    `del ${QUERY_FILE} 2>nul`,
    'exit /b 0',
    '',
    ':timeout',
    `echo The Cluster service did not reach the expected state within ${WAIT_TRIES * WAIT_SECONDS} seconds.`,
    ':failed',
    'echo Step %CLUSTERPLAN_STEP% failed and the runbook stopped there. Find the cause before you go on by hand.',
    'exit /b 1',
  ];
}

function operationLines(step: RunbookStep, pauseAfterNotes: boolean): string[] {
  const op = step.operation;
  const n = step.number;
  switch (op.kind) {
    case 'stop':
      return [...sc(op.node, 'stop'), ...wait(n, 'stopped', op.node, 'STOPPED')];
    case 'start':
      return [...joinComment(op), ...sc(op.node, 'start'), ...wait(n, 'running', op.node, 'RUNNING')];
    case 'restart':
      return [
        ...sc(op.node, 'stop'),
        ...wait(n, 'stopped', op.node, 'STOPPED'),
        ...sc(op.node, 'start'),
        ...wait(n, 'running', op.node, 'RUNNING'),
      ];
    case 'upgrade':
      return [
        `echo     Upgrade ${cmdText(op.node)} now to ${cmdText(op.target)}: NodeHighestVersion ${formatVersion(op.highest)}, NodeLowestVersion ${formatVersion(op.lowest)}.`,
        'echo     Press a key when setup has finished, or Ctrl+C to stop the runbook.',
        'pause >nul',
        comment('The plan expects the Cluster service stopped after an upgrade, and a later step starts it. Setup'),
        comment('may have started it, so stop it; an error here only means that it was not running.'),
        `${scCommand(op.node, 'stop')} >nul 2>&1`,
        ...wait(n, 'stopped', op.node, 'STOPPED'),
      ];
    case 'set-registry':
    case 'delete-registry':
      return checked(registryCommand(op));
    case 'security':
      return [...securityComment(op), ...checked(clusterCommand(op))];
    case 'note': {
      const shown = op.inTitle ? [] : [`echo     ${cmdText(`Note: ${op.text}`)}`];
      return pauseAfterNotes ? [...shown, 'echo     Press a key when this is done, or Ctrl+C to stop the runbook.', 'pause >nul'] : shown;
    }
    case 'cmdlet':
    case 'access':
    case 'update-functional-level':
      // Only a functional-level plan has these, and exportRunbook refuses it a cmd runbook.
      throw new Error(`the cmd runbook has no command for ${op.kind}`);
  }
}

function sc(node: string, verb: 'stop' | 'start'): string[] {
  return checked(scCommand(node, verb));
}

/** `sc \\NODE stop clussvc`. Also the Markdown runbook's commands. */
export function scCommand(node: string, verb: 'stop' | 'start'): string {
  return `sc \\\\${cmdEscape(node)} ${verb} clussvc`;
}

export function registryCommand(op: Extract<Operation, { kind: 'set-registry' | 'delete-registry' }>): string {
  if (op.kind === 'delete-registry') return `reg delete ${regKey(op.node, op.path)} /v NoVersionCheck /f`;
  const data = typeof op.data === 'number' ? String(op.data) : cmdArg(op.data);
  return `reg add ${regKey(op.node, op.path)} /v NoVersionCheck /t ${op.type} /d ${data} /f`;
}

export function clusterCommand(op: Extract<Operation, { kind: 'security' }>): string {
  return `cluster /cluster:${cmdEscape(op.target)} /prop ${cmdArg(securityValue(op))}`;
}

function checked(command: string): string[] {
  return [command, 'if errorlevel 1 goto :failed'];
}

/** Polls until ClusSvc reports `state`, at most WAIT_TRIES times, WAIT_SECONDS apart. */
function wait(stepNumber: number, suffix: string, node: string, state: 'STOPPED' | 'RUNNING'): string[] {
  // Neither label is a prefix of the other, nor of another step's: goto must never be able to confuse them.
  const loop = `wait${stepNumber}_${suffix}`;
  const done = `done${stepNumber}_${suffix}`;
  return [
    `echo     waiting until ClusSvc on ${cmdText(node)} is ${state} (at most ${WAIT_TRIES * WAIT_SECONDS} seconds)`,
    'set /a CLUSTERPLAN_TRIES=0',
    `:${loop}`,
    `sc \\\\${cmdEscape(node)} query clussvc >${QUERY_FILE} 2>&1`,
    `find "${state}" ${QUERY_FILE} >nul`,
    `if not errorlevel 1 goto :${done}`,
    'set /a CLUSTERPLAN_TRIES+=1',
    `if %CLUSTERPLAN_TRIES% geq ${WAIT_TRIES} goto :timeout`,
    // timeout.exe is not on Windows XP: n pings, a second apart, wait n - 1 seconds.
    `ping -n ${WAIT_SECONDS + 1} 127.0.0.1 >nul`,
    `goto :${loop}`,
    `:${done}`,
  ];
}

/** `"\\NODE\HKLM\…"`: quoted as the KB writes it; inside quotes only `%` needs escaping. */
function regKey(node: string, path: string): string {
  return `"\\\\${cmdInQuotes(node)}\\HKLM\\${cmdInQuotes(path)}"`;
}

/** cluster.exe's `Security=account,grant,f:security` or `Security=account,revoke:security`. */
export function securityValue(op: Extract<Operation, { kind: 'security' }>): string {
  return op.grant ? `Security=${op.account},grant,${op.rights === 'full' ? 'f' : 'r'}:security` : `Security=${op.account},revoke:security`;
}

function securityComment(op: Extract<Operation, { kind: 'security' }>): string[] {
  if (!op.viaNode) return [];
  return [comment(`The plan names no cluster: cluster.exe reaches it through ${op.target}, a node that runs at this point.`)];
}

function joinComment(op: { readonly node: string; readonly joins: boolean; readonly sponsor: string | undefined }): string[] {
  if (!op.joins) return [];
  const sponsor = op.sponsor ? `, sponsored by ${op.sponsor}` : '';
  return [comment(`${op.node} joins the cluster when its service starts${sponsor}.`)];
}

function comment(text: string): string {
  return text === '' ? 'rem' : `rem ${cmdText(text)}`;
}
