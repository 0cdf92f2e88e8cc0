import { Catalog } from './catalog';
import { closest } from './closest';
import type { Located, NodeDeclaration, NodeReference, SchemaIssue, VersionValue } from './plan';
import { escapePointerKey, type JsonNode } from './planDocument';

/** A property of an object as written: its key, its value (if any) and its pointer. */
export class Member {
  constructor(
    readonly key: string,
    readonly keyNode: JsonNode,
    readonly value: JsonNode | undefined,
    private readonly objectPointer: string,
  ) {}

  /** Worked out when a finding or a reference needs it: most members never do. */
  get pointer(): string {
    return this.objectPointer + '/' + escapePointerKey(this.key);
  }
}

/** An object's members by key, the first of each key; an object has a handful, so a list is enough. */
export class Properties {
  constructor(private readonly members: readonly Member[]) {}

  get(key: string): Member | undefined {
    for (const m of this.members) if (m.key === key) return m;
    return undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
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

  constructor(readonly text: string) {}

  members(object: JsonNode, pointer: string): Member[] {
    const members: Member[] = [];
    for (const property of object.children ?? []) {
      const keyNode = property.children?.[0];
      if (!keyNode || keyNode.type !== 'string') continue;
      const key = String(keyNode.value);
      members.push(new Member(key, keyNode, property.children?.[1], pointer));
    }
    return members;
  }

  /** The object's members by key; reports unknown keys (when `allowed` is not empty) and repeated keys. */
  properties(members: readonly Member[], allowed: ReadonlySet<string>, action?: string): Properties {
    const kept: Member[] = [];
    for (const m of members) {
      if (allowed.size > 0 && !allowed.has(m.key)) {
        this.unknownProperty(m, allowed, action);
      } else if (kept.some((k) => k.key === m.key)) {
        this.issue(at(m.keyNode, m.pointer), `"${m.key}" is given twice; the second one is ignored. Remove one.`);
      } else {
        kept.push(m);
      }
    }
    return new Properties(kept);
  }

  unknownProperty(m: Member, allowed: ReadonlySet<string>, action?: string): void {
    const suggestion = closest(m.key, allowed);
    const where = action ? `a ${action} step` : 'this object';
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
  source(node: JsonNode): string {
    return this.text.slice(node.offset, node.offset + node.length);
  }
}

export function at(node: JsonNode, pointer: string): Located {
  return { pointer, node };
}
