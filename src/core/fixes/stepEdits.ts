import { createScanner, modify, SyntaxKind } from 'jsonc-parser';
import type { TextEdit } from '../finding';
import { lineBreakOf } from '../lineBreak';
import type { Plan } from '../plan';
import type { PlanDocument } from '../planDocument';
import { memberValue, type JsonArray, type JsonValue, type Span } from '../tree';

/** A step to insert, with its properties in the order they should be written. */
export type NewStep = Readonly<Record<string, string | number>>;

/**
 * Edits that insert `steps` before the step at `index` (or append them when `index` is the step count).
 *
 * jsonc-parser's `modify` re-formats the whole lines around an array insertion, which would rewrite the
 * neighbouring one-line steps and move their end-of-line comments; so insertions are placed here, in the
 * style of the sibling steps (one-line or multi-line, same indentation, trailing comma kept), and every
 * other edit goes through `modify`.
 */
export function insertSteps(document: PlanDocument, plan: Plan, index: number, steps: readonly NewStep[]): TextEdit[] {
  if (steps.length === 0) return [];
  const text = document.text;
  const array = plan.stepsArray;
  const style = detectStyle(text);
  if (!array) {
    // Only a missing "steps" is created; a mistyped one holds the user's text and must not be overwritten.
    if (!document.root || document.root.type !== 'object' || memberValue(document.root, 'steps')) return [];
    return modify(text, ['steps'], steps, { formattingOptions: { insertSpaces: style.unit !== '\t', tabSize: style.unit === '\t' ? 4 : style.unit.length, eol: style.eol } });
  }
  const elements = array.items;
  const sibling = elements[Math.min(index, elements.length - 1)];
  if (!sibling) return insertIntoEmpty(text, array, steps, style);

  const indent = leadingIndent(text, sibling.offset);
  const render = rendererLike(text, sibling, style);

  if (index < elements.length) {
    const element = elements[index]!;
    if (indent === undefined) return [{ offset: element.offset, length: 0, content: steps.map((s) => render(s) + ', ').join('') }];
    // New lines above the element and above the comment lines that introduce it, each ending with a comma.
    const gapStart = index > 0 ? elements[index - 1]!.offset + elements[index - 1]!.length : array.offset + 1;
    const at = aboveLeadingComments(text, element.offset, lineCommentStarts(document, gapStart, element.offset));
    return [{ offset: at, length: 0, content: steps.map((s) => render(s) + ',' + style.eol + indent).join('') }];
  }

  const last = elements[elements.length - 1]!;
  const end = last.offset + last.length;
  const comma = nextTokenIsComma(text, end);
  const lineEnd = restOfLineIsTrivia(document, comma ?? end);
  if (indent !== undefined && lineEnd !== undefined) {
    // After the last line, so a comment at its end stays with the step it belongs to.
    const body = steps.map((s) => style.eol + indent + render(s)).join(',') + (comma !== undefined ? ',' : '');
    const edits: TextEdit[] = [{ offset: lineEnd, length: 0, content: body }];
    if (comma === undefined) edits.unshift({ offset: end, length: 0, content: ',' });
    return edits;
  }
  if (comma !== undefined) return [{ offset: comma + 1, length: 0, content: steps.map((s) => ' ' + render(s) + ',').join('') }];
  return [{ offset: end, length: 0, content: steps.map((s) => ', ' + render(s)).join('') }];
}

/**
 * Edits that insert `steps` right after the step at `index`, on the lines that follow it, so that they stay
 * with it (a resume after the start it follows) rather than moving below a blank line or above the comments
 * that introduce the next step. Falls back to inserting before the next step when the step shares its line.
 */
export function insertStepsAfter(document: PlanDocument, plan: Plan, index: number, steps: readonly NewStep[]): TextEdit[] {
  const elements = plan.stepsArray?.items ?? [];
  if (steps.length === 0 || index + 1 >= elements.length) return insertSteps(document, plan, index + 1, steps);
  const text = document.text;
  const element = elements[index]!;
  const indent = leadingIndent(text, element.offset);
  const comma = nextTokenIsComma(text, element.offset + element.length);
  const lineEnd = comma === undefined ? undefined : restOfLineIsTrivia(document, comma);
  if (indent === undefined || lineEnd === undefined) return insertSteps(document, plan, index + 1, steps);
  const style = detectStyle(text);
  const render = rendererLike(text, element, style);
  return [{ offset: lineEnd, length: 0, content: steps.map((s) => style.eol + indent + render(s) + ',').join('') }];
}

/** Renders new steps in the style of `sibling`: one-line or multi-line, its indentation and braces. */
function rendererLike(text: string, sibling: JsonValue, style: Style): (step: NewStep) => string {
  const multiLine = /[\r\n]/.test(text.slice(sibling.offset, sibling.offset + sibling.length));
  const indent = leadingIndent(text, sibling.offset);
  return (step) => renderStep(step, multiLine, indent, propertyIndent(text, sibling) ?? indent + style.unit, spacedBraces(text, sibling), style.eol);
}

/**
 * Replaces one value, keeping everything around it. The edit covers exactly that node: `modify` addresses
 * values by path, and JSON allows a key twice, so a path can name the wrong declaration.
 */
export function replaceValue(_document: PlanDocument, node: Span, value: string): TextEdit[] {
  return [{ offset: node.offset, length: node.length, content: JSON.stringify(value) }];
}

interface Style {
  readonly unit: string;
  readonly eol: string;
}

function detectStyle(text: string): Style {
  const eol = lineBreakOf(text);
  let unit = '  ';
  let smallest = Infinity;
  const re = /(?:^|[\r\n])([ \t]+)\S/g;
  let m: RegExpExecArray | null;
  let lines = 0;
  while ((m = re.exec(text)) && lines++ < 200) {
    const ws = m[1]!;
    if (ws.startsWith('\t')) return { unit: '\t', eol };
    if (ws.length < smallest) smallest = ws.length;
  }
  if (smallest !== Infinity) unit = ' '.repeat(smallest);
  return { unit, eol };
}

/** The whitespace before `offset` if nothing else stands before it on its line; undefined otherwise. */
function leadingIndent(text: string, offset: number): string | undefined {
  const start = startOfLine(text, offset);
  const before = text.slice(start, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/**
 * The start of the `//` comment lines directly above the line at `offset` (no blank line between).
 * `lineComments` holds where real line comments start: a line that only looks like one may sit inside a
 * block comment, and inserting there would hide the new steps in the comment.
 */
function aboveLeadingComments(text: string, offset: number, lineComments: ReadonlySet<number>): number {
  let at = offset;
  for (;;) {
    const lineStart = startOfLine(text, at);
    if (lineStart === 0) return at;
    const previousStart = startOfLine(text, lineStart - (text.startsWith('\r\n', lineStart - 2) ? 2 : 1));
    const commentAt = previousStart + /^[ \t]*/.exec(text.slice(previousStart))![0].length;
    if (!lineComments.has(commentAt)) return at;
    at = commentAt;
  }
}

/** Where the `//` comments between two elements start. */
function lineCommentStarts(document: PlanDocument, from: number, to: number): Set<number> {
  return new Set(document.comments.filter((c) => c.kind === 'line' && c.offset >= from && c.offset < to).map((c) => c.offset));
}

function startOfLine(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

function propertyIndent(text: string, element: JsonValue): string | undefined {
  const first = element.type === 'object' ? element.members[0] : element.type === 'array' ? element.items[0] : undefined;
  return first ? leadingIndent(text, first.offset) : undefined;
}

function spacedBraces(text: string, element: JsonValue): boolean {
  return /^\{\s/.test(text.slice(element.offset, element.offset + 2));
}

function renderStep(step: NewStep, multiLine: boolean, indent: string | undefined, propIndent: string, spaced: boolean, eol: string): string {
  const members = Object.entries(step).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  if (multiLine && indent !== undefined) {
    return '{' + eol + members.map((m) => propIndent + m).join(',' + eol) + eol + indent + '}';
  }
  return spaced ? `{ ${members.join(', ')} }` : `{${members.join(', ')}}`;
}

function nextTokenIsComma(text: string, offset: number): number | undefined {
  const scanner = createScanner(text, true);
  scanner.setPosition(offset);
  let kind = scanner.scan();
  while (kind === SyntaxKind.LineBreakTrivia || kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
    kind = scanner.scan();
  }
  return kind === SyntaxKind.CommaToken ? scanner.getTokenOffset() : undefined;
}

/** The end of the line after `offset` (after the comma) if only spaces and a `//` comment follow there. */
function restOfLineIsTrivia(document: PlanDocument, offset: number): number | undefined {
  const text = document.text;
  let i = text[offset] === ',' ? offset + 1 : offset;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const comment = document.comments.find((c) => c.offset === i && c.kind === 'line');
  if (comment) i += comment.length;
  if (i >= text.length || text[i] === '\n' || text[i] === '\r') return i;
  return undefined;
}

function insertIntoEmpty(text: string, array: JsonArray, steps: readonly NewStep[], style: Style): TextEdit[] {
  const closing = leadingIndent(text, array.offset + array.length - 1);
  const arrayLineIndent = lineIndent(text, array.offset);
  const inner = arrayLineIndent + style.unit;
  const body = steps.map((s) => style.eol + inner + renderStep(s, false, inner, inner + style.unit, true, style.eol)).join(',');
  const inside = text.slice(array.offset + 1, array.offset + array.length - 1);
  // `[]` gets its own closing line; `[\n  ]` already has one.
  const tail = closing === undefined && !/[\r\n]/.test(inside) ? style.eol + arrayLineIndent : '';
  return [{ offset: array.offset + 1, length: 0, content: body + tail }];
}

function lineIndent(text: string, offset: number): string {
  const start = startOfLine(text, offset);
  return /^[ \t]*/.exec(text.slice(start, offset))![0];
}
