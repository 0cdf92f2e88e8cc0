import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runExport } from './export';
import { checkPlanFile } from './checkPlanFile';
import { expandPaths, onePlanFile, UsageError } from './files';
import { installedFileUri } from './installation';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { readAndAnalyze } from './readPlanFile';
import type { FileReport } from './report';
import { formatTimeline } from './simulateTable';
import { visible, visibleLine } from './visible';
import { version } from '../../package.json';

const HELP = `clusterplan ${version}: checks and simulates rolling upgrades of Windows NT 4.0, 2000 and
Server 2003 server clusters (KB 811272), and of Windows Server 2008 to 2025 failover
clusters with their cluster functional level.

Usage:
  clusterplan check [--format text|json|sarif] [--fix] [--no-progress] [--help-base-uri URI] PATH...
      Check plans. A directory stands for every *.clusterplan file below it.
      --format  text (default): path:line:col: severity code: message
                json: {"version":1,"files":[…]} with 0-based ranges
                sarif: SARIF 2.1.0 for code-scanning tools; each rule carries
                its page (docs/rules/<code>.md) as its help
      --fix     apply every safe quick fix and write the plans back first
      --no-progress
                no "checking 3/40" line on a terminal (for problem matchers)
      --help-base-uri URI
                with sarif: where your copy of docs/rules/ is published; each
                rule's helpUri is then URI/<code>.md
  clusterplan simulate PATH
      Print the cluster's state before the first step and after every step.
      An asterisk after a node name: NoVersionCheck is in effect on it.
  clusterplan export --format cmd|powershell|markdown [--force] [--no-pause] [-o OUT] PLAN
      Write the plan as a runbook: a batch file, a PowerShell script (-WhatIf
      shows its changes) or a Markdown document, with every step's command and
      the cluster versions expected after it. Every command runs from the
      workstation (Windows XP or Server 2003); the nodes need nothing installed.
      A plan of Windows Server 2008 and later runs the FailoverClusters
      cmdlets instead, in PowerShell or Markdown (cmd is refused).
      --force     export even if the plan has errors; names that cmd or
                  PowerShell cannot carry safely are refused all the same
      --no-pause  show each note and go on instead of waiting until it is
                  done; an upgrade still waits for setup
      -o OUT      write to OUT instead of stdout (never over the plan itself)
  clusterplan lsp --stdio | --node-ipc
      Run the language server: diagnostics, quick fixes, hovers, completion
      and the rest of the editor features, for any editor that speaks the
      Language Server Protocol (docs/editors.md).
  clusterplan --help | --version

Exit codes: 0 no errors, 1 a plan has errors (or, for export, cannot be exported), 2 usage or file problem.
The rules: ${installedFileUri('docs/rules/README.md')}
The plan format: ${installedFileUri('docs/format.md')}
`;

/**
 * `lsp`: the language server takes over the process until the client ends it; `undefined` tells the
 * entry point not to set an exit code or exit.
 */
async function runLanguageServer(paths: readonly string[], values: { stdio?: boolean; 'node-ipc'?: boolean; [key: string]: unknown }): Promise<undefined> {
  if (paths.length > 0) throw new UsageError(`lsp reads only what the editor sends: remove "${paths[0]}"`);
  const others = Object.keys(values).filter((key) => key !== 'stdio' && key !== 'node-ipc' && key !== 'clientProcessId' && values[key] !== undefined);
  if (others.length > 0) throw new UsageError(`lsp takes only --stdio or --node-ipc, not --${others[0]}`);
  if (values.stdio === values['node-ipc']) throw new UsageError('lsp needs one transport: --stdio (most editors) or --node-ipc (VS Code)');
  // Loaded only for lsp: vscode-languageserver starts watching the --clientProcessId process as soon as it
  // is loaded, and check, simulate and export have no use for its start-up cost.
  const { startLanguageServer } = await import('../server/start');
  startLanguageServer();
  return undefined;
}

/** Runs the CLI; returns the exit code, or undefined while the language server runs. Output goes through the writers so tests can capture it. */
export async function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number | undefined> {
  // Every message on stderr is one line, and may quote the plan or the command line: shown, never obeyed.
  const say = (message: string) => err(visibleLine(message));
  try {
    return await run(argv, out, say, err);
  } catch (error) {
    if (error instanceof UsageError) {
      say(`clusterplan: ${error.message}\n`);
      return 2;
    }
    // Anything else is our defect; one line still, never a stack trace in an administrator's terminal.
    say(`clusterplan: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

/** `say` writes one message line to stderr; `status` rewrites the progress line in place, its `\r` included. */
async function run(argv: readonly string[], out: (s: string) => void, say: (s: string) => void, status: (s: string) => void): Promise<number | undefined> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        force: { type: 'boolean' },
        'no-pause': { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        output: { type: 'string', short: 'o' },
        'help-base-uri': { type: 'string' },
        stdio: { type: 'boolean' },
        'node-ipc': { type: 'boolean' },
        // VS Code's client adds it when it forks the server; vscode-languageserver reads it from the process's
        // arguments, and ends the server when that process is gone.
        clientProcessId: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)} (see clusterplan --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(HELP);
    return 0;
  }
  if (values.version) {
    out(`${version}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('no command given: use "check", "simulate", "export" or "lsp" (see clusterplan --help)');
  if (command !== 'check' && command !== 'simulate' && command !== 'export' && command !== 'lsp') throw new UsageError(`unknown command "${command}": use "check", "simulate", "export" or "lsp" (see clusterplan --help)`);
  if (command === 'lsp') return runLanguageServer(paths, values);
  if (values.stdio || values['node-ipc']) throw new UsageError('--stdio and --node-ipc belong to lsp');
  if (values.clientProcessId !== undefined) throw new UsageError('--clientProcessId belongs to lsp: VS Code passes it to the language server');
  if (values['help-base-uri'] !== undefined && command !== 'check') throw new UsageError('--help-base-uri belongs to check --format sarif');
  if (command === 'export') {
    if (values.fix) throw new UsageError('export does not take --fix: run "clusterplan check --fix" first');
    return runExport({ paths, format: values.format, output: values.output, force: values.force ?? false, pause: !values['no-pause'] }, out, say);
  }
  if (values.force || values.output !== undefined) throw new UsageError('--force and -o/--output belong to export');
  if (values['no-pause']) throw new UsageError('--no-pause belongs to export');
  if (paths.length === 0) throw new UsageError(`${command} needs a plan file or directory (see clusterplan --help)`);

  if (command === 'simulate') {
    if (values.format !== undefined || values.fix) throw new UsageError('simulate takes only a plan file');
    const file = await onePlanFile(paths, 'simulate');
    const analysis = await readAndAnalyze(file, say);
    out(formatTimeline(analysis));
    const report: FileReport = { path: file, document: analysis.document, findings: analysis.findings };
    if (analysis.findings.length > 0) out('\n' + formatText([report]));
    return analysis.findings.some((f) => f.severity === 'error') ? 1 : 0;
  }

  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown format "${format}": use text, json or sarif`);
  const helpBaseUri = values['help-base-uri'];
  if (helpBaseUri !== undefined && format !== 'sarif') throw new UsageError('--help-base-uri belongs to check --format sarif');
  if (helpBaseUri !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(helpBaseUri)) throw new UsageError(`--help-base-uri wants an absolute URI such as https://example.org/clusterplan/rules, not "${helpBaseUri}"`);
  const { files, problems } = await expandPaths(paths);
  for (const problem of problems) say(`clusterplan: ${problem}\n`);
  let fileProblems = problems.length;
  const reports: FileReport[] = [];
  // On a terminal only, and not for a problem matcher, which reads the terminal's lines, `\r` and all.
  const progress = files.length > 20 && process.stderr.isTTY && !values['no-progress'];
  for (const [i, file] of files.entries()) {
    if (progress) status(`\rchecking ${i + 1}/${files.length} ${visible(path.basename(file))}`.padEnd(60));
    const checked = await checkPlanFile(file, values.fix ?? false, say);
    if (checked.report) reports.push(checked.report);
    if (checked.problem) fileProblems++;
  }
  if (progress) status('\r'.padEnd(61) + '\r');
  // Nothing was checked: the lines on stderr say why, and "No problems in 0 files" would mislead.
  if (reports.length === 0) return 2;
  if (format === 'json') out(formatJson(reports));
  else if (format === 'sarif') out(formatSarif(reports, { version, helpBaseUri }));
  else out(formatText(reports));
  // A plan that could not be read or written back outweighs the findings of the others.
  if (fileProblems > 0) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}
