/**
 * PROTOTYPE (not used by src/): the single-pass, schema-directed reader the proposal describes.
 *
 * The top of the plan (cluster, versions, nodes) is parsed into the ordinary jsonc-parser-shaped tree by
 * FastParser. The elements of `"steps"` are not: each step object is read straight into a ScannedStep, one
 * leaf node per value and no property nodes, child arrays or key nodes; the step itself becomes a
 * LazyStepNode that knows its offset and length and builds its full subtree only if someone asks for
 * `children` (a quick fix, a hover). A step with anything unusual (an unknown or repeated key, an array
 * value, an empty object) is parsed the generic way instead, so that readPlan reports it exactly as today.
 *
 * Leaves have no parent here: findings only need their offsets, and a fix would resolve its node through
 * the step's materialised subtree (see the report). This is what bounds the cost of parse + read.
 */
import { FastParser, GIVE_UP, TOO_DEEP, TreeNode } from './fastTree';

export const KEY_BITS: ReadonlyMap<string, number> = new Map(
  ['action', 'node', 'sponsor', 'to', 'name', 'type', 'data', 'key', 'id', 'description', 'text', 'grant', 'revoke', 'rights'].map((k, i) => [k, 1 << i]),
);
const TO = KEY_BITS.get('to')!;

/** The values of one step object as written, each a leaf node (or, for an object `to`, its subtree). */
export class ScannedStep {
  present = 0;
  action: TreeNode | undefined = undefined;
  node: TreeNode | undefined = undefined;
  sponsor: TreeNode | undefined = undefined;
  to: TreeNode | undefined = undefined;
  toKey: TreeNode | undefined = undefined;
  name: TreeNode | undefined = undefined;
  type: TreeNode | undefined = undefined;
  data: TreeNode | undefined = undefined;
  key: TreeNode | undefined = undefined;
  id: TreeNode | undefined = undefined;
  description: TreeNode | undefined = undefined;
  text: TreeNode | undefined = undefined;
  grant: TreeNode | undefined = undefined;
  revoke: TreeNode | undefined = undefined;
  rights: TreeNode | undefined = undefined;

  set(key: string, leaf: TreeNode): void {
    switch (key) {
      case 'action': this.action = leaf; break;
      case 'node': this.node = leaf; break;
      case 'sponsor': this.sponsor = leaf; break;
      case 'to': this.to = leaf; break;
      case 'name': this.name = leaf; break;
      case 'type': this.type = leaf; break;
      case 'data': this.data = leaf; break;
      case 'key': this.key = leaf; break;
      case 'id': this.id = leaf; break;
      case 'description': this.description = leaf; break;
      case 'text': this.text = leaf; break;
      case 'grant': this.grant = leaf; break;
      case 'revoke': this.revoke = leaf; break;
      case 'rights': this.rights = leaf; break;
    }
  }
}

/** A step object whose subtree is built on first access to `children`. */
export class LazyStepNode {
  readonly type = 'object' as const;
  readonly value = undefined;
  readonly colonOffset = undefined;
  private tree: TreeNode[] | undefined = undefined;

  constructor(
    readonly offset: number,
    readonly length: number,
    public parent: TreeNode | undefined,
    private readonly source: string,
    readonly scanned: ScannedStep,
  ) {}

  get children(): TreeNode[] {
    if (!this.tree) {
      const subtree = new SubtreeParser(this.source).at(this.offset);
      this.tree = subtree.children ?? [];
      for (const property of this.tree) property.parent = this as unknown as TreeNode;
    }
    return this.tree;
  }
}

class SubtreeParser extends FastParser {
  constructor(text: string) {
    super(text, Infinity);
  }

  at(offset: number): TreeNode {
    this.pos = offset;
    return this.value(undefined);
  }
}

export class LeanPlanParser extends FastParser {
  protected override memberValue(key: string, property: TreeNode): TreeNode {
    if (this.depth === 1 && key === 'steps') {
      this.skipTrivia();
      if (this.text.charCodeAt(this.pos) === 91 /* [ */) return this.steps(property);
    }
    return this.value(property);
  }

  private steps(parent: TreeNode): TreeNode {
    if (++this.depth > this.maxDepth) throw TOO_DEEP;
    const text = this.text;
    const array = new TreeNode('array', this.pos, -1, parent, undefined);
    const children: TreeNode[] = [];
    array.children = children;
    this.pos++;
    this.skipTrivia();
    if (text.charCodeAt(this.pos) !== 93) {
      for (;;) {
        this.skipTrivia();
        children.push(text.charCodeAt(this.pos) === 123 ? this.step(array) : this.value(array));
        this.skipTrivia();
        const c = text.charCodeAt(this.pos);
        if (c === 44) {
          this.pos++;
          this.skipTrivia();
          if (text.charCodeAt(this.pos) === 93) break;
          continue;
        }
        if (c === 93) break;
        throw GIVE_UP; // a syntax error: the caller falls back to jsonc-parser
      }
    }
    this.pos++;
    array.length = this.pos - array.offset;
    this.depth--;
    return array;
  }

  private step(parent: TreeNode): TreeNode {
    const start = this.pos;
    const depth = this.depth;
    const scanned = this.leanStep();
    if (!scanned) {
      this.pos = start;
      this.depth = depth;
      return this.value(parent);
    }
    return new LazyStepNode(start, this.pos - start, parent, this.text, scanned) as unknown as TreeNode;
  }

  /** At `{`; the step's values, or undefined when the generic reader must see it. */
  private leanStep(): ScannedStep | undefined {
    const text = this.text;
    if (++this.depth > this.maxDepth) throw TOO_DEEP;
    this.pos++;
    this.skipTrivia();
    if (text.charCodeAt(this.pos) === 125) return undefined;
    const s = new ScannedStep();
    for (;;) {
      const keyStart = this.pos;
      if (text.charCodeAt(keyStart) !== 34) return undefined;
      const key = this.string();
      const keyLength = this.pos - keyStart;
      const bit = KEY_BITS.get(key);
      if (bit === undefined || (s.present & bit) !== 0) return undefined;
      s.present |= bit;
      this.skipTrivia();
      if (text.charCodeAt(this.pos) !== 58) return undefined;
      this.pos++;
      this.skipTrivia();
      const start = this.pos;
      const c = text.charCodeAt(start);
      let leaf: TreeNode;
      if (c === 34) {
        const value = this.string();
        leaf = new TreeNode('string', start, this.pos - start, undefined, value);
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        leaf = this.number(undefined);
      } else if (c === 116) {
        leaf = this.keyword('true', true, 'boolean', undefined);
      } else if (c === 102) {
        leaf = this.keyword('false', false, 'boolean', undefined);
      } else if (c === 110) {
        leaf = this.keyword('null', null, 'null', undefined);
      } else if (c === 123 && bit === TO) {
        s.toKey = new TreeNode('string', keyStart, keyLength, undefined, key);
        leaf = this.value(undefined);
      } else {
        return undefined;
      }
      s.set(key, leaf);
      this.skipTrivia();
      const d = text.charCodeAt(this.pos);
      if (d === 44) {
        this.pos++;
        this.skipTrivia();
        if (text.charCodeAt(this.pos) === 125) break;
        continue;
      }
      if (d === 125) break;
      return undefined;
    }
    this.pos++;
    this.depth--;
    return s;
  }
}
