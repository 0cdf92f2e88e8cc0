import { createScanner, printParseErrorCode, SyntaxKind, type ParseError } from 'jsonc-parser';
import { buildTree, pathAt, type JsonMember, type JsonObject, type JsonValue, type Span } from './tree';

export type { JsonArray, JsonLiteral, JsonMember, JsonObject, JsonValue, Span } from './tree';

/** A 0-based position in UTF-16 code units, as VS Code and LSP count them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Where clusterplan stops reading, so hostile input costs a finding rather than a crash. */
export interface Limits {
  /** jsonc-parser recurses per level and overflows the stack around 5,000; real plans nest 5 deep. */
  maxNestingDepth: number;
  /** Above this many characters only the size is checked. */
  maxFileSize: number;
}

export const DEFAULT_LIMITS: Limits = { maxNestingDepth: 64, maxFileSize: 32 * 1024 * 1024 };

export interface TextProblem {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

/** A `//` or `/* *\/` comment, as jsonc-parser's scanner finds it: never one inside a string. */
export interface Comment {
  readonly offset: number;
  readonly length: number;
  readonly kind: 'line' | 'block';
}

/**
 * The text of a plan read once: its tree (tree.ts, from jsonc-parser's visit), its comments, the syntax and
 * limit problems, and the mapping between offsets, positions and JSON Pointers. Everything is read in the
 * constructor; only the line starts are worked out on first use.
 */
export class PlanDocument {
  /** Undefined when the text is empty or over a limit. */
  readonly root: JsonValue | undefined;
  readonly syntaxErrors: readonly TextProblem[];
  /** Set when a limit stopped the reading; only the checks that need no tree ran. */
  readonly limitProblem: TextProblem | undefined;
  /** Every comment, in text order; none when a limit stopped the reading. */
  readonly comments: readonly Comment[];
  /**
   * The objects and arrays that hold a syntax error, as jsonc-parser recovered them, merged and in text
   * order. What they contain may be shaped wrongly: after a missing "}", the next step's properties land in
   * the step before (docs/rules/schema.md).
   */
  readonly ambiguous: readonly Span[];
  private lineStarts: number[] | undefined;

  constructor(
    readonly text: string,
    limits: Limits = DEFAULT_LIMITS,
  ) {
    const read = readText(text, limits);
    this.root = read.root;
    this.syntaxErrors = read.syntaxErrors;
    this.limitProblem = read.limitProblem;
    this.comments = read.comments;
    this.ambiguous = read.ambiguous;
  }

  /** Whether `offset` lies in an object or array that holds a syntax error, its ends included. */
  isAmbiguous(offset: number): boolean {
    let low = 0;
    let high = this.ambiguous.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const span = this.ambiguous[mid]!;
      if (offset < span.offset) high = mid - 1;
      else if (offset > span.offset + span.length) low = mid + 1;
      else return true;
    }
    return false;
  }

  positionAt(offset: number): Position {
    const starts = this.starts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[low]! };
  }

  offsetAt(position: Position): number {
    const starts = this.starts();
    if (position.line >= starts.length) return this.text.length;
    const lineStart = starts[Math.max(0, position.line)]!;
    const nextStart = position.line + 1 < starts.length ? starts[position.line + 1]! : this.text.length;
    return Math.min(lineStart + Math.max(0, position.character), nextStart);
  }

  rangeOf(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }

  /**
   * The value a JSON Pointer names, with keys as written in the file. Each segment is read as the node it
   * meets wants it: an index in an array, a key in an object (so "0" can be either). With a key given
   * twice, the first one is named: the one the reader reads (docs/format.md).
   */
  nodeAt(pointer: string): JsonValue | undefined {
    const segments = parsePointer(pointer);
    if (!segments) return undefined;
    let value = this.root;
    for (const segment of segments) {
      if (!value) return undefined;
      value = value.type === 'object' ? memberNamed(value, segment)?.value : child(value, segment);
    }
    return value;
  }

  /** The object member whose value `pointer` names, from its key: where a message about the member starts. */
  memberAt(pointer: string): JsonMember | undefined {
    const at = pointer.lastIndexOf('/');
    if (at < 0) return undefined;
    const object = this.nodeAt(pointer.slice(0, at));
    const key = parsePointer(pointer.slice(at))?.[0];
    return object?.type === 'object' && key !== undefined ? memberNamed(object, key) : undefined;
  }

  /** The JSON Pointer of the innermost element at `offset`, its end included. */
  pointerAt(offset: number): string | undefined {
    const path = this.root && pathAt(this.root, offset);
    return path && toPointer(path);
  }

  /** The comment that covers `offset`, its end included. */
  commentAt(offset: number): Comment | undefined {
    return this.comments.find((c) => c.offset <= offset && offset <= c.offset + c.length);
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      for (const match of this.text.matchAll(/\r\n?|\n/g)) starts.push(match.index + match[0].length);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

export function toPointer(path: readonly (string | number)[]): string {
  let pointer = '';
  for (const segment of path) pointer += '/' + escapePointerKey(String(segment));
  return pointer;
}

/** One key as a JSON Pointer segment (RFC 6901: ~ as ~0, / as ~1). Most keys have neither. */
export function escapePointerKey(key: string): string {
  if (!key.includes('~') && !key.includes('/')) return key;
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

const INDEX = /^(0|[1-9]\d*)$/;

/** The item of an array a pointer segment names. */
function child(value: JsonValue, segment: string): JsonValue | undefined {
  return value.type === 'array' && INDEX.test(segment) ? value.items[Number(segment)] : undefined;
}

/** The member a pointer segment names in an object: the first, if the key is given twice, as the reader takes it. */
function memberNamed(object: JsonObject, key: string): JsonMember | undefined {
  return object.members.find((m) => m.key === key);
}

function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface ReadText {
  readonly root: JsonValue | undefined;
  readonly syntaxErrors: readonly TextProblem[];
  readonly limitProblem: TextProblem | undefined;
  readonly comments: readonly Comment[];
  readonly ambiguous: readonly Span[];
}

function readText(text: string, limits: Limits): ReadText {
  if (text.length > limits.maxFileSize) {
    // Not even scanned: the tree of a file this size would cost seconds and much memory.
    const message = `The plan has ${text.length} characters, above the limit of ${limits.maxFileSize}; clusterplan does not read it. Split it into smaller plans.`;
    return { root: undefined, syntaxErrors: [], limitProblem: { message, offset: 0, length: 0 }, comments: [], ambiguous: [] };
  }
  // A UTF-8 BOM is not JSON, but editors hide it; a same-length space keeps every offset true.
  const parseable = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  // jsonc-parser recurses once per level: the nesting is checked before it parses.
  const { comments, tooDeepAt } = scan(parseable, limits.maxNestingDepth);
  if (tooDeepAt !== undefined) {
    const message = `The plan nests deeper than ${limits.maxNestingDepth} levels here; clusterplan does not read further. A plan needs about 5.`;
    return { root: undefined, syntaxErrors: [], limitProblem: { message, offset: tooDeepAt, length: 1 }, comments: [], ambiguous: [] };
  }
  const errors: ParseError[] = [];
  const holders: Span[] = [];
  let root: JsonValue | undefined;
  try {
    root = buildTree(parseable, errors, holders);
  } catch (error) {
    // The nesting check should make this impossible; should the parser still recurse too deep on some
    // broken text, the file gets a finding instead of crashing the editor.
    if (!(error instanceof RangeError)) throw error;
    const message = 'The plan nests too deeply to be read; clusterplan does not read further. A plan needs about 5 levels.';
    return { root: undefined, syntaxErrors: [], limitProblem: { message, offset: 0, length: 0 }, comments: [], ambiguous: [] };
  }
  const syntaxErrors = errors.map((e) => {
    // An unterminated block comment is reported one character past the end of the text.
    const offset = Math.min(e.offset, text.length);
    return { message: syntaxMessage(printParseErrorCode(e.error)), offset, length: Math.min(e.length, text.length - offset) };
  });
  return { root, syntaxErrors, limitProblem: undefined, comments, ambiguous: merged(holders) };
}

/** Sorted by offset, a span inside another dropped, overlapping ones joined: each offset is then one binary search. */
function merged(spans: readonly Span[]): Span[] {
  const result: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.offset - b.offset)) {
    const last = result[result.length - 1];
    const end = span.offset + span.length;
    if (last && span.offset <= last.offset + last.length) {
      if (end > last.offset + last.length) result[result.length - 1] = { offset: last.offset, length: end - last.offset };
    } else {
      result.push({ offset: span.offset, length: span.length });
    }
  }
  return result;
}

/**
 * One pass of jsonc-parser's scanner: the comments, and the offset of the first bracket deeper than `max`.
 * Only a matching closer ends a level: the parser's error recovery skips a "}" inside an array, so counting
 * it would let "[}[}[}…" recurse past the limit unseen.
 */
function scan(text: string, max: number): { comments: Comment[]; tooDeepAt: number | undefined } {
  const comments: Comment[] = [];
  const open: SyntaxKind[] = [];
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    switch (kind) {
      case SyntaxKind.OpenBraceToken:
      case SyntaxKind.OpenBracketToken:
        open.push(kind);
        if (open.length > max) return { comments, tooDeepAt: scanner.getTokenOffset() };
        break;
      case SyntaxKind.CloseBraceToken:
        if (open[open.length - 1] === SyntaxKind.OpenBraceToken) open.pop();
        break;
      case SyntaxKind.CloseBracketToken:
        if (open[open.length - 1] === SyntaxKind.OpenBracketToken) open.pop();
        break;
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        comments.push({ offset: scanner.getTokenOffset(), length: scanner.getTokenLength(), kind: kind === SyntaxKind.LineCommentTrivia ? 'line' : 'block' });
        break;
    }
  }
  return { comments, tooDeepAt: undefined };
}

function syntaxMessage(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSONC syntax error: ${words}.`;
}
