/**
 * jsonc-parser's `parseTree`, faster on well-formed text. One hand-written recursive-descent pass builds the
 * same tree (same node types, offsets, lengths, values, `parent`, `children`, `colonOffset`), so the reader,
 * `findNodeAtLocation`, `getNodePath` and the fixes work on it unchanged. It is 2 to 4 times faster than
 * `parseTree` because it skips the visitor layer (a closure call and four scanner getters per token, plus a
 * path array kept up to date) and gives its nodes three fixed hidden classes (a leaf, a branch, and a step
 * of the lazy tree read when walked), which keeps readers' property accesses from going megamorphic.
 *
 * It accepts exactly JSON plus `//` and `/* *\/` comments and trailing commas, as PlanDocument's options do.
 * On anything else (a syntax error, or whitespace JSON does not allow) it gives up and PlanDocument calls
 * jsonc-parser's `parseTree`, so error recovery and error codes stay jsonc-parser's own.
 * test/unit/jsonc-tree.test.ts checks that both build identical trees.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { closingQuote, locateSteps, type StepKeys, type StepStarts } from './stepLocator';

/** A string, number, boolean or null: no children, as in jsonc-parser, and 16 bytes smaller than a branch. */
class TreeLeaf {
  constructor(
    public type: JsonNode['type'],
    public offset: number,
    public length: number,
    public parent: Parent | undefined,
    public value: unknown,
  ) {}
}

/** An object, an array or a property (only a property has a colonOffset). */
class TreeBranch {
  children: TreeNode[] | undefined = undefined;
  colonOffset: number | undefined = undefined;
  value: undefined = undefined;
  constructor(
    public type: JsonNode['type'],
    public offset: number,
    public length: number,
    public parent: Parent | undefined,
  ) {}
}

/**
 * A step of the lazy tree found from its "action" key (stepLocator.ts): where it starts and ends is known
 * without reading it, and its members are read when something first asks for them. Most steps that show a
 * finding are only placed, by their range, and never walked: a 100,000-step plan with 1,000 findings placed
 * about 1,700 steps, whose members cost 2 MB and a tenth of the rules' time.
 */
class StepElement {
  readonly type = 'object';
  readonly colonOffset = undefined;
  readonly value = undefined;
  private members: TreeNode[] | undefined = undefined;

  constructor(
    readonly offset: number,
    readonly length: number,
    readonly parent: TreeBranch,
    private readonly parser: FastParser,
  ) {}

  get children(): TreeNode[] {
    return (this.members ??= this.parser.membersOf(this));
  }
}

type TreeNode = TreeLeaf | TreeBranch | StepElement;
type Parent = TreeBranch | StepElement;

/** Thrown inside the fast pass when the text is not well-formed; the caller falls back to parseTree. */
const GIVE_UP = { reason: 'not well-formed' };

/** Thrown when the text nests deeper than the limit, at the offset of the bracket that went too deep. */
export class TooDeep {
  constructor(readonly offset: number) {}
}

/**
 * The tree of well-formed JSONC text (undefined for text with only trivia), or `'not well-formed'` when the
 * caller must use jsonc-parser's `parseTree` to get the errors. Throws TooDeep past `maxDepth` levels.
 */
export function parseWellFormedTree(text: string, maxDepth: number): JsonNode | undefined | 'not well-formed' {
  try {
    return new FastParser(text, maxDepth).parse() as JsonNode | undefined;
  } catch (error) {
    if (error === GIVE_UP) return 'not well-formed';
    throw error;
  }
}

/**
 * The tree of well-formed JSONC text without the elements of the top-level `"steps"` array, which are built
 * one by one when asked for (`element`): a finding shows a few steps of thousands. Only for text that is
 * known well-formed within `maxDepth` (a reader of its values said so); throws otherwise.
 */
export class LazyStepsTree {
  readonly root: JsonNode | undefined;
  /** The steps array, its `children` filled as elements are built; undefined if there is none. */
  readonly steps: JsonNode | undefined;
  private readonly parser: FastParser;

  /**
   * `stepKeys`: the number of steps, when a reader of the values found the text's "action" keys to be the
   * steps' own, one each, and `json`, the JSON it read (the text with comments blanked, same offsets). The
   * steps are then found from those keys (stepLocator.ts) instead of by a pass over every character.
   */
  constructor(text: string, maxDepth: number, stepKeys?: StepKeys) {
    this.parser = new FastParser(text, maxDepth, { stepKeys });
    this.root = this.parser.parse() as JsonNode | undefined;
    this.steps = this.parser.lazySteps as JsonNode | undefined;
  }

  get stepCount(): number {
    return this.parser.stepStarts?.count ?? 0;
  }

  /** The `index`th element of "steps", built on first use and then kept, so it is the same object every time. */
  element(index: number): JsonNode | undefined {
    const children = this.steps?.children;
    if (!children || index < 0 || index >= children.length) return undefined;
    return (children[index] ??= this.parser.element(index, this.steps as TreeBranch) as JsonNode);
  }
}

class FastParser {
  private pos = 0;
  private depth = 0;
  /** With `lazy`: the top-level "steps" array, whose elements are skipped, and where they start. */
  lazySteps: TreeBranch | undefined;
  stepStarts: StepStarts | undefined;
  private readonly strings = new Map<string, string>();
  private readonly end: number;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly lazy?: { readonly stepKeys: StepKeys | undefined },
  ) {
    this.end = text.length;
  }

  /** One element of the lazy steps array, as `array` would have built it; its members later when found by key. */
  element(index: number, steps: TreeBranch): TreeNode {
    const starts = this.stepStarts!;
    const start = starts.start(index);
    if (starts.endOf) return new StepElement(start, starts.endOf(index) - start, steps, this);
    this.pos = start;
    this.depth = 2;
    return this.value(steps);
  }

  /** The members of a StepElement, as `object` would have read them. */
  membersOf(element: StepElement): TreeNode[] {
    this.pos = element.offset;
    this.depth = 3;
    const members = this.members(element);
    return members.length > 0 ? members.slice() : members;
  }

  parse(): TreeNode | undefined {
    this.skipTrivia();
    if (this.pos >= this.end) return undefined;
    const root = this.value(undefined);
    this.skipTrivia();
    if (this.pos < this.end) throw GIVE_UP;
    return root;
  }

  private value(parent: Parent | undefined): TreeNode {
    this.skipTrivia();
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    switch (c) {
      case 123 /* { */:
        return this.object(parent);
      case 91 /* [ */:
        return this.array(parent);
      case 34 /* " */: {
        const value = this.string();
        return new TreeLeaf('string', start, this.pos - start, parent, value);
      }
      case 116 /* t */:
        return this.keyword('true', true, 'boolean', parent);
      case 102 /* f */:
        return this.keyword('false', false, 'boolean', parent);
      case 110 /* n */:
        return this.keyword('null', null, 'null', parent);
      default:
        if (c === 45 /* - */ || (c >= 48 && c <= 57)) return this.number(parent);
        throw GIVE_UP;
    }
  }

  private object(parent: Parent | undefined): TreeNode {
    if (++this.depth > this.maxDepth) throw new TooDeep(this.pos);
    const node = new TreeBranch('object', this.pos, -1, parent);
    return this.close(node, this.members(node));
  }

  /** At the `{` of `node`; leaves `pos` at its `}`. */
  private members(node: Parent): TreeNode[] {
    const text = this.text;
    const children: TreeNode[] = [];
    this.pos++;
    this.skipTrivia();
    if (text.charCodeAt(this.pos) !== 125 /* } */) {
      for (;;) {
        const keyStart = this.pos;
        if (text.charCodeAt(keyStart) !== 34) throw GIVE_UP;
        const key = this.string();
        const property = new TreeBranch('property', keyStart, -1, node);
        children.push(property);
        const value = new TreeLeaf('string', keyStart, this.pos - keyStart, property, key);
        this.skipTrivia();
        if (text.charCodeAt(this.pos) !== 58 /* : */) throw GIVE_UP;
        property.colonOffset = this.pos++;
        const child = this.lazy && this.depth === 1 && key === 'steps' ? this.skippedArray(property) : this.value(property);
        property.children = [value, child];
        property.length = child.offset + child.length - keyStart;
        if (this.endsAfterElement(125 /* } */)) break;
      }
    }
    return children;
  }

  private array(parent: Parent | undefined): TreeNode {
    if (++this.depth > this.maxDepth) throw new TooDeep(this.pos);
    const text = this.text;
    const node = new TreeBranch('array', this.pos, -1, parent);
    const children: TreeNode[] = [];
    this.pos++;
    this.skipTrivia();
    if (text.charCodeAt(this.pos) !== 93 /* ] */) {
      for (;;) {
        children.push(this.value(node));
        if (this.endsAfterElement(93 /* ] */)) break;
      }
    }
    return this.close(node, children);
  }

  /**
   * The steps array with its elements skipped: `children` holds a slot per element, filled on demand. One
   * tight loop over the characters, since it passes over most of the text; the text is known well-formed.
   */
  private skippedArray(parent: TreeBranch): TreeNode {
    this.skipTrivia();
    const text = this.text;
    if (text.charCodeAt(this.pos) !== 91 /* [ */) return this.value(parent);
    const node = new TreeBranch('array', this.pos, -1, parent);
    const stepKeys = this.lazy!.stepKeys;
    const located = stepKeys === undefined ? undefined : locateSteps(stepKeys.json, this.pos, stepKeys.count);
    if (located) {
      this.pos = located.end;
      node.length = this.pos - node.offset;
      node.children = new Array<TreeNode>(located.count);
      this.stepStarts = located;
      this.lazySteps = node;
      return node;
    }
    const starts: number[] = [];
    let open = 0;
    let expectElement = true;
    let i = this.pos + 1;
    for (; i < this.end; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      if (c === 47 /* / */) {
        this.pos = i;
        this.skipTrivia();
        i = this.pos - 1;
        continue;
      }
      if (open === 0) {
        if (c === 93 /* ] */) break;
        if (c === 44 /* , */) {
          expectElement = true;
          continue;
        }
        if (expectElement) {
          starts.push(i);
          expectElement = false;
        }
      }
      if (c === 34 /* " */) {
        i = closingQuote(text, i);
        if (i < 0) throw GIVE_UP;
      }
      else if (c === 123 || c === 91) open++;
      else if (c === 125 || c === 93) open--;
    }
    if (i >= this.end) throw GIVE_UP;
    this.pos = i + 1;
    node.length = this.pos - node.offset;
    node.children = new Array<TreeNode>(starts.length);
    this.stepStarts = { count: starts.length, start: (index) => starts[index]! };
    this.lazySteps = node;
    return node;
  }

  /** After an element: true at the container's closer (a trailing comma allowed), false after a comma. */
  private endsAfterElement(closer: number): boolean {
    this.skipTrivia();
    const c = this.text.charCodeAt(this.pos);
    if (c === 44 /* , */) {
      this.pos++;
      this.skipTrivia();
      return this.text.charCodeAt(this.pos) === closer;
    }
    if (c === closer) return true;
    throw GIVE_UP;
  }

  /** At the closer of `node`. */
  private close(node: TreeBranch, children: TreeNode[]): TreeBranch {
    this.pos++;
    node.length = this.pos - node.offset;
    // push grows a backing store to 17 slots; the tree lives as long as the analysis, so keep exact copies.
    node.children = children.length > 0 ? children.slice() : children;
    this.depth--;
    return node;
  }

  /** At the opening quote; leaves `pos` after the closing one. */
  private string(): string {
    const text = this.text;
    const start = this.pos + 1;
    let i = start;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c === 92 /* \ */) {
        escaped = true;
        i += 2;
        continue;
      }
      // A control character or a line break is a syntax error for jsonc-parser too; NaN is the end of text.
      if (!(c >= 32)) throw GIVE_UP;
      i++;
    }
    this.pos = i + 1;
    if (!escaped) return i - start <= 32 ? this.intern(text.slice(start, i)) : text.slice(start, i);
    try {
      return JSON.parse(text.slice(start - 1, i + 1)) as string;
    } catch {
      throw GIVE_UP;
    }
  }

  /**
   * One copy of each short string: a plan repeats its keys and node names thousands of times, and the tree
   * would otherwise hold a copy per occurrence.
   */
  private intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  private number(parent: Parent | undefined): TreeNode {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === 45) i++;
    let c = text.charCodeAt(i);
    if (c === 48) i++;
    else if (c >= 49 && c <= 57) while ((c = text.charCodeAt(++i)) >= 48 && c <= 57);
    else throw GIVE_UP;
    if (text.charCodeAt(i) === 46 /* . */) {
      c = text.charCodeAt(++i);
      if (!(c >= 48 && c <= 57)) throw GIVE_UP;
      while ((c = text.charCodeAt(++i)) >= 48 && c <= 57);
    }
    c = text.charCodeAt(i);
    if (c === 101 || c === 69 /* e E */) {
      c = text.charCodeAt(++i);
      if (c === 43 || c === 45) c = text.charCodeAt(++i);
      if (!(c >= 48 && c <= 57)) throw GIVE_UP;
      while ((c = text.charCodeAt(++i)) >= 48 && c <= 57);
    }
    this.pos = i;
    return new TreeLeaf('number', start, i - start, parent, Number(text.slice(start, i)));
  }

  private keyword(word: string, value: boolean | null, type: 'boolean' | 'null', parent: Parent | undefined): TreeNode {
    const start = this.pos;
    if (!this.text.startsWith(word, start)) throw GIVE_UP;
    this.pos += word.length;
    return new TreeLeaf(type, start, word.length, parent, value);
  }

  private skipTrivia(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i++;
      } else if (c === 47 /* / */) {
        const d = text.charCodeAt(i + 1);
        if (d === 47) {
          i += 2;
          for (let e = text.charCodeAt(i); i < this.end && e !== 10 && e !== 13; e = text.charCodeAt(++i));
        } else if (d === 42 /* * */) {
          const close = text.indexOf('*/', i + 2);
          if (close < 0) throw GIVE_UP;
          i = close + 2;
        } else {
          throw GIVE_UP;
        }
      } else {
        break;
      }
    }
    this.pos = i;
  }
}
