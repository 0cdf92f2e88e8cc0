/**
 * A regular plan is read from JSON.parse's values (src/core/readRegularPlan.ts) with its tree built only
 * where a node is asked for; every other plan through the tree (readPlan.ts). Both must give the same
 * analysis: the same model with the same nodes, findings, quick fixes, timeline, outline and hints. This
 * compares them on every plan we have and on thousands of mutations that keep the text valid but change
 * what it says (names, actions, keys, versions), besides ones that break it.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { mutate, planCorpus } from '../../bench/corpus';
import { seededRandom } from '../../bench/random';
import { analyze, fixesFor, inlayHints, planSymbols, PlanDocument, type Analysis } from '../../src/core';
import { parseJsoncValues } from '../../src/core/jsoncValues';
import type { StepTable } from '../../src/core/plan';
import { readRegularPlan } from '../../src/core/readRegularPlan';

const ROOT = path.resolve(__dirname, '../../..');

/** Everything a user or a later feature can see of an analysis, nodes shown by their range. */
function view(analysis: Analysis): string {
  const range = (node: { offset: number; length: number; type: string } | undefined) => node && `${node.type}@${node.offset}+${node.length}`;
  const replacer = (key: string, value: unknown): unknown => {
    if (key === 'document' || key === 'parent' || key === 'step') return undefined;
    // Each route keeps its own table; what it answers for every step must be the same.
    if (key === 'stepTable') return tableView(value as StepTable);
    if (key === 'node' || key === 'keyNode' || key === 'stepsArray') return range(value as never);
    if (key === 'declaration' || key === 'duplicateOf') return (value as { pointer?: string } | undefined)?.pointer ?? null;
    if (key === 'catalog') {
      const catalog = value as Analysis['plan'] & {} extends { catalog: infer C } ? C : never;
      return catalog.aliases().map((alias) => catalog.get(alias));
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    // The lazy model's objects have `pointer`, `node` (and a declaration's `keyNode`) as getters, not own properties.
    const keys = new Set(Object.keys(value));
    if ('pointer' in value) keys.add('pointer');
    if ('pointer' in value && 'node' in value) keys.add('node');
    if ('pointer' in value && 'keyNode' in value) keys.add('keyNode');
    // So does the plan read from values, for what it builds when first asked for.
    if ('stepTable' in value) for (const key of ['steps', 'stepsArray', 'versionValues', 'nodeReferences']) keys.add(key);
    // The simulation's states and joins have `nodes` and `sponsors` as getters too.
    if ('activeCount' in value) keys.add('nodes');
    if ('outcome' in value && 'rulesHeld' in value) keys.add('sponsors');
    const sorted: Record<string, unknown> = {};
    for (const k of [...keys].sort()) sorted[k] = (value as Record<string, unknown>)[k];
    return sorted;
  };
  const text = analysis.document.text;
  return JSON.stringify(
    {
      syntaxErrors: analysis.document.syntaxErrors,
      limitProblem: analysis.document.limitProblem,
      findings: analysis.findings,
      plan: analysis.plan,
      timeline: analysis.timeline && { initial: analysis.timeline.initial, results: analysis.timeline.results, final: analysis.timeline.final },
      fixes: analysis.findings.map((f) => fixesFor(analysis, f)),
      symbols: planSymbols(analysis),
      hints: inlayHints(analysis, 0, text.length),
    },
    replacer,
  );
}

/** Every answer of the table, step by step; declarations by their pointer. */
function tableView(table: StepTable): unknown[] {
  const pointer = (declaration: { pointer: string } | undefined) => declaration?.pointer ?? null;
  return Array.from({ length: table.length }, (_, i) => [
    table.action(i),
    pointer(table.target(i)),
    pointer(table.sponsor(i)),
    table.namesUnknownNode(i),
    table.hasTo(i),
    table.toHighest(i),
    table.toLowest(i),
    table.atParametersKey(i),
    table.registryType(i),
    table.registryData(i),
    table.step(i).pointer,
  ]);
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `\n  from the tree:   …${a.slice(Math.max(0, i - 100), i + 100)}\n  from the values: …${b.slice(Math.max(0, i - 100), i + 100)}`;
}

/** Whether `text` was read from its values; throws where the two readings differ. */
function check(label: string, text: string): boolean {
  const regular = readRegularPlan(new PlanDocument(text)) !== undefined;
  const fromTree = view(analyze(text, { readValues: false }));
  const fromValues = view(analyze(text));
  if (fromTree !== fromValues) throw new Error(`${label}${firstDifference(fromTree, fromValues)}`);
  return regular;
}

/** String tokens a plan uses, to put in place of others: keys, names, actions, versions, registry words. */
const WORDS = [
  'action', 'node', 'sponsor', 'to', 'data', 'type', 'name', 'key', 'id', 'description', 'text', 'grant', 'revoke', 'rights',
  'highest', 'lowest', 'version', 'state', 'noVersionCheck', 'preRelease', 'note', 'cluster', 'versionMatch', 'versions',
  'NODE1', 'NODE2', 'node1', 'NODE9', 'NODE:1', '1', '__proto__', 'constructor',
  'stop', 'start', 'join', 'restart', 'upgrade', 'set-registry', 'delete-registry', 'cluster-security', 'note',
  'ws2003-rtm', 'ws2003-rc2', 'win2000', 'ws2003-rtx', '4.3790', '4.3718', '0x00040ECE', '3.2195', '4.x', '65536.1',
  'REG_DWORD', 'reg_sz', 'NoVersionCheck', 'noversioncheck', 'HKLM\\\\SOFTWARE', 'a: b', 'stopped', 'running', 'full', 'read', 'major', 'exact',
];
const NUMBERS = ['1', '0', '265934', '4.0', '-1', '4294967296', 'true', 'false', 'null', '{}', '[]', '"1"'];
const PIECES = [',', '{', '}', '[', ']', ':', '"', '//x\n', '/*x*/', ' ', '\n', ',"action": "stop"', ',"node": "NODE1"', ',"1": {}'];

/** Properties a step, a node or a release may have, to add to one. */
const PROPERTIES = [
  '"key": "HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\ClusSvc\\\\Parameters"', '"key": "HKLM\\\\SOFTWARE"', '"sponsor": "NODE2"',
  '"id": "s: 1"', '"description": "why"', '"state": "stopped"', '"noVersionCheck": true', '"type": "REG_SZ"', '"type": "reg_dword"',
  '"rights": "read"', '"lowest": "3.2195"', '"preRelease": true', '"data": 0', '"data": "1"', '"to": { "highest": "4.3790" }',
];

/** Adds one property at the start of an object, so the text stays valid JSON. */
function addProperty(text: string, random: () => number): string {
  const objects = [...text.matchAll(/\{\s*"/g)];
  if (objects.length === 0) return text;
  const at = objects[Math.floor(random() * objects.length)]!.index! + 1;
  return text.slice(0, at) + ' ' + PROPERTIES[Math.floor(random() * PROPERTIES.length)] + ',' + text.slice(at);
}

/** Replaces one string or number token with another plan word, so the text most often stays valid. */
function retoken(text: string, random: () => number): string {
  const tokens = [...text.matchAll(/"(?:[^"\\\n]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null/g)];
  if (tokens.length === 0) return text;
  const token = tokens[Math.floor(random() * tokens.length)]!;
  const replacement = token[0].startsWith('"') ? JSON.stringify(WORDS[Math.floor(random() * WORDS.length)]).replace(/\\\\\\\\/g, '\\\\') : NUMBERS[Math.floor(random() * NUMBERS.length)]!;
  return text.slice(0, token.index) + replacement + text.slice(token.index! + token[0].length);
}

describe('reading a plan from its values', () => {
  const texts = planCorpus(ROOT).filter(([, text]) => text.length < 400_000);

  it('gives the analysis the tree gives, on every plan we have, and reads most of them itself', () => {
    let regular = 0;
    for (const [label, text] of texts) if (check(label, text)) regular++;
    // The generated plans and most examples are regular: reading them through the tree would lose the speed.
    assert.ok(regular >= 6 + 5, `only ${regular} of ${texts.length} plans read from their values`);
  });

  it('gives the same analysis on 2,000 mutations that change words, numbers and syntax', () => {
    const random = seededRandom(5075);
    const small = texts.filter(([, t]) => t.length < 20_000);
    let regular = 0;
    for (let i = 0; i < 2000; i++) {
      const [label, text] = small[i % small.length]!;
      const roll = random();
      let mutated = roll < 0.4 ? retoken(text, random) : roll < 0.8 ? addProperty(text, random) : mutate(text, random, PIECES);
      if (roll < 0.2 || (roll >= 0.4 && roll < 0.6)) mutated = retoken(mutated, random);
      if (check(`mutation ${i} of ${label}`, mutated)) regular++;
    }
    // Both readings must be exercised, or the comparison proves nothing.
    assert.ok(regular > 200 && regular < 1900, `${regular} of 2000 mutations read from their values`);
  });

  it('leaves to the tree what values hide: a key given twice, a version as a number, a name JavaScript reorders', () => {
    const plan = (nodes: string, steps: string) => `{ "nodes": { ${nodes} }, "steps": [ ${steps} ] }`;
    const node1 = '"NODE1": { "version": "ws2003-rtm" }';
    assert.ok(readRegularPlan(new PlanDocument(plan(node1, '{ "action": "stop", "node": "NODE1" }'))));
    for (const text of [
      plan(node1, '{ "action": "stop", "node": "NODE1", "node": "NODE2" }'),
      plan('"NODE1": { "highest": 265934 }', ''),
      plan('"NODE1": { "highest": "4.3790", "lowest": 3.2195 }', ''),
      plan(`"1": { "version": "ws2003-rtm" }, ${node1}`, ''),
      plan(node1, '{ "action": "stop", "node": "NODE1", "extra": 1 }'),
      plan(node1, '{ "action": "upgrade", "node": "NODE1", "to": "ws2003-unknown" }'),
      `{ "nodes": { ${node1} }, "nodes": { ${node1} }, "steps": [] }`,
      // A colon written \u003a in each value: the values count two colons the text does not have, as many
      // as the keys given twice leave out.
      plan(node1, '{ "action": "note", "text": "\\u003a", "text": "\\u003A" }'),
    ]) {
      assert.equal(readRegularPlan(new PlanDocument(text)), undefined, text);
      check(text, text);
    }
  });

  it('counts a colon in a string apart from the colons of keys', () => {
    const text = '{ "nodes": {}, "steps": [ { "action": "note", "text": "a: b: c" } ] }';
    assert.equal(parseJsoncValues(text)?.colons, 6);
    assert.ok(readRegularPlan(new PlanDocument(text)));
    // Four keys and three colons in a string: one key twice, whose value has no colon, still shows.
    const twice = '{ "nodes": {}, "steps": [ { "action": "note", "text": "a: b: c", "text": "x" } ] }';
    assert.equal(readRegularPlan(new PlanDocument(twice)), undefined);
  });

  it('takes out comments and trailing commas as jsonc-parser reads them, and refuses a comma with nothing before it', () => {
    assert.deepEqual(parseJsoncValues('{ "a": [1, 2,], /* x: y */ "b": "//", } // end')?.value, { a: [1, 2], b: '//' });
    assert.equal(parseJsoncValues('{ "a": [1, 2,], /* x: y */ "b": "//", } // end')?.colons, 2);
    for (const broken of ['[,]', '{,}', '{"a": 1,,}', '{"a": /* open', '{"a": 1} /', '{"a":\u00a01}', '']) {
      assert.equal(parseJsoncValues(broken), undefined, JSON.stringify(broken));
    }
  });

  it('builds only the steps a finding shows while it analyses, then the whole tree for the editor', () => {
    const steps = Array.from({ length: 50 }, (_, i) => `{ "action": "restart", "node": "NODE${i === 25 ? 9 : 1}" }`).join(',\n');
    const text = `{ "nodes": { "NODE1": { "version": "ws2003-rtm" }, "NODE2": { "version": "ws2003-rtm" } },\n"steps": [\n${steps}\n] }`;
    const analysis = analyze(text);
    assert.deepEqual(analysis.findings.map((f) => [f.code, f.pointer]), [['unknown-node', '/steps/25/node']]);
    const step = analysis.plan!.steps[25]!;
    assert.equal(text.slice(step.node.offset, step.node.offset + step.node.length), '{ "action": "restart", "node": "NODE9" }');
    // The editor walks from a node to its neighbours: after the analysis, the tree is whole and the same objects.
    const root = analysis.document.root!;
    const array = root.children!.find((p) => p.children![0]!.value === 'steps')!.children![1]!;
    assert.equal(array.children!.length, 50);
    assert.equal(array.children![25], step.node);
    assert.equal(analysis.plan!.stepsArray, array);
  });
});
