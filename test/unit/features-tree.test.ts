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
        ['Initial state', '0x00040E86 (4.3718) / 0x00030893 (3.2195) · 2 active'],
        ['1 · stop NODE1', '0x00040E86 (4.3718) / 0x00030893 (3.2195) · 1 active'],
        ['2 · set-registry NODE1', '0x00040E86 (4.3718) / 0x00030893 (3.2195) · 1 active'],
        ['3 · start NODE1', '0x00040E86 (4.3718) / 0x00030893 (3.2195) · 2 active'],
        ['4 · upgrade NODE2', '0x00040E86 (4.3718) / 0x00030893 (3.2195) · 1 active'],
        ['5 · set-registry NODE2', '0x00040E86 (4.3718) / 0x00030893 (3.2195) · 1 active'],
        ['6 · join NODE2', '0x00040E86 (4.3718) / 0x00030893 (3.2195) · 2 active · mixed'],
      ],
    );
    assert.equal(items[8]!.description, '0x00040ECE (4.3790) / 0x00030893 (3.2195) · 2 active');
  });

  it('lists each node with what changed since the row before', () => {
    const join = timelineNodes(analysis, items[6]!.stepIndex);
    assert.deepEqual(join.map((n) => [n.name, n.changed]), [['NODE1', []], ['NODE2', ['service', 'bypass']]]);
    assert.equal(join[1]!.description, 'running · 0x00040ECE (4.3790) / 0x00030893 (3.2195) · NoVersionCheck REG_DWORD 1 · check bypassed');
    const upgrade = timelineNodes(analysis, items[4]!.stepIndex);
    assert.deepEqual(upgrade[1]!.changed, ['service', 'versions']);
    assert.equal(upgrade[1]!.description, 'stopped · 0x00040ECE (4.3790) / 0x00030893 (3.2195) · no NoVersionCheck');
    assert.deepEqual(timelineNodes(analysis, undefined).map((n) => n.changed), [[], []]);
  });

  it('points each row at its step and marks the worst finding', () => {
    assert.equal(kb.slice(items[6]!.offset, items[6]!.offset + items[6]!.length), '{ "action": "join", "node": "NODE2", "sponsor": "NODE1" }');
    assert.ok(items.every((i) => i.worst === undefined));
    const broken = timelineItems(analyze(kb.replace('{ "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },', ''))).items;
    assert.equal(broken[5]!.label, '5 · join NODE2');
    assert.equal(broken[5]!.worst, 'error');
    assert.match(broken[5]!.description, /refused \(5075\)$/);
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
