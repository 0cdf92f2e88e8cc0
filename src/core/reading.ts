import { Catalog } from './catalog';
import { closest } from './closest';
import type { Located, NodeDeclaration, NodeReference, SchemaIssue, VersionValue } from './plan';
import { escapePointerKey } from './planDocument';
import { keySpan, type JsonMember, type JsonObject, type JsonValue, type Span } from './tree';

/** A property of an object as the reader sees it: its key, its value (if any) and its pointer. */
export class Member {
  readonly key: string;
  readonly value: JsonValue | undefined;

  constructor(
    private readonly member: JsonMember,
    private readonly objectPointer: string,
  ) {
    this.key = member.key;
    this.value = member.value;
  }

  /** The key as written, where findings about the property itself are shown. */
  get keyNode(): Span {
    return keySpan(this.member);
  }

  /** Worked out when a finding or a reference needs it: most members never do. */
  get pointer(): string {
    return this.objectPointer + '/' + escapePointerKey(this.key);
  }
}

/**
 * The members of an object that the format allows, by key: the first of each key counts. An object of the
 * format has a handful of members, so a key is looked up along the list.
 */
export class Properties {
  constructor(
    private readonly object: JsonObject | undefined,
    private readonly pointer: string,
    private readonly allowed: ReadonlySet<string>,
  ) {}

  get(key: string): Member | undefined {
    const member = this.find(key);
    return member && new Member(member, this.pointer);
  }

  has(key: string): boolean {
    return this.find(key) !== undefined;
  }

  private find(key: string): JsonMember | undefined {
    if (!this.object || !this.allowed.has(key)) return undefined;
    for (const m of this.object.members) if (m.key === key) return m;
    return undefined;
  }
}

/**
 * What the reader (readPlan.ts, readVersions.ts, readStep.ts) has found so far, and the helpers that record a
 * problem where it is. Reading never stops at a problem: a bad element is recorded and left undefined, so the
 * simulation and the rules still see the rest.
 */
export class Reading {
  readonly issues: SchemaIssue[] = [];
  readonly versionValues: VersionValue[] = [];
  readonly nodeReferences: NodeReference[] = [];
  /** The first declaration of each name, by nodeKey. */
  readonly declarations = new Map<string, NodeDeclaration>();
  catalog = new Catalog();
  /** Set once "nodes" is read: the steps of Cluster OS Rolling Upgrade are allowed only then (docs/simulation.md). */
  functionalLevelPlan = false;

  constructor(readonly text: string) {}

  members(object: JsonValue, pointer: string): Member[] {
    return object.type === 'object' ? object.members.map((m) => new Member(m, pointer)) : [];
  }

  /**
   * The object's members by key; reports the keys `allowed` lacks, and the keys given twice. With `unknown`,
   * the keys `allowed` lacks go there instead, for the caller to report once it knows what to suggest.
   */
  properties(object: JsonValue, pointer: string, allowed: ReadonlySet<string>, action?: string, unknown?: Member[]): Properties {
    if (object.type !== 'object') return new Properties(undefined, pointer, allowed);
    // At most one of each allowed key: a handful, however many members a hostile object has.
    const seen: string[] = [];
    for (const member of object.members) {
      if (!allowed.has(member.key)) {
        if (unknown) unknown.push(new Member(member, pointer));
        else this.unknownProperty(new Member(member, pointer), allowed, action);
      } else if (seen.includes(member.key)) {
        const m = new Member(member, pointer);
        this.issue(at(m.keyNode, m.pointer), `"${m.key}" is given twice; the second one is ignored. Remove one.`);
      } else {
        seen.push(member.key);
      }
    }
    return new Properties(object, pointer, allowed);
  }

  unknownProperty(m: Member, allowed: ReadonlySet<string>, action?: string): void {
    const suggestion = closest(m.key, allowed);
    const where = action ? `${withArticle(action)} step` : 'this object';
    this.issue(
      at(m.keyNode, m.pointer),
      `Unknown property "${m.key}" in ${where}` + (suggestion ? `; did you mean "${suggestion}"?` : '.') + ` Allowed: ${[...allowed].join(', ')}.`,
    );
  }

  optionalString(m: Member | undefined): string | undefined {
    if (!m) return undefined;
    if (m.value?.type === 'string') return String(m.value.value);
    this.mistyped(m, 'a string');
    return undefined;
  }

  optionalBoolean(m: Member | undefined): boolean | undefined {
    if (!m) return undefined;
    if (m.value?.type === 'boolean') return Boolean(m.value.value);
    this.mistyped(m, 'true or false');
    return undefined;
  }

  mistyped(m: Member, expected: string): void {
    const node = m.value ?? m.keyNode;
    const actual = m.value ? this.source(m.value).slice(0, 40) : 'nothing';
    this.issue(at(node, m.pointer), `"${m.key}" must be ${expected}, not ${actual}.`);
  }

  issue(where: Located, message: string): void {
    this.issues.push({ pointer: where.pointer, node: where.node, message });
  }

  /** The node's text as written. */
  source(node: Span): string {
    return this.text.slice(node.offset, node.offset + node.length);
  }
}

/** A word with its indefinite article, as it is read aloud: "an upgrade", "a stop". */
function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}

export function at(node: Span, pointer: string): Located {
  return { pointer, node };
}
