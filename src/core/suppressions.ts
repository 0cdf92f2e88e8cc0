import type { Finding, TextEdit } from './finding';
import { lineBreakOf } from './lineBreak';
import type { PlanDocument } from './planDocument';

export const SUPPRESSION_MARKER = 'clusterplan-disable-next-line';

/**
 * Findings no comment can hide. A plan that does not parse, or that clusterplan stops reading at a limit, has
 * not been checked: hiding that would let it pass as a plan with no problem. The rules about the suppression
 * comments themselves, and an internal error, are reported after the comments are applied.
 */
const NOT_SUPPRESSIBLE: ReadonlySet<string> = new Set(['syntax', 'limit-exceeded', 'invalid-suppression', 'suppression-reason-missing', 'unused-suppression', 'internal-error']);

export function isSuppressible(code: string): boolean {
  return !NOT_SUPPRESSIBLE.has(code);
}

/**
 * `// clusterplan-disable-next-line <code> [<code>…] -- <reason>`: hides those codes' findings that start
 * on the next line that is not itself a suppression comment. Every exception to a rule should say why it
 * is safe; one whose reason is not written yet still hides its findings, and gets a hint to add it, so
 * that inserting the comment never adds a problem.
 */
export interface Suppression {
  readonly offset: number;
  readonly length: number;
  readonly codes: readonly string[];
  /** Empty when no reason is written after "--". */
  readonly reason: string;
  /** 0-based line whose findings it hides. */
  readonly targetLine: number;
  /** Why it cannot hide anything (no code, an unknown code, one that cannot be suppressed); empty when valid. */
  readonly problems: readonly string[];
}

/** `//`, spaces, the marker, then the codes and the reason to the end of the comment. */
const MARKED = new RegExp(`//[ \\t]*${SUPPRESSION_MARKER}\\b(.*)`);

/**
 * The suppressions in the document's line comments, which jsonc-parser's scanner found: a marker inside a
 * string is not one, nor is one inside a block comment, which comments it out. The marker may follow other
 * words of the comment after a second `//`; the suppression then starts there.
 */
export function findSuppressions(document: PlanDocument, knownCodes: ReadonlySet<string>): Suppression[] {
  const found: Suppression[] = [];
  for (const comment of document.comments) {
    if (comment.kind !== 'line') continue;
    const match = MARKED.exec(document.text.slice(comment.offset, comment.offset + comment.length));
    if (match) found.push(parse(document, comment.offset + match.index, match[0].length, match[1]!, knownCodes));
  }
  // Stacked suppression lines all hide findings on the first line below the stack.
  for (let i = found.length - 2; i >= 0; i--) {
    const below = found[i + 1]!;
    const line = document.positionAt(found[i]!.offset).line;
    if (document.positionAt(below.offset).line === line + 1) found[i] = { ...found[i]!, targetLine: below.targetLine };
  }
  return found;
}

function parse(document: PlanDocument, offset: number, length: number, rest: string, knownCodes: ReadonlySet<string>): Suppression {
  const separator = rest.indexOf('--');
  const codes = (separator < 0 ? rest : rest.slice(0, separator)).split(/[\s,]+/).filter(Boolean);
  // Earlier versions of the quick fix wrote "reason: " for the administrator to complete; the label alone is no reason.
  const reason = separator < 0 ? '' : rest.slice(separator + 2).trim().replace(/^reason:\s*/i, '');
  const problems: string[] = [];
  if (codes.length === 0) problems.push('it names no rule code');
  const unknown = codes.filter((c) => !knownCodes.has(c));
  if (unknown.length > 0) problems.push(`${unknown.map((c) => `"${c}"`).join(', ')} ${unknown.length === 1 ? 'is not a rule code' : 'are not rule codes'}`);
  const fixed = codes.filter((c) => knownCodes.has(c) && !isSuppressible(c));
  if (fixed.length > 0) problems.push(`${fixed.map((c) => `"${c}"`).join(', ')} cannot be suppressed`);
  return { offset, length, codes, reason, targetLine: document.positionAt(offset).line + 1, problems };
}

/** Whether a valid suppression hides `finding`; marks which suppressions were used. */
export function isSuppressed(document: PlanDocument, finding: Finding, suppressions: readonly Suppression[], used: Set<Suppression>): boolean {
  if (suppressions.length === 0) return false;
  const line = document.positionAt(finding.offset).line;
  let hidden = false;
  for (const s of suppressions) {
    if (s.problems.length === 0 && s.targetLine === line && s.codes.includes(finding.code)) {
      used.add(s);
      hidden = true;
    }
  }
  return hidden;
}

/** The comment that suppresses a finding, and where in it the administrator writes the reason. */
export interface SuppressionEdit extends TextEdit {
  /** Where the reason goes, counted in `content`: after "-- ", before the line break. */
  readonly reasonAt: number;
}

/**
 * The edit that suppresses `finding`: a comment line above the line where it starts, at the same
 * indentation, with no reason written: only the administrator knows it, and the editor puts the cursor there.
 */
export function suppressionEdit(document: PlanDocument, finding: Finding): SuppressionEdit {
  const text = document.text;
  const line = document.positionAt(finding.offset).line;
  const lineStart = document.offsetAt({ line, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const comment = `${indent}// ${SUPPRESSION_MARKER} ${finding.code} -- `;
  return { offset: lineStart, length: 0, content: comment + lineBreakOf(text), reasonAt: comment.length };
}
