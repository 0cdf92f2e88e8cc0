import { getNodePath, findNodeAtOffset, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { LazyStepsTree, parseWellFormedTree, TooDeep } from './jsoncTree';
import { parseJsoncValues, type JsoncValues } from './jsoncValues';
import type { StepKeys } from './stepLocator';

export type { JsonNode };

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
  /** Above this many characters only the syntax is checked. */
  maxFileSize: number;
}

export const DEFAULT_LIMITS: Limits = { maxNestingDepth: 64, maxFileSize: 32 * 1024 * 1024 };

export interface TextProblem {
  message: string;
  offset: number;
  length: number;
}

interface ParsedText {
  readonly root: JsonNode | undefined;
  readonly syntaxErrors: readonly TextProblem[];
  readonly limitProblem: TextProblem | undefined;
}

/**
 * The text of a plan, its values and its JSONC tree, and the mapping between offsets, positions and JSON
 * Pointers. The tree is built on first use: a plan read from its values (readRegularPlan.ts) may need no
 * node at all, and the tree costs more than the rest of the analysis.
 */
export class PlanDocument {
  private parsed: ParsedText | undefined;
  /** Set by `confirmWellFormed`: the tree is then built a step at a time, as nodes are asked for. */
  private lazy: LazyStepsTree | 'not yet' | undefined;
  private complete = false;
  /** While the analysis runs, a node asked for builds only its own step (see `confirmWellFormed`). */
  private partial = false;
  private lineStarts: number[] | undefined;
  /** The JSON that `values()` read, with the text's offsets (JsoncValues.json). */
  private json: string | undefined;
  /** From `confirmWellFormed`: the steps, each with the text's only "action" keys. */
  private stepKeys: StepKeys | undefined;

  constructor(
    readonly text: string,
    private readonly limits: Limits = DEFAULT_LIMITS,
  ) {}

  /** The whole tree: every step is built, so jsonc-parser's helpers can walk it. */
  get root(): JsonNode | undefined {
    const lazy = this.lazyTree();
    if (!lazy) return this.parse().root;
    if (!this.complete) {
      for (let i = 0; i < lazy.stepCount; i++) lazy.element(i);
      this.complete = true;
    }
    return lazy.root;
  }

  get syntaxErrors(): readonly TextProblem[] {
    return this.lazy ? [] : this.parse().syntaxErrors;
  }

  /** Set when a limit stopped the analysis; only cheap checks ran. */
  get limitProblem(): TextProblem | undefined {
    return this.lazy ? undefined : this.parse().limitProblem;
  }

  /**
   * The text's values through JSON.parse (jsoncValues.ts), or undefined when it is not well-formed JSONC or is
   * over the size limit. Well-formed text may still nest too deep or repeat a key: see `confirmWellFormed`.
   */
  values(): JsoncValues | undefined {
    if (this.text.length > this.limits.maxFileSize) return undefined;
    const values = parseJsoncValues(withoutBom(this.text));
    this.json = values?.json;
    return values;
  }

  /** False once `values()` found the text to be JSON as it is: it then has no comment, so no suppression. */
  get mayHaveComments(): boolean {
    return this.json !== this.text;
  }

  /**
   * A reader of `values()` found the text well-formed and within `maxNestingDepth`: no syntax error, no limit
   * problem, and the tree can wait until a node is asked for, then be built only as far as needed.
   * `stepKeys`: the reader also found "steps" to hold that many objects, each with the text's only "action"
   * keys, one each; the tree then finds the steps from those keys in the JSON it read (stepLocator.ts).
   */
  confirmWellFormed(stepKeys?: number): void {
    if (this.parsed) return;
    this.lazy = 'not yet';
    this.partial = true;
    this.stepKeys = this.json === undefined || stepKeys === undefined ? undefined : { count: stepKeys, json: this.json };
  }

  /**
   * The analysis is done: from now on the first node asked for builds the whole tree. Steps built before have
   * only their own subtree, and fixes and editor features walk from a node to its neighbours.
   */
  endPartialTree(): void {
    this.partial = false;
  }

  /** The deepest nesting the analysis reads. */
  get maxNestingDepth(): number {
    return this.limits.maxNestingDepth;
  }

  private parse(): ParsedText {
    return (this.parsed ??= parseText(this.text, this.limits));
  }

  private lazyTree(): LazyStepsTree | undefined {
    if (this.lazy === 'not yet') this.lazy = new LazyStepsTree(withoutBom(this.text), this.limits.maxNestingDepth, this.stepKeys);
    return this.lazy;
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
   * twice, the last one is named, as JSON.parse would take it.
   */
  nodeAt(pointer: string): JsonNode | undefined {
    const segments = parsePointer(pointer);
    if (!segments) return undefined;
    const lazy = this.partial ? this.lazyTree() : undefined;
    let node = lazy ? lazy.root : this.root;
    for (const segment of segments) {
      if (!node) return undefined;
      node = lazy && node === lazy.steps ? (INDEX.test(segment) ? lazy.element(Number(segment)) : undefined) : child(node, segment);
    }
    return node;
  }

  /** The `index`th element of the top-level `"steps"` array, as `nodeAt('/steps/' + index)`. */
  stepNode(index: number): JsonNode | undefined {
    const lazy = this.partial ? this.lazyTree() : undefined;
    if (lazy) return lazy.element(index);
    const root = this.root;
    const steps = root && child(root, 'steps');
    return steps?.type === 'array' ? steps.children?.[index] : undefined;
  }

  /** The key of the property whose value `pointer` names. */
  keyNodeAt(pointer: string): JsonNode | undefined {
    const property = this.nodeAt(pointer)?.parent;
    return property?.type === 'property' ? property.children?.[0] : undefined;
  }

  /** The JSON Pointer of the innermost element at `offset`. */
  pointerAt(offset: number): string | undefined {
    if (!this.root) return undefined;
    const node = findNodeAtOffset(this.root, offset, true);
    return node ? toPointer(getNodePath(node)) : undefined;
  }

  private starts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const text = this.text;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 13 /* \r */) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        } else if (c === 10 /* \n */) {
          starts.push(i + 1);
        }
      }
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

/** One key as a JSON Pointer segment (RFC 6901: ~ as ~0, / as ~1). Most keys have neither, and skip the regexes. */
export function escapePointerKey(key: string): string {
  if (key.indexOf('~') < 0 && key.indexOf('/') < 0) return key;
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

const INDEX = /^(0|[1-9]\d*)$/;

/** The child a pointer segment names: an index in an array, a key in an object (the last, if given twice). */
function child(node: JsonNode, segment: string): JsonNode | undefined {
  if (node.type === 'array') return INDEX.test(segment) ? node.children?.[Number(segment)] : undefined;
  if (node.type !== 'object') return undefined;
  const properties = node.children ?? [];
  for (let i = properties.length - 1; i >= 0; i--) {
    if (properties[i]!.children?.[0]?.value === segment) return properties[i]!.children?.[1];
  }
  return undefined;
}

function parsePointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => (s.indexOf('~') < 0 ? s : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}

// A UTF-8 BOM is not JSON, but editors hide it; a same-length space keeps every offset true.
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
}

function parseText(text: string, limits: Limits): ParsedText {
  const parseable = withoutBom(text);
  if (text.length > limits.maxFileSize) {
    // Not even parsed: building the tree of a file this size would cost seconds and much memory.
    const message = `The plan has ${text.length} characters, above the limit of ${limits.maxFileSize}; clusterplan does not read it. Split it into smaller plans.`;
    return { root: undefined, syntaxErrors: [], limitProblem: { message, offset: 0, length: 0 } };
  }
  // Most plans are well-formed: the fast pass reads them and checks the nesting on the way. Broken text
  // goes to jsonc-parser for its error recovery, after a separate nesting check since it recurses per level.
  let fast: JsonNode | undefined | 'not well-formed' | TooDeep;
  try {
    fast = parseWellFormedTree(parseable, limits.maxNestingDepth);
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    fast = error;
  }
  const deep = fast instanceof TooDeep ? fast.offset : fast === 'not well-formed' ? findExcessiveNesting(parseable, limits.maxNestingDepth) : -1;
  if (deep >= 0) {
    const message = `The plan nests deeper than ${limits.maxNestingDepth} levels here; clusterplan does not read further. A plan needs about 5.`;
    return { root: undefined, syntaxErrors: [], limitProblem: { message, offset: deep, length: 1 } };
  }
  if (fast !== 'not well-formed') return { root: fast as JsonNode | undefined, syntaxErrors: [], limitProblem: undefined };
  const errors: ParseError[] = [];
  let root: JsonNode | undefined;
  try {
    root = parseTree(parseable, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  } catch (error) {
    // The nesting check above should make this impossible; should the parser still recurse too deep on
    // some broken text, the file gets a finding instead of crashing the editor.
    if (!(error instanceof RangeError)) throw error;
    const message = 'The plan nests too deeply to be read; clusterplan does not read further. A plan needs about 5 levels.';
    return { root: undefined, syntaxErrors: [], limitProblem: { message, offset: 0, length: 0 } };
  }
  const syntaxErrors = errors.map((e) => {
    // An unterminated block comment is reported one character past the end of the text.
    const offset = Math.min(e.offset, text.length);
    return { message: syntaxMessage(printParseErrorCode(e.error)), offset, length: Math.min(e.length, text.length - offset) };
  });
  return { root, syntaxErrors, limitProblem: undefined };
}

function syntaxMessage(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSONC syntax error: ${words}.`;
}

/**
 * The offset of the first bracket deeper than `max`, or -1. Skips strings and comments; stops at the
 * first excess, so it is a cheap linear pass before the recursive parser runs.
 */
function findExcessiveNesting(text: string, max: number): number {
  // Only a matching closer ends a level: the parser's error recovery skips a "}" inside an array, so
  // counting it would let "[}[}[}…" recurse past the limit unseen.
  const open: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34 || d === 10 || d === 13) break;
      }
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 1;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      open.push(c);
      if (open.length > max) return i;
    } else if ((c === 125 /* } */ && open[open.length - 1] === 123) || (c === 93 /* ] */ && open[open.length - 1] === 91)) {
      open.pop();
    }
  }
  return -1;
}
