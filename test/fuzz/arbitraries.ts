/**
 * Plan generators shared by the property tests (test/unit/properties.test.ts), the mutation fuzzing
 * (test/unit/mutation.test.ts) and the long run (test/fuzz/run.ts).
 *
 * A generated plan is a small model (members whose values are raw JSONC source snippets, node names as
 * references into a name table) rendered to text with random layout: 2/4-space or tab indentation, LF or
 * CRLF, one-line or multi-line steps, trailing commas, // and block comments (some spanning lines, some
 * holding a `//`), blank lines, a BOM. Most plans are valid JSONC close to KB 811272, so the rules and
 * their fixes fire; some are broken afterwards by token mutations.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { seededRandom } from '../../bench/random';

// ── the model ──────────────────────────────────────────────────────────────────────────────────────────

/** A node name as a plan writes it: one of the name table's names in some case, a typo of one, or literal text. */
export type NameRef =
  | { readonly kind: 'node'; readonly index: number; readonly variant: 'same' | 'upper' | 'lower' | 'typo' }
  | { readonly kind: 'literal'; readonly text: string };

export type Val =
  | { readonly t: 'raw'; readonly s: string }
  | { readonly t: 'name'; readonly ref: NameRef }
  | { readonly t: 'obj'; readonly m: readonly Member[] }
  | { readonly t: 'arr'; readonly items: readonly Val[] };

export interface Member {
  readonly k: string | NameRef;
  readonly v: Val;
}

export interface Layout {
  /** '  ', '    ' or '\t'. */
  readonly indent: string;
  readonly eol: '\n' | '\r\n';
  readonly bom: boolean;
  /** Everything on one line. */
  readonly compact: boolean;
  /** 0: steps one-line; 1: steps multi-line; 2: mixed. */
  readonly stepLines: 0 | 1 | 2;
  readonly spacedBraces: boolean;
  /** Probability (0..1) of a comment at each place a comment may go. */
  readonly comments: number;
  /** Probability of a trailing comma in each container. */
  readonly trailingCommas: number;
  /** Seed of the per-element choices (comments, commas, blank lines). */
  readonly seed: number;
}

export interface PlanModel {
  readonly root: readonly Member[];
  readonly layout: Layout;
}

// ── names ──────────────────────────────────────────────────────────────────────────────────────────────

export const PLAIN_NAMES = ['NODE1', 'NODE2', 'NODE3', 'NODE4', 'NODE5', 'NODE6'] as const;
/** Names that are also properties of Object.prototype: they must behave like any other name. */
export const HOSTILE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'] as const;
export type NameTable = readonly string[];

function typo(name: string): string {
  // Never another name of either table, ignoring case: drop a character, or swap the first two.
  return name.length > 4 ? name.slice(0, -1) : name[1]! + name[0]! + name.slice(2);
}

export function nameOf(ref: NameRef, table: NameTable): string {
  if (ref.kind === 'literal') return ref.text;
  const name = table[ref.index % table.length]!;
  switch (ref.variant) {
    case 'same':
      return name;
    case 'upper':
      return name.toUpperCase();
    case 'lower':
      return name.toLowerCase();
    case 'typo':
      return typo(name);
  }
}

/** A name back to a table-independent token (`#2`, `#2~`), for comparing two renderings of one model. */
export function nameToken(name: string, table: NameTable): string {
  const i = table.findIndex((n) => n.toUpperCase() === name.toUpperCase());
  if (i >= 0) return `#${i}`;
  const t = table.findIndex((n) => typo(n) === name);
  return t >= 0 ? `#${t}~` : name;
}

// ── rendering ──────────────────────────────────────────────────────────────────────────────────────────

const LINE_COMMENTS = ['// note', '//', '// NODE1: stop, set NoVersionCheck, start', '// "quoted", {braces} [and] commas,', '// ünïcödé ✓ 💥'];
const BLOCK_COMMENTS = ['/* note */', '/**/', '/* "a", } ] , */', '/* a\n * multi-line\n */', '/* spans\n// a line that looks like a comment\n*/', '/* spans\n// and ends on a line that looks like a comment */'];

export function renderPlan(model: PlanModel, table: NameTable = PLAIN_NAMES): string {
  const { layout } = model;
  const random = seededRandom(layout.seed);
  const chance = (p: number) => p > 0 && random() < p;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const eol = layout.eol;
  const fixEol = (s: string) => s.replace(/\n/g, eol);
  const name = (k: string | NameRef) => (typeof k === 'string' ? k : nameOf(k, table));

  const inlineComment = () => (chance(layout.comments / 3) ? ' ' + pick(BLOCK_COMMENTS.slice(0, 3)) + ' ' : '');

  function oneLine(v: Val): string {
    switch (v.t) {
      case 'raw':
        return v.s;
      case 'name':
        return JSON.stringify(nameOf(v.ref, table));
      case 'obj': {
        if (v.m.length === 0) return '{}';
        const body = v.m.map((m) => `${JSON.stringify(name(m.k))}:${inlineComment()} ${oneLine(m.v)}`).join(', ');
        const comma = chance(layout.trailingCommas / 2) ? ',' : '';
        return layout.spacedBraces ? `{ ${body}${comma} }` : `{${body}${comma}}`;
      }
      case 'arr':
        if (v.items.length === 0) return '[]';
        return `[${v.items.map(oneLine).join(', ')}${chance(layout.trailingCommas / 2) ? ',' : ''}]`;
    }
  }

  /** A container whose entries each go on their own line; `entries` are rendered one-line or deeper. */
  function multiLine(open: string, close: string, entries: string[], depth: number): string {
    const inner = layout.indent.repeat(depth + 1);
    const outer = layout.indent.repeat(depth);
    if (entries.length === 0) return chance(0.5) ? open + close : open + eol + outer + close;
    const lines: string[] = [];
    entries.forEach((entry, i) => {
      if (i > 0 && chance(0.1)) lines.push('');
      if (chance(layout.comments)) {
        const comment = chance(0.7) ? pick(LINE_COMMENTS) : pick(BLOCK_COMMENTS);
        lines.push(inner + fixEol(comment).replace(new RegExp(eol, 'g'), eol + inner));
      }
      const last = i === entries.length - 1;
      const comma = !last || chance(layout.trailingCommas) ? ',' : '';
      const trailing = chance(layout.comments / 2) ? ' ' + (chance(0.7) ? pick(LINE_COMMENTS) : pick(BLOCK_COMMENTS.slice(0, 3))) : '';
      lines.push(inner + entry + comma + trailing);
    });
    if (chance(layout.comments / 3)) lines.push(inner + pick(LINE_COMMENTS));
    return open + eol + lines.join(eol) + eol + outer + close;
  }

  function render(v: Val, depth: number, multi: (depth: number) => boolean): string {
    if (layout.compact || !multi(depth) || v.t === 'raw' || v.t === 'name') return oneLine(v);
    if (v.t === 'obj') {
      const entries = v.m.map((m) => `${JSON.stringify(name(m.k))}:${inlineComment()} ${render(m.v, depth + 1, multi)}`);
      return multiLine('{', '}', entries, depth);
    }
    return multiLine('[', ']', v.items.map((item) => render(item, depth + 1, multi)), depth);
  }

  const stepsMulti = layout.stepLines === 1 || (layout.stepLines === 2 && random() < 0.5);
  // The root and its containers (nodes, steps, versions) are multi-line; steps and node values as the layout says.
  const root = render({ t: 'obj', m: model.root }, 0, (depth) => depth <= 1 || (depth === 2 && (layout.stepLines === 2 ? random() < 0.5 : stepsMulti)));
  let text = root;
  if (!layout.compact && chance(layout.comments)) text = fixEol(pick([...LINE_COMMENTS, ...BLOCK_COMMENTS])) + eol + text;
  if (chance(0.8)) text += eol;
  if (layout.bom) text = '\uFEFF' + text;
  return text;
}

// ── versions ───────────────────────────────────────────────────────────────────────────────────────────

const v = (major: number, minor: number) => ((major << 16) | minor) >>> 0;
export const CATALOG: Readonly<Record<string, readonly [number, number]>> = {
  'nt4-sp3': [v(1, 224), v(1, 224)],
  'nt4-sp4': [v(2, 224), v(1, 224)],
  win2000: [v(3, 2195), v(2, 224)],
  'ws2003-rc1': [v(4, 3663), v(3, 2195)],
  'ws2003-rc2': [v(4, 3718), v(3, 2195)],
  'ws2003-rtm': [v(4, 3790), v(3, 2195)],
  ws2003: [v(4, 3790), v(3, 2195)],
};
const ALIASES = Object.keys(CATALOG);

/** One version in any notation: "M.m", a DWORD number, "0x…" (any case, padded or not). */
export function versionArb(version: number): fc.Arbitrary<string> {
  const major = version >>> 16;
  const minor = version & 0xffff;
  return fc.constantFrom(
    JSON.stringify(`${major}.${minor}`),
    String(version),
    JSON.stringify('0x' + version.toString(16).toUpperCase().padStart(8, '0')),
    JSON.stringify('0x' + version.toString(16)),
    JSON.stringify('0X' + version.toString(16).toUpperCase()),
  );
}

/** Versions that are wrong in every way the format knows, and some it does not expect. */
export const badVersionArb: fc.Arbitrary<string> = fc.constantFrom(
  '4.3790', // a fraction: invalid-version with a quote fix
  '3.2195',
  '4.0',
  '4.3790e0',
  '-4.5',
  '1e400',
  '-1',
  '4294967296',
  '99999999999999999999999',
  '0x00040ECE', // bare hex: a syntax error
  '"0x"',
  '"0x123456789"',
  '"65536.1"',
  '"4.65536"',
  '"4.37.90"',
  '" 4.3790"',
  '"4.3790 "',
  '""',
  '"265934"',
  'null',
  'true',
  '{}',
  '[]',
  '"ws2003-RTM"', // case differs from an alias: a safe fix
  '"ws2003-rmt"',
  '"Ws2003-Rc2"',
  '"win2k"',
  '"__proto__"',
  '"constructor"',
);

const aliasArb = fc.constantFrom(...ALIASES);

/** A node's or a target's version: `version` alias, or highest (and lowest) in some notation. */
function versionMembersArb(planAliases: readonly string[]): fc.Arbitrary<Member[]> {
  const raw = (s: string): Val => ({ t: 'raw', s });
  const aliases = [...ALIASES, ...planAliases];
  const byAlias = fc.constantFrom(...aliases).map((a): Member[] => [{ k: 'version', v: raw(JSON.stringify(a)) }]);
  const byNumbers = aliasArb.chain((a) => {
    const [h, l] = CATALOG[a]!;
    return fc.tuple(fc.oneof({ weight: 8, arbitrary: versionArb(h) }, { weight: 1, arbitrary: badVersionArb }), fc.option(fc.oneof({ weight: 8, arbitrary: versionArb(l) }, { weight: 1, arbitrary: badVersionArb }), { freq: 4 }));
  }).map(([h, l]): Member[] => (l === null ? [{ k: 'highest', v: raw(h) }] : [{ k: 'highest', v: raw(h) }, { k: 'lowest', v: raw(l) }]));
  const odd = fc.constantFrom<Member[]>(
    [{ k: 'version', v: raw('"ws2003-rc2"') }, { k: 'highest', v: raw('"4.3718"') }],
    [{ k: 'version', v: raw('"ws2003-rtm"') }, { k: 'lowest', v: raw('"3.2195"') }],
    [{ k: 'lowest', v: raw('"3.2195"') }],
    [{ k: 'highest', v: raw('"3.2195"') }, { k: 'lowest', v: raw('"4.3790"') }],
    [{ k: 'highest', v: raw('"4.3790"') }, { k: 'lowest', v: raw('"1.224"') }],
    [{ k: 'version', v: raw('"ws2003-RC2"') }],
    [{ k: 'highest', v: raw('"ws2003-rtm"') }],
    [],
  );
  return fc.oneof({ weight: 10, arbitrary: byAlias }, { weight: 6, arbitrary: byNumbers }, { weight: 1, arbitrary: odd });
}

// ── plans ──────────────────────────────────────────────────────────────────────────────────────────────

const layoutArb: fc.Arbitrary<Layout> = fc.record({
  indent: fc.constantFrom('  ', '    ', '\t'),
  eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\n', '\r\n'),
  bom: fc.constantFrom(false, false, false, false, false, true),
  compact: fc.constantFrom(false, false, false, false, false, false, false, true),
  stepLines: fc.constantFrom<0 | 1 | 2>(0, 0, 1, 2),
  spacedBraces: fc.boolean(),
  comments: fc.constantFrom(0, 0.1, 0.3, 0.6),
  trailingCommas: fc.constantFrom(0, 0.5, 1),
  seed: fc.integer({ min: 0, max: 0x7fffffff }),
});

const nodeRefArb = (count: number): fc.Arbitrary<NameRef> =>
  fc.oneof(
    { weight: 20, arbitrary: fc.record({ kind: fc.constant('node' as const), index: fc.nat({ max: count - 1 }), variant: fc.constant('same' as const) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('node' as const), index: fc.nat({ max: count - 1 }), variant: fc.constantFrom('upper' as const, 'lower' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('node' as const), index: fc.nat({ max: count - 1 }), variant: fc.constant('typo' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('node' as const), index: fc.constant(count), variant: fc.constant('same' as const) }) },
    { weight: 1, arbitrary: fc.constantFrom<NameRef>({ kind: 'literal', text: 'SRV9' }, { kind: 'literal', text: '' }, { kind: 'literal', text: 'two words' }) },
  );

const raw = (s: string): Val => ({ t: 'raw', s });
const str = (s: string): Val => raw(JSON.stringify(s));
const nameVal = (ref: NameRef): Val => ({ t: 'name', ref });
const obj = (...m: Member[]): Val => ({ t: 'obj', m });

const NVC = '"NoVersionCheck"';

function stepArb(count: number, planAliases: readonly string[]): fc.Arbitrary<Val> {
  const node = nodeRefArb(count);
  const first = nameVal({ kind: 'node', index: 0, variant: 'same' });
  const extras = fc.constantFrom<Member[]>(
    [],
    [],
    [],
    [],
    [{ k: 'id', v: str('s1') }],
    [{ k: 'description', v: str('Move the groups off first') }],
    [{ k: 'id', v: raw('7') }],
    [{ k: 'x-extra', v: raw('true') }],
    [{ k: '__proto__', v: raw('{}') }],
    [{ k: 'node', v: first }],
  );
  const target = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ALIASES, ...planAliases).map(str) },
    { weight: 3, arbitrary: versionMembersArb(planAliases).map((m) => obj(...m.filter((x) => x.k !== 'version'))) },
    { weight: 1, arbitrary: badVersionArb.map(raw) },
  );
  const service = fc
    .tuple(fc.constantFrom('stop', 'start', 'join', 'restart'), node, fc.option(node, { freq: 3 }))
    .map(([action, n, sponsor]): Member[] => [
      { k: 'action', v: str(action) },
      { k: 'node', v: nameVal(n) },
      ...(sponsor && action !== 'stop' ? [{ k: 'sponsor', v: nameVal(sponsor) }] : []),
    ]);
  const upgrade = fc.tuple(node, target).map(([n, to]): Member[] => [{ k: 'action', v: str('upgrade') }, { k: 'node', v: nameVal(n) }, { k: 'to', v: to }]);
  const registryOptions = fc.constantFrom<Member[]>(
    [{ k: 'type', v: str('REG_DWORD') }, { k: 'data', v: raw('1') }],
    [{ k: 'type', v: str('REG_DWORD') }, { k: 'data', v: raw('1') }],
    [{ k: 'data', v: raw('1') }],
    [{ k: 'type', v: str('REG_SZ') }, { k: 'data', v: str('1') }],
    [{ k: 'type', v: str('reg_dword') }, { k: 'data', v: raw('0') }],
    [{ k: 'type', v: str('REG_DWORD') }, { k: 'data', v: raw('1') }, { k: 'key', v: str('HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters\\') }],
    [{ k: 'type', v: str('REG_DWORD') }, { k: 'data', v: raw('1') }, { k: 'key', v: str('HKLM\\SOFTWARE\\Cluster') }],
    [{ k: 'type', v: str('REG_NONE') }, { k: 'data', v: raw('1') }],
    [{ k: 'data', v: raw('[1]') }],
    [],
  );
  const set = fc.tuple(node, registryOptions).map(([n, o]): Member[] => [{ k: 'action', v: str('set-registry') }, { k: 'node', v: nameVal(n) }, { k: 'name', v: raw(NVC) }, ...o]);
  const del = fc.tuple(node, fc.constantFrom<Member[]>([], [], [{ k: 'key', v: str('HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\Clussvc\\Parameters') }], [{ k: 'name', v: str('Other') }])).map(([n, o]): Member[] => [
    { k: 'action', v: str('delete-registry') },
    { k: 'node', v: nameVal(n) },
    ...(o.some((m) => m.k === 'name') ? o : [{ k: 'name', v: raw(NVC) }, ...o]),
  ]);
  const security = fc.constantFrom<Member[]>(
    [{ k: 'action', v: str('cluster-security') }, { k: 'grant', v: str('NETWORKSERVICE') }, { k: 'rights', v: str('full') }],
    [{ k: 'action', v: str('cluster-security') }, { k: 'grant', v: str('NT AUTHORITY\\Network Service') }],
    [{ k: 'action', v: str('cluster-security') }, { k: 'grant', v: str('NETWORKSERVICE') }, { k: 'rights', v: str('read') }],
    [{ k: 'action', v: str('cluster-security') }, { k: 'revoke', v: str('SERVICE') }],
    [{ k: 'action', v: str('cluster-security') }, { k: 'revoke', v: str('SERVICE') }, { k: 'grant', v: str('SERVICE') }],
  );
  const note = fc.constantFrom<Member[]>([{ k: 'action', v: str('note') }, { k: 'text', v: str('Check MSDTC') }], [{ k: 'action', v: str('note') }]);
  const broken = fc.constantFrom<Val>(
    obj({ k: 'action', v: str('reboot') }, { k: 'node', v: first }),
    obj({ k: 'node', v: first }),
    obj({ k: 'action', v: raw('null') }),
    obj({ k: 'action', v: str('stop') }, { k: 'node', v: raw('1') }),
    obj({ k: 'action', v: str('stop') }),
    obj({ k: 'action', v: str('constructor') }),
    obj({ k: 'action', v: str('stop') }, { k: 'node', v: first }, { k: '0', v: raw('1') }),
    raw('"stop NODE1"'),
    raw('[]'),
    raw('null'),
    obj(),
  );
  const normal = fc.oneof(
    { weight: 8, arbitrary: service },
    { weight: 3, arbitrary: upgrade },
    { weight: 4, arbitrary: set },
    { weight: 2, arbitrary: del },
    { weight: 1, arbitrary: security },
    { weight: 1, arbitrary: note },
  );
  return fc.oneof(
    { weight: 30, arbitrary: fc.tuple(normal, extras).map(([m, e]) => obj(...m, ...e)) },
    { weight: 1, arbitrary: broken },
  );
}

/** The procedure of KB 811272 (or a plain rolling upgrade) for `count` nodes, as steps. */
function kbSteps(count: number, registry: boolean, target: Val, security: boolean): Val[] {
  const n = (index: number): Val => nameVal({ kind: 'node', index, variant: 'same' });
  const step = (action: string, index: number, ...more: Member[]): Val => obj({ k: 'action', v: str(action) }, { k: 'node', v: n(index) }, ...more);
  const set = (index: number) => step('set-registry', index, { k: 'name', v: raw(NVC) }, { k: 'type', v: str('REG_DWORD') }, { k: 'data', v: raw('1') });
  const steps: Val[] = [];
  if (registry) steps.push(step('stop', 0), set(0), step('start', 0));
  for (let i = 1; i < count; i++) {
    steps.push(step('upgrade', i, { k: 'to', v: target }));
    if (registry) steps.push(set(i));
    steps.push(step('join', i, { k: 'sponsor', v: n(0) }));
  }
  steps.push(step('upgrade', 0, { k: 'to', v: target }), step('join', 0, { k: 'sponsor', v: n(1) }));
  if (registry) {
    for (let i = 0; i < count; i++) steps.push(step('delete-registry', i, { k: 'name', v: raw(NVC) }));
    for (let i = 0; i < count; i++) steps.push(step('restart', i));
  }
  if (security) {
    steps.push(obj({ k: 'action', v: str('cluster-security') }, { k: 'grant', v: str('NETWORKSERVICE') }, { k: 'rights', v: str('full') }));
    steps.push(obj({ k: 'action', v: str('cluster-security') }, { k: 'revoke', v: str('SERVICE') }));
  }
  steps.push(obj({ k: 'action', v: str('note') }, { k: 'text', v: str('Check the MSDTC resources') }));
  return steps;
}

type Edit = { readonly op: 'drop' | 'dup' | 'swap' | 'insert'; readonly at: number; readonly step?: Val };

function applyStepEdits(steps: readonly Val[], edits: readonly Edit[]): Val[] {
  const out = steps.slice();
  for (const e of edits) {
    if (out.length === 0 && e.op !== 'insert') continue;
    const at = e.at % Math.max(1, out.length);
    if (e.op === 'drop') out.splice(at, 1);
    else if (e.op === 'dup') out.splice(at, 0, out[at]!);
    else if (e.op === 'swap' && at + 1 < out.length) [out[at], out[at + 1]] = [out[at + 1]!, out[at]!];
    else if (e.op === 'insert' && e.step) out.splice(e.at % (out.length + 1), 0, e.step);
  }
  return out;
}

const HOSTILE_ALIASES = ['__proto__', 'constructor', 'toString', 'ws2003-sp1', 'ws2003-rc2', 'hasOwnProperty'];

/** `versions`: the plan's own aliases, some named like Object.prototype's properties. */
const versionsArb: fc.Arbitrary<{ member: Member | undefined; aliases: string[] }> = fc
  .option(fc.uniqueArray(fc.tuple(fc.constantFrom(...HOSTILE_ALIASES), aliasArb, fc.boolean(), fc.constantFrom(0, 0, 0, 1, 2)), { maxLength: 3, selector: (t) => t[0] }), { freq: 3 })
  .chain((entries): fc.Arbitrary<{ member: Member | undefined; aliases: string[] }> => {
    if (!entries || entries.length === 0) return fc.constant({ member: undefined, aliases: [] });
    return fc.tuple(...entries.map(([alias, like, preRelease, oddity]) => {
      const [h, l] = CATALOG[like]!;
      return fc.tuple(versionArb(h), versionArb(l)).map(([hs, ls]): Member => {
        const props: Member[] = oddity === 1 ? [{ k: 'highest', v: str(like) }] : [{ k: 'highest', v: raw(hs) }, { k: 'lowest', v: raw(ls) }];
        if (preRelease) props.push({ k: 'preRelease', v: raw('true') });
        if (oddity === 2) props.push({ k: 'note', v: raw('1') });
        return { k: alias, v: obj(...props) };
      });
    })).map((members) => ({ member: { k: 'versions', v: obj(...members) } as Member, aliases: entries.map((e) => e[0]) }));
  });

function nodeArb(index: number, from: fc.Arbitrary<Member[]>): fc.Arbitrary<Member> {
  return fc
    .tuple(
      from,
      fc.constantFrom<Member[]>([], [], [], [], [], [{ k: 'state', v: str('stopped') }], [{ k: 'noVersionCheck', v: raw('true') }], [{ k: 'state', v: str('running') }], [{ k: 'state', v: str('paused') }], [{ k: 'description', v: str('SQL') }]),
      fc.constantFrom<NameRef['kind'] | 'case' | 'bad'>('node', 'node', 'node', 'node', 'node', 'node', 'node', 'node', 'node', 'node', 'node', 'node', 'case', 'bad'),
    )
    .map(([version, extra, keyKind]): Member => {
      const k: string | NameRef =
        keyKind === 'bad' ? (['NODE 7', 'A-VERY-LONG-NODE-NAME', '', 'x/y', 'A~B', '3'][index % 6]!) : keyKind === 'case' ? { kind: 'node', index: Math.max(0, index - 1), variant: 'lower' } : { kind: 'node', index, variant: 'same' };
      return { k, v: obj(...version, ...extra) };
    });
}

function topArb(): fc.Arbitrary<Member[]> {
  return fc.constantFrom<Member[]>(
    [],
    [],
    [{ k: 'cluster', v: str('PRODCLUS') }],
    [{ k: 'cluster', v: str('PRODCLUS') }, { k: 'versionMatch', v: str('exact') }],
    [{ k: 'versionMatch', v: str('major') }],
    [{ k: 'versionMatch', v: str('minor') }],
    [{ k: '$schema', v: str('./clusterplan.schema.json') }],
    [{ k: 'constructor', v: raw('1') }],
  );
}

/** A KB-like plan: the procedure for 2–4 nodes with some steps dropped, duplicated, swapped or added. */
export const kbPlanArb: fc.Arbitrary<PlanModel> = fc
  .record({
    count: fc.integer({ min: 2, max: 4 }),
    from: fc.constantFrom('ws2003-rc2', 'ws2003-rc2', 'ws2003-rc1', 'win2000', 'nt4-sp4', 'nt4-sp3'),
    to: fc.constantFrom('ws2003-rtm', 'ws2003-rtm', 'ws2003', 'ws2003-rc2'),
    registry: fc.constantFrom(true, true, true, false),
    security: fc.constantFrom(true, true, false),
    top: topArb(),
    layout: layoutArb,
    versions: versionsArb,
  })
  .chain((p) =>
    fc
      .record({
        nodes: fc.tuple(...Array.from({ length: p.count }, (_, i) => nodeArb(i, fc.oneof({ weight: 4, arbitrary: fc.constant<Member[]>([{ k: 'version', v: str(p.from) }]) }, { weight: 2, arbitrary: fc.tuple(versionArb(CATALOG[p.from]![0]), versionArb(CATALOG[p.from]![1])).map(([h, l]): Member[] => [{ k: 'highest', v: raw(h) }, { k: 'lowest', v: raw(l) }]) }, { weight: 1, arbitrary: versionMembersArb(p.versions.aliases) })))),
        target: fc.oneof({ weight: 5, arbitrary: fc.constant(str(p.to)) }, { weight: 2, arbitrary: fc.tuple(versionArb(CATALOG[p.to]![0]), versionArb(CATALOG[p.to]![1])).map(([h, l]) => obj({ k: 'highest', v: raw(h) }, { k: 'lowest', v: raw(l) })) }, { weight: 1, arbitrary: fc.constantFrom(...p.versions.aliases, 'ws2003-rmt').map(str) }),
        edits: fc.array(fc.record({ op: fc.constantFrom<Edit['op']>('drop', 'drop', 'drop', 'dup', 'swap', 'insert'), at: fc.nat({ max: 40 }), step: stepArb(p.count, p.versions.aliases) }), { maxLength: 4 }),
      })
      .map(({ nodes, target, edits }): PlanModel => {
        const steps = applyStepEdits(kbSteps(p.count, p.registry, target, p.security), edits);
        const root: Member[] = [...p.top, ...(p.versions.member ? [p.versions.member] : []), { k: 'nodes', v: obj(...nodes) }, { k: 'steps', v: { t: 'arr', items: steps } }];
        return { root, layout: p.layout };
      }),
  );

/** A plan of random nodes and random steps of every action. */
export const randomPlanArb: fc.Arbitrary<PlanModel> = fc
  .record({ count: fc.integer({ min: 1, max: 5 }), top: topArb(), layout: layoutArb, versions: versionsArb, shape: fc.constantFrom('normal', 'normal', 'normal', 'normal', 'normal', 'normal', 'no-steps', 'no-nodes', 'steps-object', 'empty-steps', 'nodes-array') })
  .chain((p) =>
    fc
      .record({
        nodes: fc.tuple(...Array.from({ length: p.count }, (_, i) => nodeArb(i, versionMembersArb(p.versions.aliases)))),
        steps: fc.array(stepArb(p.count, p.versions.aliases), { maxLength: 12 }),
      })
      .map(({ nodes, steps }): PlanModel => {
        const root: Member[] = [...p.top, ...(p.versions.member ? [p.versions.member] : [])];
        if (p.shape === 'nodes-array') root.push({ k: 'nodes', v: { t: 'arr', items: nodes.map((n) => n.v) } });
        else if (p.shape !== 'no-nodes') root.push({ k: 'nodes', v: obj(...nodes) });
        if (p.shape === 'steps-object') root.push({ k: 'steps', v: obj({ k: 'a', v: steps[0] ?? raw('1') }) });
        else if (p.shape === 'empty-steps') root.push({ k: 'steps', v: { t: 'arr', items: [] } });
        else if (p.shape !== 'no-steps') root.push({ k: 'steps', v: { t: 'arr', items: steps } });
        return { root, layout: p.layout };
      }),
  );

export const planModelArb: fc.Arbitrary<PlanModel> = fc.oneof({ weight: 3, arbitrary: kbPlanArb }, { weight: 2, arbitrary: randomPlanArb });

// ── mutations ──────────────────────────────────────────────────────────────────────────────────────────

/** Tokens the mutation fuzzing inserts: JSON punctuation, numbers, hostile names and invisible characters. */
export const TOKENS: readonly string[] = [
  '"', '{', '}', '[', ']', ',', ':', ',,', '{}', '[]', '[}', '{]', '"a":', '"action":', '"node":',
  '0x', '0x00040ECE', '"0x"', '4.3790', '1e400', '-0', '99999999999999999999999', '4294967296', '-1', 'NaN', 'Infinity',
  '__proto__', '"__proto__"', '"__proto__": {}', '"constructor": 1', '"toString"', '"hasOwnProperty": null', 'prototype',
  '\uFEFF', '\u0000', '\u202E', '\u200F', '\u2028', '\u2029', '\u00A0', '\uD83D', '\uDCA5', '💥', 'ǅ', 'ß',
  '//', '/*', '*/', '\\', '\\u', '\\"', '\n', '\r', '\r\n', '\t', ' ', 'true', 'null', 'false',
  '"NODE1"', '"ws2003-rtm"', '"4.3790"', '"REG_DWORD"', '"stop"', '"restart"', '"set-registry"',
  '// clusterplan-disable-next-line join-incompatible -- reason\n', 'clusterplan-disable-next-line', '// clusterplan-disable-next-line\n',
];

export type Mutation =
  | { readonly op: 'insert'; readonly at: number; readonly token: string }
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'duplicate'; readonly at: number; readonly length: number; readonly times: number }
  | { readonly op: 'move'; readonly at: number; readonly length: number; readonly to: number };

/** `at`, `to` are fractions of the text's length in 1/2^20, so a mutation stays meaningful when shrunk. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let t = text;
  const pos = (frac: number) => Math.floor((frac / 0x100000) * (t.length + 1));
  for (const m of mutations) {
    const at = Math.min(pos(m.at), t.length);
    switch (m.op) {
      case 'insert':
        t = t.slice(0, at) + m.token + t.slice(at);
        break;
      case 'delete':
        t = t.slice(0, at) + t.slice(at + m.length);
        break;
      case 'duplicate': {
        const piece = t.slice(at, at + m.length);
        t = t.slice(0, at) + piece.repeat(m.times + 1) + t.slice(at + m.length);
        break;
      }
      case 'move': {
        const piece = t.slice(at, at + m.length);
        const rest = t.slice(0, at) + t.slice(at + m.length);
        const to = Math.min(Math.floor((m.to / 0x100000) * (rest.length + 1)), rest.length);
        t = rest.slice(0, to) + piece + rest.slice(to);
        break;
      }
    }
  }
  return t;
}

const fraction = fc.integer({ min: 0, max: 0x100000 });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fraction, token: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 24 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('duplicate' as const),
      at: fraction,
      length: fc.integer({ min: 1, max: 120 }),
      // Mostly a copy or two; now and then thousands, which is how deep nesting and huge files come about.
      times: fc.oneof({ weight: 50, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 50, max: 5000 }) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('move' as const), at: fraction, length: fc.integer({ min: 1, max: 200 }), to: fraction }) },
);

export const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 8 });

/** Rendered plans, a fifth of them broken by a few mutations. */
export const planTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(planModelArb, fc.constantFrom(PLAIN_NAMES, PLAIN_NAMES, PLAIN_NAMES, HOSTILE_NAMES)).map(([m, table]) => renderPlan(m, table)) },
  { weight: 1, arbitrary: fc.tuple(planModelArb, fc.array(mutationArb.filter((m) => m.op !== 'duplicate' || m.times < 50), { minLength: 1, maxLength: 3 })).map(([m, ms]) => mutate(renderPlan(m), ms)) },
);

// ── the example plans ──────────────────────────────────────────────────────────────────────────────────

export function repoRoot(fromDir: string): string {
  // Compiled files live in out/test/unit/ or out/test/fuzz/.
  return path.resolve(fromDir, '../../..');
}

export function examplePlans(root: string): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.clusterplan')) out.push({ name: path.relative(root, full), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(root, 'examples'));
  return out;
}

export const REGRESSIONS_DIR = (root: string) => path.join(root, 'test', 'fuzz', 'regressions');

export function regressionFiles(root: string): { name: string; text: string }[] {
  const dir = REGRESSIONS_DIR(root);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.clusterplan'))
    .sort()
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}
