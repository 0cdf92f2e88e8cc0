import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, timelineItems, timelineNodes } from '../../src/core';
import { readKbExample } from './helpers/plans';

describe('timelineItems: the rows of the "Cluster Versions" tree', () => {
  const kb = readKbExample();
  const analysis = analyze(kb);
  const { items, more } = timelineItems(analysis);

  it('has the initial state and one row per step', () => {
    assert.equal(more, 0);
    assert.equal(items.length, 16);
    assert.deepEqual(
      items.slice(0, 7).map((i) => [i.label, i.description]),
      [
        ['Initial state', '4.3718 / 3.2195 · 2 active'],
        ['1 · stop NODE1', '4.3718 / 3.2195 · 1 active'],
        ['2 · set-registry NODE1', '4.3718 / 3.2195 · 1 active'],
        ['3 · start NODE1', '4.3718 / 3.2195 · 2 active'],
        ['4 · upgrade NODE2', '4.3718 / 3.2195 · 1 active'],
        ['5 · set-registry NODE2', '4.3718 / 3.2195 · 1 active'],
        ['6 · join NODE2', 'mixed · 4.3718 / 3.2195 · 2 active'],
      ],
    );
    assert.equal(items[8]!.description, '4.3790 / 3.2195 · 2 active');
    assert.equal(items[0]!.tooltip, 'Initial state:\nClusterHighestVersion 0x00040E86 (4.3718)\nClusterLowestVersion 0x00030893 (3.2195)\nactive nodes: NODE1, NODE2\nnot mixed');
    assert.equal(items[6]!.tooltip, 'After step 6:\nClusterHighestVersion 0x00040E86 (4.3718)\nClusterLowestVersion 0x00030893 (3.2195)\nactive nodes: NODE1, NODE2\nmixed: the active nodes run different versions');
  });

  it('lists each node, its service and bypass first, with every detail and what changed in the tooltip', () => {
    const join = timelineNodes(analysis, items[6]!.stepIndex);
    assert.deepEqual(join.map((n) => [n.name, n.changed]), [['NODE1', []], ['NODE2', ['service', 'bypass']]]);
    assert.equal(join[1]!.description, 'running · check bypassed · 4.3790 / 3.2195');
    assert.equal(join[1]!.tooltip, 'NODE2: Cluster service running\nhighest 0x00040ECE (4.3790), lowest 0x00030893 (3.2195)\nNoVersionCheck REG_DWORD 1\nversion check bypassed\nchanged: service, bypass');
    const upgrade = timelineNodes(analysis, items[4]!.stepIndex);
    assert.deepEqual(upgrade[1]!.changed, ['service', 'versions']);
    assert.equal(upgrade[1]!.description, 'stopped · 4.3790 / 3.2195');
    assert.equal(upgrade[1]!.tooltip, 'NODE2: Cluster service stopped\nhighest 0x00040ECE (4.3790), lowest 0x00030893 (3.2195)\nno NoVersionCheck\nchanged: service, versions');
    const set = timelineNodes(analysis, items[5]!.stepIndex);
    assert.equal(set[1]!.description, 'stopped · NoVersionCheck 1 · 4.3790 / 3.2195', 'the value its next start reads');
    assert.equal(timelineNodes(analysis, undefined)[0]!.description, 'running · 4.3718 / 3.2195');
    assert.deepEqual(timelineNodes(analysis, undefined).map((n) => n.changed), [[], []]);
  });

  it('points each row at its step and marks the worst finding', () => {
    assert.equal(kb.slice(items[6]!.offset, items[6]!.offset + items[6]!.length), '{ "action": "join", "node": "NODE2", "sponsor": "NODE1" }');
    assert.ok(items.every((i) => i.worst === undefined));
    const broken = timelineItems(analyze(kb.replace('{ "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },', ''))).items;
    assert.equal(broken[5]!.label, '5 · join NODE2');
    assert.equal(broken[5]!.worst, 'error');
    assert.equal(broken[5]!.description, 'refused 5075 · 4.3718 / 3.2195 · 1 active');
    assert.match(broken[5]!.tooltip, /^The join is refused: event 1071, error 5075\.\nAfter step 5:\n/);
  });

  it('says so first when no node is active', () => {
    const text = '{ "nodes": { "NODE1": { "version": "ws2003-rtm" } }, "steps": [ { "action": "stop", "node": "NODE1" } ] }';
    assert.equal(timelineItems(analyze(text)).items[1]!.description, 'no node active');
  });

  it('stops at the item limit and counts the rest', () => {
    const limited = timelineItems(analyze(kb), 5);
    assert.equal(limited.items.length, 5);
    assert.equal(limited.more, 11);
  });

  it('is empty for text that is not a plan', () => {
    assert.deepEqual(timelineItems(analyze('')), { items: [], more: 0 });
  });
});
