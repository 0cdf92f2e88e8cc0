import type { Analysis } from '../analyze';
import type { Finding, Fix } from '../finding';
import { ruleFor } from '../rules';
import type { FixContext } from '../rules/rule';
import { insertSteps, replaceValue } from './stepEdits';

/** What a rule's fixes read, with the helpers they write their edits with; undefined without a timeline. */
export function fixContextOf(analysis: Analysis): FixContext | undefined {
  if (!analysis.plan || !analysis.timeline) return undefined;
  return { document: analysis.document, plan: analysis.plan, timeline: analysis.timeline, edit: { insertSteps, replaceValue } };
}

/** The quick fixes for one finding of `analysis`; pure, edits against `analysis.document.text`. */
export function fixesFor(analysis: Analysis, target: Finding): Fix[] {
  const rule = ruleFor(target.code);
  const context = fixContextOf(analysis);
  if (!rule || rule.needs !== 'plan' || !rule.fixes || !context) return [];
  // While the text does not parse, element offsets come from error recovery: an edit placed by them can
  // land inside a half-typed string. Fix the syntax first.
  if (analysis.document.syntaxErrors.length > 0) return [];
  try {
    return rule.fixes(context, target).filter((fix) => fix.edits.length > 0);
  } catch {
    // A fix that cannot be computed is simply not offered; the finding itself stands.
    return [];
  }
}

