import { analyze, fixAll, type Analysis } from '../core';
import { encodePlan } from './encoding';
import { ioReason, UsageError } from './files';
import { analyzePlanFile, badBytesWarning, readPlanFile, type PlanFile } from './readPlanFile';
import { plural, type FileReport } from './report';
import { writeAtomically } from './writeAtomically';

export interface CheckedFile {
  /** Undefined when the file could not be read. */
  readonly report: FileReport | undefined;
  /** A file problem was reported on stderr: the run goes on with the other plans and ends with exit code 2. */
  readonly problem: boolean;
}

/**
 * `check` on one plan: read it, with `--fix` apply the safe fixes and write the plan back whole or not at
 * all, then analyse what is on the disk. Problems and fixes go to stderr, one line each, so that
 * `--format json` and `sarif` stay parseable on stdout.
 */
export async function checkPlanFile(file: string, fix: boolean, err: (s: string) => void): Promise<CheckedFile> {
  let plan: PlanFile;
  try {
    plan = await readPlanFile(file);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`clusterplan: ${error.message}\n`);
    return { report: undefined, problem: true };
  }
  if (plan.kind === 'too-large') return checked(file, analyzePlanFile(plan));
  const fixed = fix ? fixAll(plan.text) : undefined;
  if (!fixed || fixed.applied.length === 0) {
    const warning = badBytesWarning(file, plan);
    if (warning) err(warning);
    return checked(file, fixed?.analysis ?? analyze(plan.text));
  }

  const fixes = plural(fixed.applied.length, 'fix', 'fixes');
  // The bad bytes were read as U+FFFD: writing the text back would destroy them.
  if (plan.badLine !== undefined) {
    err(`clusterplan: ${file}:${plan.badLine}: not valid ${plan.encoding} (its first bad byte is on this line), so --fix did not write its ${fixes}: the plan is unchanged; save it as ${plan.encoding} and run --fix again\n`);
    return checked(file, analyze(plan.text), true);
  }
  try {
    await writeAtomically(file, encodePlan(fixed.text, plan.encoding));
  } catch (error) {
    err(`clusterplan: ${file}: cannot write the fixed plan: ${ioReason(error)}; the plan is unchanged, its ${fixes} not applied\n`);
    return checked(file, analyze(plan.text), true);
  }
  // One message a line: a line break inside a message is shown, not obeyed (docs/cli-output.md).
  err(`${file}: applied ${fixes}:\n`);
  for (const a of fixed.applied) err(`  ${a.code}: ${a.title}\n`);
  return checked(file, fixed.analysis);
}

function checked(file: string, analysis: Analysis, problem = false): CheckedFile {
  return { report: { path: file, document: analysis.document, findings: analysis.findings }, problem };
}
