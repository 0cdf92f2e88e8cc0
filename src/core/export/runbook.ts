/**
 * Runbook export: a checked plan as a cmd batch file, a PowerShell script or a Markdown document.
 * Pure: the CLI and the editor both call exportRunbook and decide themselves where the text goes.
 */
import type { Analysis } from '../analyze';
import type { Finding } from '../finding';
import type { Plan } from '../plan';
import { renderCmd } from './cmd';
import { renderMarkdown } from './markdown';
import { buildModel, RUNBOOK_LIMITS, tooLarge, tooManySteps, type RunbookModel } from './model';
import { RUNBOOK_FORMATS, type RunbookFormat } from './formats';
import { renderPowerShell } from './powershell';

export { isRunbookFormat, RUNBOOK_FORMATS, type RunbookFormat, type RunbookFormatInfo } from './formats';

export interface RunbookOptions {
  /** Export although the plan has errors. Never overrides the refusal of values no shell can carry safely. */
  readonly force?: boolean;
  /** The plan's file name, shown in the runbook's header. */
  readonly planName?: string;
  /**
   * Pause after each note until the operator has done it (default true; the CLI's `--no-pause` sets false).
   * An upgrade always pauses for setup.
   */
  readonly pauseAfterNotes?: boolean;
}

export interface RunbookProblem {
  /**
   * `plan-error`: an error finding of the plan (refused unless `force`); `unreadable`: the text is not a plan;
   * `unsafe`: a value no runbook can carry, or a step that has no command; `too-large`: the runbook would be
   * longer than RUNBOOK_LIMITS allow; `format`: the format cannot run this plan at all (cmd for Windows Server
   * 2008 and later), and is the only problem reported. Only `plan-error` yields to `force`.
   */
  readonly kind: 'plan-error' | 'unreadable' | 'unsafe' | 'too-large' | 'format';
  /** One sentence that names the node, step or value; for `unsafe`, the value is shown escaped (`\u000A`). */
  readonly message: string;
  /** JSON Pointer to the element, keys as written, as findings have it. */
  readonly pointer: string;
  /** The finding, for a `plan-error`. */
  readonly finding?: Finding;
}

export type RunbookResult =
  | { readonly ok: true; readonly text: string; readonly format: RunbookFormat }
  | { readonly ok: false; readonly problems: readonly RunbookProblem[] };

/**
 * cmd has no equivalent for the FailoverClusters cmdlets, and each step run through `powershell -Command`
 * would be a PowerShell runbook in disguise, escaped twice (docs/export.md).
 */
export const CMD_REFUSAL =
  'a cmd runbook cannot run the FailoverClusters cmdlets that Windows Server 2008 and later need: export the PowerShell runbook (--format powershell) instead.';

/**
 * The formats the plan can be exported to, in RUNBOOK_FORMATS' order: every one but cmd for Windows Server
 * 2008 and later. A plan that cannot be read gets them all, and exportRunbook then says why it cannot.
 */
export function runbookFormatsOf(analysis: Analysis): RunbookFormat[] {
  const plan = analysis.plan;
  return (Object.keys(RUNBOOK_FORMATS) as RunbookFormat[]).filter((format) => !plan || formatRuns(plan, format));
}

function formatRuns(plan: Plan, format: RunbookFormat): boolean {
  return !(format === 'cmd' && plan.functionalLevelPlan);
}

/** The runbook for an analysed plan, or why there is none. Never throws for any plan text. */
export function exportRunbook(analysis: Analysis, format: RunbookFormat, options: RunbookOptions = {}): RunbookResult {
  const { plan, timeline, findings } = analysis;
  if (!plan || !timeline) {
    return { ok: false, problems: [{ kind: 'unreadable', message: 'The plan could not be read, so there is nothing to export.', pointer: '' }] };
  }
  if (!formatRuns(plan, format)) return { ok: false, problems: [{ kind: 'format', message: CMD_REFUSAL, pointer: '' }] };
  if (timeline.steps.length > RUNBOOK_LIMITS.steps) return { ok: false, problems: [tooManySteps(timeline.steps.length)] };
  const problems: RunbookProblem[] = [];
  if (!options.force) {
    for (const f of findings) if (f.severity === 'error') problems.push({ kind: 'plan-error', message: f.message, pointer: f.pointer, finding: f });
  }
  const built = buildModel(plan, timeline, findings, { planName: options.planName, pauseAfterNotes: options.pauseAfterNotes ?? true });
  if ('problems' in built) for (const p of built.problems) problems.push(p);
  if (!('model' in built) || problems.length > 0) return { ok: false, problems };
  // Line by line, so that a runbook past the limit stops there instead of being built whole first.
  const eol = RUNBOOK_FORMATS[format].eol;
  const lines: string[] = [];
  let size = 0;
  for (const line of render(built.model, format)) {
    size += line.length + eol.length;
    if (size > RUNBOOK_LIMITS.characters) return { ok: false, problems: [tooLarge()] };
    lines.push(line);
  }
  return { ok: true, format, text: lines.join(eol) + eol };
}

function render(model: RunbookModel, format: RunbookFormat): Iterable<string> {
  switch (format) {
    case 'cmd':
      return renderCmd(model);
    case 'powershell':
      return renderPowerShell(model);
    case 'markdown':
      return renderMarkdown(model);
  }
}
