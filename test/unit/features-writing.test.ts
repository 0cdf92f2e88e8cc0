import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, applyEdits, completionsAt, nodeDefinition, nodeReferences, planSymbols, prepareNodeRename, renameNode, type PlanSymbol } from '../../src/core';
import { at, plan, readKbExample, REPO_ROOT, step } from './helpers/plans';
import { accept, completions, expandSnippet, labels } from './helpers/writing';

/**
 * Writing a plan: completion, the outline, definition/references/rename of node names, and the
 * snippets. The core functions work on offsets; `|` in a test text marks the cursor.
 */

const NODES = { NODE1: { version: 'ws2003-rc2' }, NODE2: { version: 'ws2003-rc2' } };

/** A plan whose last step is written by the test, cursor included. */
function withStep(stepText: string, nodes: Parameters<typeof plan>[0] = NODES): string {
  return plan(nodes, [step.stop('NODE1')]).replace('{ "action": "stop", "node": "NODE1" }', `{ "action": "stop", "node": "NODE1" },\n    ${stepText}`);
}

// ── completion ─────────────────────────────────────────────────────────────────────────────────────────

describe('completion of actions', () => {
  const ACTIONS = ['stop', 'start', 'join', 'restart', 'upgrade', 'set-registry', 'delete-registry', 'cluster-security', 'note'];

  it('offers every action inside a closed string and replaces the string', () => {
    const text = withStep('{ "action": "st|" }');
    assert.deepEqual(labels(text), ACTIONS);
    assert.equal(accept(text, 'restart'), withStep('{ "action": "restart" }').replace('|', ''));
    const item = completions(text)!.items.find((i) => i.label === 'stop')!;
    assert.equal(item.filterText, '"stop"', 'the typed text starts with the quote, so the filter does too');
  });

  it('works inside an unclosed string while typing, at the end of the file or of a line', () => {
    const atEnd = '{ "nodes": { "NODE1": { "version": "ws2003-rtm" } }, "steps": [\n  { "action": "re|';
    assert.deepEqual(labels(atEnd), ACTIONS);
    assert.equal(accept(atEnd, 'restart'), '{ "nodes": { "NODE1": { "version": "ws2003-rtm" } }, "steps": [\n  { "action": "restart"');
    const midFile = withStep('{ "action": "up|\n');
    assert.equal(accept(midFile, 'upgrade'), withStep('{ "action": "upgrade"\n'));
  });

  it('after the colon, inserts the quoted value with a space; after a space, without', () => {
    assert.equal(accept(withStep('{ "action":| }'), 'note'), withStep('{ "action": "note" }'));
    assert.equal(accept(withStep('{ "action": | }'), 'note'), withStep('{ "action": "note" }'));
  });

  it('replaces a bare word with the quoted value', () => {
    assert.equal(accept(withStep('{ "action": jo| }'), 'join'), withStep('{ "action": "join" }'));
  });

  it('offers nothing in comments, numbers, or next to a value already written', () => {
    assert.deepEqual(labels(withStep('{ "action": "stop" } // "action": "|')), []);
    assert.deepEqual(labels(withStep('{ "action": "stop", /* "node": "|" */ }')), []);
    assert.deepEqual(labels(withStep('{ "action": "stop"| }')), []);
    assert.deepEqual(labels(withStep('{ "action": |"stop" }')), []);
    assert.deepEqual(labels(withStep('{ "action": "stop", "node"| }')), [], 'the closing quote of a key was just typed');
    assert.deepEqual(labels(withStep('{ "action": "set-registry", "node": "NODE1", "data": 1| }')), []);
    assert.equal(completionsAt(analyze(''), 0), undefined);
  });
});

describe('completion of property names', () => {
  it('offers the properties of the step\'s action that it does not have yet, then id and description', () => {
    assert.deepEqual(labels(withStep('{ "action": "set-registry", "node": "NODE1", "|" }')), ['name', 'type', 'data', 'key', 'id', 'description']);
    assert.deepEqual(labels(withStep('{ "action": "join", | }')), ['node', 'sponsor', 'id', 'description']);
    assert.deepEqual(labels(withStep('{ "action": "cluster-security", "gr| }')), ['grant', 'revoke', 'rights', 'id', 'description']);
  });

  it('offers "action" first, then every step property, when the step has no action yet', () => {
    const names = labels(withStep('{ | }'));
    assert.equal(names[0], 'action');
    assert.ok(['node', 'sponsor', 'to', 'name', 'type', 'data', 'key', 'grant', 'revoke', 'rights', 'text', 'id', 'description'].every((n) => names.includes(n)));
    assert.equal(completions(withStep('{ | }'))!.items[0]!.preselect, true);
  });

  it('inserts a new key with its colon and a value to fill in, and a comma before another property', () => {
    assert.equal(accept(withStep('{ "action": "restart", | }'), 'node'), withStep('{ "action": "restart", "node": "" }'));
    assert.equal(accept(withStep('{ "action": "set-registry", "node": "NODE1", "na| }'), 'name'), withStep('{ "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck" }'));
    assert.equal(accept(withStep('{ "action": "set-registry", "node": "NODE1", | }'), 'data'), withStep('{ "action": "set-registry", "node": "NODE1", "data": 1 }'));
    assert.equal(accept(withStep('{ | "node": "NODE1" }'), 'action'), withStep('{ "action": "", "node": "NODE1" }'));
  });

  it('lists the values at once after a key whose values are known, and not after free text or a filled-in value', () => {
    const listing = (text: string) => completions(text)!.items.filter((i) => i.listsValues).map((i) => i.label);
    assert.deepEqual(listing(withStep('{ | }')), ['action', 'node', 'sponsor', 'to', 'type', 'rights']);
    assert.deepEqual(listing('{ "nodes": { "NODE1": { | } } }'), ['version', 'state']);
    assert.deepEqual(listing('{ "cluster": "C", | }'), ['versionMatch']);
    assert.deepEqual(listing(withStep('{ "action": "cluster-security", | }')), ['rights']);
    // The type's value is left empty, so that the list shows every type, REG_DWORD first.
    assert.equal(accept(withStep('{ "action": "set-registry", "node": "NODE1", | }'), 'type'), withStep('{ "action": "set-registry", "node": "NODE1", "type": "" }'));
    // A key that keeps its colon keeps its value: nothing to list.
    assert.deepEqual(listing(withStep('{ "action": "join", "spo|": "NODE2" }')), []);
  });

  it('replaces only the key when it already has its colon', () => {
    assert.equal(accept(withStep('{ "action": "join", "spo|": "NODE2" }'), 'sponsor'), withStep('{ "action": "join", "sponsor": "NODE2" }'));
  });

  it('offers node, top-level and upgrade-target properties', () => {
    assert.deepEqual(labels('{ "nodes": { "NODE1": { | } } }'), ['version', 'highest', 'lowest', 'state', 'noVersionCheck', 'description']);
    assert.deepEqual(labels('{ "nodes": { "NODE1": { "version": "ws2003-rtm", "| } } }'), ['highest', 'lowest', 'state', 'noVersionCheck', 'description']);
    assert.deepEqual(labels('{ "cluster": "C", | }'), ['versionMatch', 'versions', 'nodes', 'steps']);
    assert.deepEqual(labels(withStep('{ "action": "upgrade", "node": "NODE1", "to": { | } }')), ['highest', 'lowest']);
    assert.deepEqual(labels('{ "versions": { "ws2003-sp1": { | } } }'), ['highest', 'lowest', 'preRelease', 'note']);
  });

  it('offers no property names where the keys are names: nodes and version aliases', () => {
    assert.deepEqual(labels('{ "nodes": { | } }'), []);
    assert.deepEqual(labels('{ "versions": { "| } }'), []);
  });
});

describe('completion of values', () => {
  it('offers the declared nodes for "node", once per node whatever the case, in declaration order', () => {
    const nodes = { NODE1: { version: 'ws2003-rc2' }, Node2: { highest: '4.3718', lowest: '3.2195' }, node1: { version: 'ws2003-rc2' } };
    const text = withStep('{ "action": "stop", "node": "|" }', nodes);
    assert.deepEqual(labels(text), ['NODE1', 'Node2']);
    const node2 = completions(text)!.items.find((i) => i.label === 'Node2')!;
    assert.equal(node2.kind, 'node');
    assert.equal(node2.detail, 'ws2003-rc2', 'a numeric version equal to a catalog entry counts as that entry');
    assert.equal(accept(text, 'Node2'), withStep('{ "action": "stop", "node": "Node2" }', nodes));
  });

  it('offers the other nodes first for "sponsor"', () => {
    assert.deepEqual(labels(withStep('{ "action": "join", "node": "node2", "sponsor": "|" }')), ['NODE1', 'NODE2']);
    assert.deepEqual(labels(withStep('{ "action": "join", "node": "NODE1", "sponsor": "|" }')), ['NODE2', 'NODE1']);
  });

  it('offers the catalog\'s aliases, and the plan\'s own, for a node\'s "version" and an upgrade\'s "to"', () => {
    const builtIn = ['nt4-sp3', 'nt4-sp4', 'win2000', 'ws2003-rc1', 'ws2003-rc2', 'ws2003-rtm', 'ws2003', 'ws2008', 'ws2008r2', 'ws2012', 'ws2012r2', 'ws2016', 'ws2019', 'ws2022', 'ws2025'];
    assert.deepEqual(labels('{ "nodes": { "NODE1": { "version": "|" } } }'), builtIn);
    const own = plan(NODES, [step.stop('NODE1')], { top: { versions: { 'ws2003-sp1': { highest: '4.3790', lowest: '3.2195' } } } });
    const text = own.replace('{ "action": "stop", "node": "NODE1" }', '{ "action": "upgrade", "node": "NODE1", "to": "ws|" }');
    // Newest first, from NODE1's ws2003-rc2 upward.
    assert.deepEqual(labels(text), ['ws2003-rtm', 'ws2003', 'ws2003-sp1', 'ws2003-rc2']);
    const rtm = completions(text)!.items.find((i) => i.label === 'ws2003-rtm')!;
    assert.equal(rtm.detail, 'highest 0x00040ECE (4.3790), lowest 0x00030893 (3.2195)');
    assert.equal(rtm.kind, 'version');
    const rc2 = completions(text)!.items.find((i) => i.label === 'ws2003-rc2')!;
    assert.match(rc2.documentation ?? '', /pre-release/);
    assert.match(completions(text)!.items.find((i) => i.label === 'ws2003-sp1')!.documentation ?? '', /defined in this plan/);
  });

  it('offers an upgrade\'s "to" newest first, from the node\'s version at that step', () => {
    const nodes = { NODE1: { version: 'nt4-sp4' }, NODE2: { version: 'win2000' } };
    const upgrades = (first: string) => plan(nodes, [step.stop('NODE1')]).replace('{ "action": "stop", "node": "NODE1" }', `${first},\n    { "action": "upgrade", "node": "NODE1", "to": "|" }`);
    assert.deepEqual(labels(upgrades('{ "action": "stop", "node": "NODE1" }')), ['ws2003-rtm', 'ws2003', 'ws2003-rc2', 'ws2003-rc1', 'win2000', 'nt4-sp4']);
    // After an earlier upgrade to win2000, the plan's own history counts, not the declaration.
    assert.deepEqual(labels(upgrades('{ "action": "upgrade", "node": "NODE1", "to": "win2000" }')), ['ws2003-rtm', 'ws2003', 'ws2003-rc2', 'ws2003-rc1', 'win2000']);
    // No declared node yet: every alias, newest first.
    assert.deepEqual(labels(withStep('{ "action": "upgrade", "to": "|" }')), ['ws2003-rtm', 'ws2003', 'ws2003-rc2', 'ws2003-rc1', 'win2000', 'nt4-sp4', 'nt4-sp3']);
  });

  it('offers NoVersionCheck for "name", REG_DWORD first for "type", and the fixed values elsewhere', () => {
    assert.deepEqual(labels(withStep('{ "action": "set-registry", "node": "NODE1", "name": "|" }')), ['NoVersionCheck']);
    assert.deepEqual(labels(withStep('{ "action": "delete-registry", "node": "NODE1", "name": "No|')), ['NoVersionCheck']);
    assert.deepEqual(labels(withStep('{ "action": "set-registry", "node": "NODE1", "type": "|" }')), ['REG_DWORD', 'REG_QWORD', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_MULTI_SZ', 'REG_BINARY']);
    const dword = completions(withStep('{ "action": "set-registry", "node": "NODE1", "type": "|" }'))!.items[0]!;
    assert.equal(dword.preselect, true);
    assert.equal(dword.sortText < completions(withStep('{ "action": "set-registry", "node": "NODE1", "type": "|" }'))!.items[1]!.sortText, true);
    assert.equal(accept(withStep('{ "action": "set-registry", "node": "NODE1", "data": | }'), '1'), withStep('{ "action": "set-registry", "node": "NODE1", "data": 1 }'));
    assert.deepEqual(labels('{ "nodes": { "NODE1": { "version": "ws2003-rtm", "state": "|" } } }'), ['running', 'stopped']);
    assert.deepEqual(labels(withStep('{ "action": "cluster-security", "grant": "NETWORKSERVICE", "rights": "|" }')), ['full', 'read']);
    assert.deepEqual(labels(withStep('{ "action": "cluster-security", "grant": "|" }')), ['NETWORKSERVICE']);
    assert.deepEqual(labels(withStep('{ "action": "cluster-security", "revoke": "|" }')), ['SERVICE']);
    assert.deepEqual(labels('{ "versionMatch": "|" }'), ['exact', 'major']);
    assert.deepEqual(labels('{ "nodes": { "NODE1": { "version": "ws2003-rtm", "noVersionCheck": | } } }'), ['true', 'false']);
  });

  it('quotes the registry key with its backslashes escaped', () => {
    const after = accept(withStep('{ "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck", "key": "|" }'), 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters');
    assert.deepEqual(analyze(after).findings.filter((f) => f.code === 'schema' || f.code === 'syntax').map(at), []);
    assert.match(after, /"key": "HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\ClusSvc\\\\Parameters"/);
  });

  it('offers no value for free text', () => {
    assert.deepEqual(labels(withStep('{ "action": "note", "text": "|" }')), []);
    assert.deepEqual(labels('{ "cluster": "|" }'), []);
  });
});

// ── outline ────────────────────────────────────────────────────────────────────────────────────────────

function slice(text: string, s: PlanSymbol, selection = false): string {
  return selection ? text.slice(s.selectionOffset, s.selectionOffset + s.selectionLength) : text.slice(s.offset, s.offset + s.length);
}

describe('outline', () => {
  it('lists the KB example\'s nodes and numbered steps', () => {
    const text = readKbExample();
    const symbols = planSymbols(analyze(text));
    assert.deepEqual(symbols.map((s) => s.name), ['nodes', 'steps']);
    const [nodes, steps] = symbols as [PlanSymbol, PlanSymbol];
    assert.deepEqual(nodes.children.map((n) => `${n.name}: ${n.detail}`), ['NODE1: ws2003-rc2', 'NODE2: ws2003-rc2']);
    assert.deepEqual(steps.children.map((s) => s.name), [
      '1 stop NODE1',
      '2 set-registry NODE1',
      '3 start NODE1',
      '4 upgrade NODE2',
      '5 set-registry NODE2',
      '6 join NODE2',
      '7 upgrade NODE1',
      '8 join NODE1',
      '9 delete-registry NODE1',
      '10 delete-registry NODE2',
      '11 restart NODE1',
      '12 restart NODE2',
      '13 cluster-security grant NETWORKSERVICE',
      '14 cluster-security revoke SERVICE',
      '15 note',
    ]);
    assert.deepEqual(steps.children.map((s) => s.detail).slice(3, 6), ['to ws2003-rtm', 'NoVersionCheck REG_DWORD 1', 'sponsor NODE1']);
    assert.equal(steps.children[14]!.detail, 'Check the MSDTC resources in Cluster Administrator');
  });

  it('gives each symbol a range that holds its selection: the name, or the step\'s action', () => {
    const text = readKbExample();
    const [nodes, steps] = planSymbols(analyze(text)) as [PlanSymbol, PlanSymbol];
    assert.equal(slice(text, nodes.children[1]!), '"NODE2": { "version": "ws2003-rc2" }');
    assert.equal(slice(text, nodes.children[1]!, true), '"NODE2"');
    assert.equal(slice(text, steps.children[5]!), '{ "action": "join", "node": "NODE2", "sponsor": "NODE1" }');
    assert.equal(slice(text, steps.children[5]!, true), '"join"');
    assert.equal(slice(text, steps, true), '"steps"');
    for (const s of [nodes, steps, ...nodes.children, ...steps.children]) {
      assert.ok(s.offset <= s.selectionOffset && s.selectionOffset + s.selectionLength <= s.offset + s.length, s.name);
    }
  });

  it('names steps it cannot read, shows ids and aliases, and survives a broken file', () => {
    const text = plan(NODES, [{ action: 'stpo', node: 'NODE1' }, {}, { action: 'join', node: 'NODE2', id: 'rejoin' }], {
      top: { versions: { 'ws2003-sp1': { highest: '4.3790' } } },
    });
    const symbols = planSymbols(analyze(text));
    assert.deepEqual(symbols.map((s) => s.name), ['versions', 'nodes', 'steps']);
    assert.deepEqual(symbols[0]!.children.map((s) => `${s.name}: ${s.detail}`), ['ws2003-sp1: 4.3790']);
    assert.deepEqual(symbols[2]!.children.map((s) => s.name), ['1 stpo', '2 step', '3 join NODE2']);
    assert.equal(symbols[2]!.children[2]!.detail, '"rejoin"');
    assert.deepEqual(planSymbols(analyze('{ "nodes": { "NODE1": { "version": "ws2003-rtm" } }, "steps": [ { "action": "stop", "node": "NO')).map((s) => s.name), ['nodes', 'steps']);
    assert.deepEqual(planSymbols(analyze('')), []);
    assert.deepEqual(planSymbols(analyze('[1, 2]')), []);
  });
});

// ── node names: definition, references, rename ─────────────────────────────────────────────────────────

/** The offset of the `n`-th (0-based) occurrence of `needle`, plus `into` characters. */
function offsetOf(text: string, needle: string, n = 0, into = 1): number {
  let offset = -1;
  for (let i = 0; i <= n; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.ok(offset >= 0, `occurrence ${n} of ${needle}`);
  }
  return offset + into;
}

describe('definition and references of node names', () => {
  const text = plan({ NODE1: { version: 'ws2003-rtm' }, NODE2: { version: 'ws2003-rtm' } }, [
    step.stop('node1'),
    step.start('NODE1'),
    { action: 'join', node: 'NODE2', sponsor: 'Node1' },
    { action: 'stpo', node: 'NODE1' },
  ]);

  it('goes from a step\'s node or sponsor, in any case, to the declaration key', () => {
    const analysis = analyze(text);
    const declaration = text.indexOf('"NODE1"');
    for (const from of [offsetOf(text, '"node1"'), offsetOf(text, '"Node1"', 0, 3), offsetOf(text, '"NODE1"', 1, 0), offsetOf(text, '"NODE1"', 0)]) {
      const definition = nodeDefinition(analysis, from);
      assert.deepEqual(definition && { offset: definition.offset, length: definition.length, role: definition.role }, { offset: declaration, length: 7, role: 'declaration' });
    }
    assert.equal(nodeDefinition(analysis, offsetOf(text, '"stop"')), undefined);
    assert.equal(nodeDefinition(analysis, offsetOf(text, '"ws2003-rtm"')), undefined);
  });

  it('finds every occurrence, ignoring case, including a step whose action is misspelt', () => {
    const found = nodeReferences(analyze(text), offsetOf(text, '"Node1"'))!;
    assert.deepEqual(
      found.map((o) => `${o.role} ${o.pointer} ${text.slice(o.offset, o.offset + o.length)}`),
      ['declaration /nodes/NODE1 "NODE1"', 'node /steps/0/node "node1"', 'node /steps/1/node "NODE1"', 'sponsor /steps/2/sponsor "Node1"', 'node /steps/3/node "NODE1"'],
    );
    assert.deepEqual(nodeReferences(analyze(text), offsetOf(text, '"NODE2"'))!.map((o) => o.pointer), ['/nodes/NODE2', '/steps/2/node']);
    assert.equal(nodeReferences(analyze(text), offsetOf(text, '"steps"')), undefined);
  });

  it('finds the references of an undeclared name, but it has no definition', () => {
    const typo = plan(NODES, [step.stop('NODE3'), step.start('node3')]);
    const analysis = analyze(typo);
    assert.deepEqual(nodeReferences(analysis, offsetOf(typo, '"NODE3"'))!.map((o) => o.pointer), ['/steps/0/node', '/steps/1/node']);
    assert.equal(nodeDefinition(analysis, offsetOf(typo, '"NODE3"')), undefined);
  });
});

describe('rename of a node', () => {
  function rename(text: string, offset: number, newName: string): string {
    const result = renameNode(analyze(text), offset, newName);
    assert.ok(result.ok, `rename rejected: ${JSON.stringify(!result.ok && result.rejection)}`);
    return applyEdits(text, result.edits);
  }

  it('renames the KB example\'s NODE2 everywhere, and the plan is still clean', () => {
    const text = readKbExample();
    const after = rename(text, offsetOf(text, '"join", "node": "NODE2"', 0, 18), 'SRV-B');
    assert.equal(after, text.replace(/"NODE2"/g, '"SRV-B"'));
    assert.match(after, /Upgrade NODE2\./, 'comments are not node references');
    assert.deepEqual(analyze(after).findings.map(at), []);
  });

  it('replaces every spelling of the name with the new one, from the declaration', () => {
    const text = plan({ NODE1: { version: 'ws2003-rtm' }, NODE2: { version: 'ws2003-rtm' } }, [step.stop('node1'), { action: 'join', node: 'NODE2', sponsor: 'Node1' }, { action: 'stpo', node: 'NODE1' }]);
    assert.equal(
      rename(text, offsetOf(text, '"NODE1"'), 'alpha'),
      plan({ alpha: { version: 'ws2003-rtm' }, NODE2: { version: 'ws2003-rtm' } }, [step.stop('alpha'), { action: 'join', node: 'NODE2', sponsor: 'alpha' }, { action: 'stpo', node: 'alpha' }]),
    );
  });

  it('replaces a name written with escapes', () => {
    const text = plan(NODES, [step.stop('NODE1')]).replace('"node": "NODE1"', '"node": "NODE\\u0031"');
    assert.equal(rename(text, offsetOf(text, '"NODE1"'), 'A'), plan({ A: NODES.NODE1, NODE2: NODES.NODE2 }, [step.stop('A')]));
  });

  it('may change only the case of the node\'s own name', () => {
    const text = plan(NODES, [step.stop('node1')]);
    assert.equal(rename(text, offsetOf(text, '"node1"'), 'Node1'), plan({ Node1: NODES.NODE1, NODE2: NODES.NODE2 }, [step.stop('Node1')]));
    const same = renameNode(analyze(text), offsetOf(text, '"NODE1"'), 'NODE1');
    assert.ok(same.ok);
    assert.deepEqual(same.edits.map((e) => text.slice(e.offset, e.offset + e.length)), ['"node1"']);
  });

  it('rejects an invalid NetBIOS name, another node\'s name, an undeclared name and a place that is no node', () => {
    const text = plan(NODES, [step.stop('NODE1'), step.stop('NODE9')]);
    const analysis = analyze(text);
    const on = offsetOf(text, '"NODE1"');
    for (const bad of ['', 'SIXTEEN-CHARS-XX', 'NODE 1', 'A/B', 'A"B', 'A\\B', 'A:B', 'A*B', 'A?B', 'A<B', 'A>B', 'A|B', '.', '.NODE1']) {
      const result = renameNode(analysis, on, bad);
      assert.ok(!result.ok && result.rejection.reason === 'invalid-name', JSON.stringify(bad));
    }
    assert.deepEqual(renameNode(analysis, on, 'node2'), { ok: false, rejection: { reason: 'collision', name: 'node2', other: 'NODE2' } });
    assert.deepEqual(renameNode(analysis, offsetOf(text, '"NODE9"'), 'NODE3'), { ok: false, rejection: { reason: 'undeclared', name: 'NODE9' } });
    assert.deepEqual(prepareNodeRename(analysis, offsetOf(text, '"stop"')), { ok: false, rejection: { reason: 'not-a-node' } });
    assert.deepEqual(renameNode(analysis, 0, 'X'), { ok: false, rejection: { reason: 'not-a-node' } });
  });

  it('prepares a rename on the name\'s string, from either end of it', () => {
    const text = plan(NODES, [step.stop('node1')]);
    const analysis = analyze(text);
    const start = text.indexOf('"node1"');
    for (const offset of [start, start + 3, start + 7]) assert.deepEqual(prepareNodeRename(analysis, offset), { ok: true, name: 'node1', offset: start, length: 7 });
  });
});

// ── snippets ───────────────────────────────────────────────────────────────────────────────────────────

interface Snippet {
  readonly prefix: string | readonly string[];
  readonly body: string | readonly string[];
  readonly description: string;
}

const snippets = JSON.parse(readFileSync(path.join(REPO_ROOT, 'snippets', 'clusterplan.json'), 'utf8')) as Record<string, Snippet>;
const bodyOf = (name: string) => {
  const snippet = snippets[name];
  assert.ok(snippet, `the snippet "${name}"`);
  return (typeof snippet.body === 'string' ? snippet.body : snippet.body.join('\n')).replace(/\t/g, '  ');
};

describe('snippets', () => {
  it('has the five snippets, each with a prefix, a body and a description', () => {
    assert.deepEqual(Object.keys(snippets), ['clusterplan: KB 811272 rolling upgrade', 'set NoVersionCheck', 'restart', 'rolling-upgrade', 'node']);
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.prefix.length > 0 && s.body.length > 0 && s.description.length > 0, name);
    }
  });

  it('the KB 811272 plan, accepted as it comes, analyses with zero findings', () => {
    const text = expandSnippet(bodyOf('clusterplan: KB 811272 rolling upgrade'));
    assert.doesNotMatch(text, /\$/);
    assert.deepEqual(analyze(text).findings.map(at), []);
    const symbols = planSymbols(analyze(text));
    assert.deepEqual(symbols[0]!.children.map((s) => s.name), ['NODE1', 'NODE2']);
    assert.equal(symbols[1]!.children.length, 15);
  });

  it('the KB 811272 plan stays clean with other names and the other RC build', () => {
    const text = expandSnippet(bodyOf('clusterplan: KB 811272 rolling upgrade'), { 1: 'FINCLUS', 2: 'FIN-A', 3: 'FIN-B', 4: 'ws2003-rc1' });
    assert.deepEqual(analyze(text).findings.map(at), []);
    assert.doesNotMatch(text, /NODE\d/);
    assert.match(text, /"cluster": "FINCLUS"/);
  });

  it('the step and node snippets fit a plan: no syntax or schema finding', () => {
    const base = plan(NODES, [step.stop('NODE1')]);
    const steps = base.replace(
      '{ "action": "stop", "node": "NODE1" }',
      '{ "action": "stop", "node": "NODE1" },\n    ' + expandSnippet(bodyOf('set NoVersionCheck')) + '\n    ' + expandSnippet(bodyOf('restart')),
    );
    assert.match(steps, /\{ "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 \},\n {4}\{ "action": "restart", "node": "NODE1" \},\n/);
    assert.deepEqual(analyze(steps).findings.filter((f) => f.code === 'syntax' || f.code === 'schema').map(at), []);
    const nodes = base.replace('"NODE2": { "version": "ws2003-rc2" }', '"NODE2": { "version": "ws2003-rc2" },\n    ' + expandSnippet(bodyOf('node')));
    const analysis = analyze(nodes);
    assert.deepEqual(analysis.findings.filter((f) => f.code === 'syntax' || f.code === 'schema').map(at), []);
    assert.deepEqual(analysis.plan!.nodes.map((n) => `${n.name} ${n.release?.alias}`), ['NODE1 ws2003-rc2', 'NODE2 ws2003-rc2', 'NODE3 ws2003-rtm']);
  });
});
