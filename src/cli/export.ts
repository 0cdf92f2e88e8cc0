import { statSync } from 'node:fs';
import * as path from 'node:path';
import { exportRunbook, isRunbookFormat, type Analysis, type RunbookProblem } from '../core';
import { ioReason, onePlanFile, UsageError } from './files';
import { readAndAnalyze } from './readPlanFile';
import { plural } from './report';
import { writeAtomically } from './writeAtomically';

export interface ExportArgs {
  readonly paths: readonly string[];
  readonly format: string | undefined;
  readonly output: string | undefined;
  readonly force: boolean;
  /** False with `--no-pause`: notes are shown, and the runbook goes on without waiting. */
  readonly pause: boolean;
}

/**
 * `clusterplan export`: the runbook on stdout or in `-o OUT`. Exit 0 when written, 1 when the plan is refused
 * (its errors, or a value no shell can carry), 2 on a usage or file problem. Problems go to stderr, so that
 * stdout carries nothing but the runbook.
 */
export async function runExport(args: ExportArgs, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (args.format === undefined) throw new UsageError('export needs --format cmd, powershell or markdown (see clusterplan --help)');
  if (!isRunbookFormat(args.format)) throw new UsageError(`unknown format "${args.format}" for export: use cmd, powershell or markdown`);
  if (args.paths.length === 0) throw new UsageError('export needs a plan file (see clusterplan --help)');
  const file = await onePlanFile(args.paths, 'export');
  if (args.output !== undefined && sameFile(file, args.output)) {
    throw new UsageError(`${args.output}: that is the plan itself; write the runbook to another file`);
  }

  const analysis = await readAndAnalyze(file, err);
  const result = exportRunbook(analysis, args.format, { force: args.force, planName: path.basename(file), pauseAfterNotes: args.pause });
  const errors = analysis.findings.filter((f) => f.severity === 'error');
  if (!result.ok) {
    // A format that cannot run the plan at all says so in one line: the plan's own problems do not matter then.
    const format = result.problems.find((p) => p.kind === 'format');
    if (format) {
      err(`clusterplan: ${file}: no runbook written: ${format.message}\n`);
      return 1;
    }
    for (const p of result.problems) err(problemLine(file, analysis, p));
    const planErrors = result.problems.filter((p) => p.kind === 'plan-error').length;
    const reason =
      planErrors === result.problems.length
        ? `the plan has ${plural(planErrors, 'error')} (--force exports it anyway)`
        : result.problems.some((p) => p.kind === 'too-large')
          ? 'the runbook would be too long, which --force does not override'
          : 'the plan holds what no runbook can carry safely, which --force does not override';
    err(`clusterplan: ${file}: no runbook written: ${reason}\n`);
    return 1;
  }
  if (errors.length > 0) {
    for (const f of errors) err(problemLine(file, analysis, { kind: 'plan-error', message: f.message, pointer: f.pointer, finding: f }));
    err(`clusterplan: ${file}: exported with --force although the plan has ${plural(errors.length, 'error')}\n`);
  }
  // "-o /dev/stdout" and "-o -" ask for stdout: renaming a file over /dev/stdout would not reach it.
  if (args.output === undefined || args.output === '-' || args.output === '/dev/stdout') {
    out(result.text);
    return 0;
  }
  try {
    await writeAtomically(args.output, Buffer.from(result.text, 'utf8'));
  } catch (error) {
    // Only the folder can be missing: a missing file is created.
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : ioReason(error);
    throw new UsageError(`${args.output}: cannot write the runbook: ${reason}`);
  }
  return 0;
}

/** `path:line:col: error code: message`, as `check` prints findings; refusals of the export carry `export-…`. */
function problemLine(file: string, analysis: Analysis, p: RunbookProblem): string {
  // A node's name is its key: show the key, not the object after it.
  const at = p.finding?.offset ?? analysis.document.memberAt(p.pointer)?.offset ?? analysis.document.nodeAt(p.pointer)?.offset ?? 0;
  const { line, character } = analysis.document.positionAt(at);
  const code = p.finding?.code ?? `export-${p.kind}`;
  return `${file}:${line + 1}:${character + 1}: error ${code}: ${p.message}\n`;
}

/** The same file, also through another spelling, a symlink or a hard link (inode), when OUT exists. */
function sameFile(plan: string, output: string): boolean {
  if (path.resolve(plan) === path.resolve(output)) return true;
  try {
    const a = statSync(plan);
    const b = statSync(output);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}
