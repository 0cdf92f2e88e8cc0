import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plan, step, type Value } from './helpers/plans';
import { accept, completions, labels } from './helpers/writing';

/**
 * The editor features on a functional-level plan (Windows Server 2008 and later): completion, hovers and
 * the outline. `|` in a test text marks the cursor.
 */

const WS2016 = { version: 'ws2016' };
/** Three Windows Server 2016 nodes: a functional-level plan at FL 9. */
const NODES = { N1: WS2016, N2: WS2016, N3: WS2016 };
/** The KB 811272 releases: a plan without a functional level. */
const CLASSIC = { NODE1: { version: 'ws2003-rtm' }, NODE2: { version: 'ws2003-rtm' } };

/** A plan whose steps are `steps`, then the step written by the test, cursor included. */
function withStep(stepText: string, steps: readonly Value[] = [step.stop('N1')], nodes: Readonly<Record<string, Value>> = NODES): string {
  const text = plan(nodes, steps);
  const last = text.lastIndexOf('}\n  ]');
  return `${text.slice(0, last + 1)},\n    ${stepText}${text.slice(last + 1)}`;
}

const CLASSIC_ACTIONS = ['stop', 'start', 'join', 'restart', 'upgrade', 'set-registry', 'delete-registry', 'cluster-security', 'note'];

describe('completion in a functional-level plan', () => {
  it('offers the actions of Cluster OS Rolling Upgrade after the others, and only in a functional-level plan', () => {
    assert.deepEqual(labels(withStep('{ "action": "|" }')), [...CLASSIC_ACTIONS, 'drain', 'resume', 'evict', 'add', 'update-functional-level']);
    assert.deepEqual(labels(withStep('{ "action": "|" }', [step.stop('NODE1')], CLASSIC)), CLASSIC_ACTIONS);
    const items = completions(withStep('{ "action": "|" }'))!.items;
    assert.equal(items.find((i) => i.label === 'drain')!.detail, 'Move a node\'s roles away and pause it (Suspend-ClusterNode -Drain)');
    assert.equal(items.find((i) => i.label === 'update-functional-level')!.detail, 'Raise the functional level by one (Update-ClusterFunctionalLevel): permanent');
    assert.equal(accept(withStep('{ "action": "dr|" }'), 'drain'), withStep('{ "action": "drain" }'));
  });

  it('offers "node" for drain, resume, evict and add, and opens the node list on it; nothing but id and description for update-functional-level', () => {
    for (const action of ['drain', 'resume', 'evict', 'add']) {
      const text = withStep(`{ "action": "${action}", | }`);
      assert.deepEqual(labels(text), ['node', 'id', 'description'], action);
      assert.equal(completions(text)!.items[0]!.listsValues, true, action);
      assert.deepEqual(labels(withStep(`{ "action": "${action}", "node": "|" }`)), ['N1', 'N2', 'N3'], action);
    }
    assert.equal(accept(withStep('{ "action": "evict", | }'), 'node'), withStep('{ "action": "evict", "node": "" }'));
    assert.deepEqual(labels(withStep('{ "action": "update-functional-level", | }')), ['id', 'description']);
  });

  it('offers "functionalLevel" and "paused" only in a functional-level plan', () => {
    const top = (nodes: Readonly<Record<string, Value>>) => plan(nodes, []).replace('{\n', '{\n  |\n');
    assert.deepEqual(labels(top(NODES)), ['cluster', 'versionMatch', 'functionalLevel', 'versions']);
    assert.deepEqual(labels(top(CLASSIC)), ['cluster', 'versionMatch', 'versions']);
    const node = (nodes: Readonly<Record<string, Value>>, name: string) => plan(nodes, []).replace(`"${name}": { "version"`, `"${name}": { |, "version"`);
    assert.deepEqual(labels(node(NODES, 'N1')), ['highest', 'lowest', 'state', 'noVersionCheck', 'paused', 'description']);
    assert.deepEqual(labels(node(CLASSIC, 'NODE1')), ['highest', 'lowest', 'state', 'noVersionCheck', 'description']);
    const paused = completions(node(NODES, 'N1'))!.items.find((i) => i.label === 'paused')!;
    assert.equal(paused.detail, 'The node is drained (Suspend-ClusterNode) at the start');
    assert.equal(accept(node(NODES, 'N1'), 'paused'), plan(NODES, []).replace('"N1": { "version"', '"N1": { "paused": true, "version"'));
    assert.deepEqual(labels(plan(NODES, []).replace('"N1": { "version": "ws2016"', '"N1": { "version": "ws2016", "paused": |')), ['true', 'false']);
  });

  it('offers the levels 5 to 12 with their releases, then the aliases of those releases, for "functionalLevel"', () => {
    const text = plan({ N1: WS2016, N2: { version: 'ws2019' } }, [], { top: { versions: { 'ws2019-cu': { highest: '10.5' }, old: { highest: '4.3790' } } } }).replace('"nodes": {', '"functionalLevel": |,\n  "nodes": {');
    const items = completions(text)!.items;
    assert.deepEqual(
      items.map((i) => `${i.label}: ${i.detail}`),
      [
        '5: FL 5 (Windows Server 2008, inferred)',
        '6: FL 6 (Windows Server 2008 R2, inferred)',
        '7: FL 7 (Windows Server 2012, inferred)',
        '8: FL 8 (Windows Server 2012 R2)',
        '9: FL 9 (Windows Server 2016)',
        '10: FL 10 (Windows Server 2019)',
        '11: FL 11 (Windows Server 2022)',
        '12: FL 12 (Windows Server 2025)',
        'ws2008: FL 5 (Windows Server 2008, inferred)',
        'ws2008r2: FL 6 (Windows Server 2008 R2, inferred)',
        'ws2012: FL 7 (Windows Server 2012, inferred)',
        'ws2012r2: FL 8 (Windows Server 2012 R2)',
        'ws2016: FL 9 (Windows Server 2016)',
        'ws2019: FL 10 (Windows Server 2019)',
        'ws2022: FL 11 (Windows Server 2022)',
        'ws2025: FL 12 (Windows Server 2025)',
        'ws2019-cu: FL 10 (Windows Server 2019)',
      ],
    );
    // Without the property the plan starts at its lowest declared level: that one is preselected.
    assert.deepEqual(items.filter((i) => i.preselect).map((i) => i.label), ['9']);
    assert.equal(accept(text, '9'), text.replace('|', '9'));
    assert.equal(accept(text, 'ws2016'), text.replace('|', '"ws2016"'));
  });

  it('opens the list of levels when "functionalLevel" is accepted, and the new plan reads it', () => {
    const text = plan(NODES, []).replace('{\n', '{\n  |\n');
    const item = completions(text)!.items.find((i) => i.label === 'functionalLevel')!;
    assert.equal(item.detail, 'The cluster functional level at the start: 5 to 12, or an alias');
    assert.equal(item.listsValues, true);
    // In front of "nodes", the new property gets its comma; the cursor stays in the empty value.
    assert.equal(accept(text, 'functionalLevel'), plan(NODES, []).replace('{\n', '{\n  "functionalLevel": ,\n'));
  });

  it('offers an upgrade\'s "to" newest first from the node\'s release, and preselects the release of the next level', () => {
    assert.deepEqual(labels(withStep('{ "action": "upgrade", "node": "N1", "to": "|" }')), ['ws2025', 'ws2022', 'ws2019', 'ws2016']);
    const items = completions(withStep('{ "action": "upgrade", "node": "N1", "to": "|" }'))!.items;
    assert.deepEqual(items.filter((i) => i.preselect).map((i) => i.label), ['ws2019']);
    assert.equal(items[0]!.detail, 'highest 0x000C0000 (12.0), lowest 0x000C0000 (12.0)');
    assert.equal(items[0]!.documentation, 'Windows Server 2025; minor unknown');
    // After the level is raised to 10, the next release is 2022; N1 already runs 2019.
    const raised = [
      ...['N1', 'N2', 'N3'].flatMap((n) => [{ action: 'drain', node: n }, step.upgrade(n, 'ws2019'), step.start(n), { action: 'resume', node: n }]),
      { action: 'update-functional-level' },
    ];
    const after = completions(withStep('{ "action": "upgrade", "node": "N1", "to": "|" }', raised))!.items;
    assert.deepEqual(after.map((i) => i.label), ['ws2025', 'ws2022', 'ws2019']);
    assert.deepEqual(after.filter((i) => i.preselect).map((i) => i.label), ['ws2022']);
  });

  it('offers a plan of the KB 811272 releases only their aliases for "to": Windows Server 2008 is a migration', () => {
    assert.deepEqual(labels(withStep('{ "action": "upgrade", "node": "NODE1", "to": "|" }', [step.stop('NODE1')], CLASSIC)), ['ws2003-rtm', 'ws2003']);
    assert.deepEqual(completions(withStep('{ "action": "upgrade", "node": "NODE1", "to": "|" }', [step.stop('NODE1')], CLASSIC))!.items.filter((i) => i.preselect), []);
  });
});
