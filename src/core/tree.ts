import { ParseErrorCode, visit, type ParseError, type ParseOptions } from 'jsonc-parser';

/**
 * The tree of a plan's text, built from jsonc-parser's `visit` events as its own `parseTree` builds one, with
 * the same offsets and the same recovery from syntax errors. It is what a plan of thousands of steps keeps for
 * as long as it is open, so it is kept small (docs/performance.md):
 * - an object holds its members, each with its key and its value, rather than a node per property and
 *   another per key: half as many objects;
 * - a plan repeats the same keys, actions and node names on every step: the tree holds one copy of each.
 */

/** Where a piece of the text is, in UTF-16 code units. */
export interface Span {
  readonly offset: number;
  readonly length: number;
}

export interface JsonObject extends Span {
  readonly type: 'object';
  readonly members: readonly JsonMember[];
}

export interface JsonArray extends Span {
  readonly type: 'array';
  readonly items: readonly JsonValue[];
}

export interface JsonLiteral extends Span {
  readonly type: 'string' | 'number' | 'boolean' | 'null';
  readonly value: string | number | boolean | null;
}

export type JsonValue = JsonObject | JsonArray | JsonLiteral;

/**
 * A property. It starts with its key, and runs to the end of its value (or, after an error, to the comma or
 * the brace that ends it); `keyLength` is the length of the key as written, quotes included.
 */
export interface JsonMember extends Span {
  readonly key: string;
  readonly keyLength: number;
  /** Missing where the text breaks off after the key. */
  readonly value: JsonValue | undefined;
}

export type JsonPath = (string | number)[];

/** How a plan is read: JSONC, so comments and trailing commas are allowed; an empty text is no error. */
export const PARSE_OPTIONS: ParseOptions = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** An array or object whose end has not been read yet, and where its members or items start in `pending`. */
interface OpenContainer {
  readonly value: Mutable<JsonObject> | Mutable<JsonArray>;
  readonly from: number;
}

/**
 * The first value of the text (undefined for an empty text), and every syntax error on the way. `holders`,
 * if given, receives the object or array that was open when the parser met each error (once for errors in a
 * row in the same one), with its span as recovered once the tree is built.
 */
export function buildTree(text: string, errors: ParseError[], holders?: Span[]): JsonValue | undefined {
  // The members and items read so far of every open container, innermost last; a container takes its own
  // from the end of the list when it closes.
  const pending: (JsonMember | JsonValue)[] = [];
  const open: OpenContainer[] = [];
  // The member whose value comes next, if any.
  let member: Mutable<JsonMember> | undefined;
  let root: JsonValue | undefined;
  // The container that ended last: a missing "}" or "]" is reported just after its container ends.
  let closed: JsonObject | JsonArray | undefined;
  const strings = new Map<string, string>();
  const oneCopy = (s: string) => {
    const kept = strings.get(s);
    if (kept !== undefined) return kept;
    strings.set(s, s);
    return s;
  };
  const add = (value: JsonValue) => {
    if (member) member.value = value;
    else if (open.length === 0) root ??= value;
    else if (open[open.length - 1]!.value.type === 'array') pending.push(value);
  };
  // A member ends with its value, at the comma after it, or with its object, whichever comes first.
  const endMember = (end: number) => {
    if (member) member.length = end - member.offset;
    member = undefined;
  };
  const begin = (value: Mutable<JsonObject> | Mutable<JsonArray>) => {
    add(value);
    open.push({ value, from: pending.length });
    // The member this container is the value of stays open until the container ends (openMemberOf).
    member = undefined;
  };
  const end = (offset: number, length: number) => {
    endMember(offset + length);
    const { value, from } = open.pop()!;
    value.length = offset + length - value.offset;
    if (value.type === 'object') value.members = pending.splice(from) as JsonMember[];
    else value.items = pending.splice(from) as JsonValue[];
    member = openMemberOf(open, pending);
    endMember(offset + length);
    closed = value;
  };
  visit(
    text,
    {
      onObjectBegin: (offset) => begin({ type: 'object', offset, length: -1, members: [] }),
      onObjectProperty: (key, offset, length) => {
        member = { key: oneCopy(key), keyLength: length, offset, length: -1, value: undefined };
        pending.push(member);
      },
      onObjectEnd: end,
      onArrayBegin: (offset) => begin({ type: 'array', offset, length: -1, items: [] }),
      onArrayEnd: end,
      onLiteralValue: (value: string | number | boolean | null, offset, length) => {
        if (typeof value === 'string') add({ type: 'string', offset, length, value: oneCopy(value) });
        else add({ type: value === null ? 'null' : (typeof value as 'number' | 'boolean'), offset, length, value });
        endMember(offset + length);
      },
      onSeparator: (separator, offset) => {
        if (separator === ',') endMember(offset);
      },
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
        const unclosed = error === ParseErrorCode.CloseBraceExpected || error === ParseErrorCode.CloseBracketExpected;
        const holder = unclosed ? closed : open[open.length - 1]?.value;
        if (holders && holder && holders[holders.length - 1] !== holder) holders.push(holder);
      },
    },
    PARSE_OPTIONS,
  );
  return root;
}

/** The member of the innermost open object still waiting for its value's end: the one the closed container was. */
function openMemberOf(open: readonly OpenContainer[], pending: readonly (JsonMember | JsonValue)[]): Mutable<JsonMember> | undefined {
  const container = open[open.length - 1];
  if (container?.value.type !== 'object' || pending.length <= container.from) return undefined;
  const last = pending[pending.length - 1] as Mutable<JsonMember>;
  return last.length === -1 ? last : undefined;
}

/** A member's key as a span, where findings about the key are shown. */
export function keySpan(member: JsonMember): Span {
  return { offset: member.offset, length: member.keyLength };
}

/** The value of the first member named `key` that has one, as jsonc-parser's findNodeAtLocation finds it. */
export function memberValue(value: JsonValue | undefined, key: string): JsonValue | undefined {
  if (value?.type !== 'object') return undefined;
  for (const m of value.members) if (m.key === key && m.value) return m.value;
  return undefined;
}

/** The value at `path` (keys and indexes), as jsonc-parser's findNodeAtLocation finds it. */
export function valueAtPath(root: JsonValue | undefined, path: readonly (string | number)[]): JsonValue | undefined {
  let value = root;
  for (const segment of path) {
    if (typeof segment === 'number') value = value?.type === 'array' ? value.items[segment] : undefined;
    else value = memberValue(value, segment);
    if (!value) return undefined;
  }
  return value;
}

/**
 * The path of the innermost element at `offset`, its end included, as jsonc-parser's findNodeAtOffset and
 * getNodePath give it: on a key or a value, the member's path; between them (on the colon), the object's.
 */
export function pathAt(value: JsonValue, offset: number): JsonPath | undefined {
  return contains(value, offset) ? innermost(value, offset, []) : undefined;
}

function innermost(value: JsonValue, offset: number, path: JsonPath): JsonPath {
  if (value.type === 'object') {
    for (const member of value.members) {
      if (member.offset > offset) break;
      if (!contains(member, offset)) continue;
      if (contains(keySpan(member), offset)) return [...path, member.key];
      if (member.value && member.value.offset <= offset && contains(member.value, offset)) return innermost(member.value, offset, [...path, member.key]);
      return path;
    }
  } else if (value.type === 'array') {
    for (let i = 0; i < value.items.length && value.items[i]!.offset <= offset; i++) {
      if (contains(value.items[i]!, offset)) return innermost(value.items[i]!, offset, [...path, i]);
    }
  }
  return path;
}

function contains(span: Span, offset: number): boolean {
  return offset >= span.offset && offset <= span.offset + span.length;
}

/** Whether the character at `offset` is inside the span, its end excluded: what a hover is on. */
export function within(span: Span, offset: number): boolean {
  return offset >= span.offset && offset < span.offset + span.length;
}

/** The value of a literal (a string, number, boolean or null); undefined for an object, an array or nothing. */
export function literalValue(value: JsonValue | undefined): string | number | boolean | null | undefined {
  return value && 'value' in value ? value.value : undefined;
}
