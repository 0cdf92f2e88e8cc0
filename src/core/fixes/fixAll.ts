import { analyze, type Analysis, type AnalysisOptions } from '../analyze';
import { fixesFor } from './fixesFor';
import { applyEdits, type Finding } from '../finding';
import { RULES } from '../rules';

export interface AppliedFix {
  readonly code: string;
  readonly title: string;
}

export interface FixAllResult {
  readonly text: string;
  readonly applied: readonly AppliedFix[];
  /** The analysis of the final text. */
  readonly analysis: Analysis;
}

/** Enough for any real plan; a bound so a fix that re-creates its own finding cannot loop for ever. */
const MAX_FIXES = 200;

/**
 * Applies every safe fix, one at a time on freshly analysed text so that each fix sees the steps the
 * previous one inserted. A fix is kept only if its finding's code became rarer and no error was added:
 * fix-all never makes a plan worse.
 */
export function fixAll(text: string, options: AnalysisOptions = {}): FixAllResult {
  let analysis = analyze(text, options);
  const applied: AppliedFix[] = [];
  while (applied.length < MAX_FIXES) {
    const next = firstImprovement(analysis, options);
    if (!next) break;
    applied.push(next.applied);
    analysis = next.analysis;
  }
  return { text: analysis.document.text, applied, analysis };
}

/** Rules in their table's order, so the clean-up of every node comes before the descriptor fix, as in the KB. */
const RULE_ORDER = new Map(RULES.map((r, i) => [r.code, i]));

function firstImprovement(analysis: Analysis, options: AnalysisOptions): { analysis: Analysis; applied: AppliedFix } | undefined {
  const ordered = [...analysis.findings].sort((a, b) => (RULE_ORDER.get(a.code) ?? 0) - (RULE_ORDER.get(b.code) ?? 0) || a.offset - b.offset);
  for (const finding of ordered) {
    for (const fix of fixesFor(analysis, finding)) {
      if (!fix.safe || fix.edits.length === 0) continue;
      const after = analyze(applyEdits(analysis.document.text, fix.edits), options);
      if (improves(analysis.findings, after.findings, finding.code)) {
        return { analysis: after, applied: { code: finding.code, title: fix.title } };
      }
    }
  }
  return undefined;
}

function improves(before: readonly Finding[], after: readonly Finding[], code: string): boolean {
  const count = (list: readonly Finding[], test: (f: Finding) => boolean) => list.filter(test).length;
  return (
    count(after, (f) => f.code === code) < count(before, (f) => f.code === code) &&
    count(after, (f) => f.severity === 'error') <= count(before, (f) => f.severity === 'error') &&
    count(after, (f) => f.code === 'syntax') === 0
  );
}
