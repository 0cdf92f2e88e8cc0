import type { Analysis } from '../analyze';
import type { Finding, Fix } from '../finding';
import { FIXES } from './index';

/** The quick fixes for one finding of `analysis`; pure, edits against `analysis.document.text`. */
export function fixesFor(analysis: Analysis, target: Finding): Fix[] {
  const fixes = FIXES[target.code];
  if (!fixes || !analysis.plan || !analysis.timeline) return [];
  // While the text does not parse, element offsets come from error recovery: an edit placed by them can
  // land inside a half-typed string. Fix the syntax first.
  if (analysis.document.syntaxErrors.length > 0) return [];
  try {
    return fixes({ document: analysis.document, plan: analysis.plan, timeline: analysis.timeline }, target).filter((fix) => fix.edits.length > 0);
  } catch {
    // A fix that cannot be computed is simply not offered; the finding itself stands.
    return [];
  }
}
