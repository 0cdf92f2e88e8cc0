import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generatePlan } from '../../bench/generate';
import { analyze, majorOf, makeVersion, type ClusterState, type Timeline } from '../../src/core';
import { PlanDocument } from '../../src/core/planDocument';
import { readPlan } from '../../src/core/readPlan';
import { clusterVersionsOf, simulate } from '../../src/core/simulate';
import { plan, readKbExample, step } from './helpers/plans';

/** docs/simulation.md: the simulation of the KB 811272 example, step by step. */

const RC2 = makeVersion(4, 3718); // 0x00040E86
const RTM = makeVersion(4, 3790); // 0x00040ECE
const W2K3_LOWEST = makeVersion(3, 2195); // 0x00030893

interface Expected {
  readonly activeCount: number;
  readonly highest: number | undefined;
  readonly lowest: number | undefined;
  readonly mixed: boolean;
  /** Per node: running, NoVersionCheck in the registry, bypass. */
  readonly NODE1: readonly [boolean, boolean, boolean];
  readonly NODE2: readonly [boolean, boolean, boolean];
}

function summary(state: ClusterState): Expected {
  const node = (name: string) => {
    const n = state.nodes.find((x) => x.name === name)!;
    return [n.running, n.registry !== undefined, n.bypass] as const;
  };
  return {
    activeCount: state.activeCount,
    highest: state.clusterHighestVersion,
    lowest: state.clusterLowestVersion,
    mixed: state.mixed,
    NODE1: node('NODE1'),
    NODE2: node('NODE2'),
  };
}

function timelineOf(text: string): Timeline {
  const timeline = analyze(text).timeline;
  assert.ok(timeline, 'the plan is simulated');
  return timeline;
}

describe('timeline of the KB 811272 example', () => {
  const timeline = timelineOf(readKbExample());

  it('has one result per step', () => {
    assert.equal(timeline.steps.length, 15);
  });

  it('starts with both RC2 nodes active', () => {
    assert.deepEqual(summary(timeline.initial), {
      activeCount: 2,
      highest: RC2,
      lowest: W2K3_LOWEST,
      mixed: false,
      NODE1: [true, false, false],
      NODE2: [true, false, false],
    });
  });

  // [step label, expected state after the step]
  const after: [string, Expected][] = [
    ['0 stop NODE1', { activeCount: 1, highest: RC2, lowest: W2K3_LOWEST, mixed: false, NODE1: [false, false, false], NODE2: [true, false, false] }],
    ['1 set NODE1', { activeCount: 1, highest: RC2, lowest: W2K3_LOWEST, mixed: false, NODE1: [false, true, false], NODE2: [true, false, false] }],
    ['2 start NODE1', { activeCount: 2, highest: RC2, lowest: W2K3_LOWEST, mixed: false, NODE1: [true, true, true], NODE2: [true, false, false] }],
    ['3 upgrade NODE2', { activeCount: 1, highest: RC2, lowest: W2K3_LOWEST, mixed: false, NODE1: [true, true, true], NODE2: [false, false, false] }],
    ['4 set NODE2', { activeCount: 1, highest: RC2, lowest: W2K3_LOWEST, mixed: false, NODE1: [true, true, true], NODE2: [false, true, false] }],
    ['5 join NODE2', { activeCount: 2, highest: RC2, lowest: W2K3_LOWEST, mixed: true, NODE1: [true, true, true], NODE2: [true, true, true] }],
    ['6 upgrade NODE1', { activeCount: 1, highest: RTM, lowest: W2K3_LOWEST, mixed: false, NODE1: [false, true, false], NODE2: [true, true, true] }],
    ['7 join NODE1', { activeCount: 2, highest: RTM, lowest: W2K3_LOWEST, mixed: false, NODE1: [true, true, true], NODE2: [true, true, true] }],
    ['8 delete NODE1', { activeCount: 2, highest: RTM, lowest: W2K3_LOWEST, mixed: false, NODE1: [true, false, true], NODE2: [true, true, true] }],
    ['9 delete NODE2', { activeCount: 2, highest: RTM, lowest: W2K3_LOWEST, mixed: false, NODE1: [true, false, true], NODE2: [true, false, true] }],
    ['10 restart NODE1', { activeCount: 2, highest: RTM, lowest: W2K3_LOWEST, mixed: false, NODE1: [true, false, false], NODE2: [true, false, true] }],
    ['11 restart NODE2', { activeCount: 2, highest: RTM, lowest: W2K3_LOWEST, mixed: false, NODE1: [true, false, false], NODE2: [true, false, false] }],
    ['12 grant', { activeCount: 2, highest: RTM, lowest: W2K3_LOWEST, mixed: false, NODE1: [true, false, false], NODE2: [true, false, false] }],
    ['13 revoke', { activeCount: 2, highest: RTM, lowest: W2K3_LOWEST, mixed: false, NODE1: [true, false, false], NODE2: [true, false, false] }],
    ['14 note', { activeCount: 2, highest: RTM, lowest: W2K3_LOWEST, mixed: false, NODE1: [true, false, false], NODE2: [true, false, false] }],
  ];
  after.forEach(([label, expected], i) => {
    it(`after step ${label}`, () => {
      assert.deepEqual(summary(timeline.steps[i]!.after), expected);
    });
  });

  it('after the NODE2 join the cluster is mixed with ClusterHighestVersion 0x00040E86 (the RC2 node)', () => {
    const state = timeline.steps[5]!.after;
    assert.equal(state.mixed, true);
    assert.equal(state.clusterHighestVersion, 0x00040e86);
    assert.equal(state.clusterLowestVersion, 0x00030893);
  });

  it('the upgraded nodes get the RTM versions', () => {
    const n2 = timeline.steps[3]!.after.nodes.find((n) => n.name === 'NODE2')!;
    assert.equal(n2.highest, RTM);
    assert.equal(n2.lowest, W2K3_LOWEST);
    const n1 = timeline.steps[5]!.after.nodes.find((n) => n.name === 'NODE1')!;
    assert.equal(n1.highest, RC2);
  });

  it('the NODE2 join skips the check: NoVersionCheck is in effect on the joiner and its sponsor', () => {
    const join = timeline.steps[5]!.join!;
    assert.equal(join.outcome, 'joined');
    assert.equal(join.checkSkipped, true);
    assert.deepEqual(join.sponsors.map((s) => s.name), ['NODE1']);
    assert.equal(join.clusterHighestVersion, RC2);
  });

  it('the restarts after the deletes run the check, and it passes on equal versions', () => {
    for (const i of [10, 11]) {
      const join = timeline.steps[i]!.join!;
      assert.equal(join.outcome, 'joined');
      assert.equal(join.checkSkipped, false);
      assert.ok(join.rulesHeld.includes('highest = ClusterHighestVersion'));
    }
  });

  it('the final state is the last step\'s', () => {
    assert.equal(timeline.final, timeline.steps[14]!.after);
  });
});

describe('the model of a node (docs/simulation.md)', () => {
  const nodes = { NODE1: { version: 'ws2003-rtm' }, NODE2: { version: 'ws2003-rtm' } };

  it('restart re-reads the registry: a value set while running takes effect at the restart', () => {
    const t = timelineOf(plan(nodes, [step.setNvc('NODE1'), step.restart('NODE1')]));
    const n1 = (i: number) => t.steps[i]!.after.nodes[0]!;
    assert.equal(n1(0).bypass, false);
    assert.ok(n1(0).registry);
    assert.equal(n1(1).bypass, true);
    assert.equal(n1(1).running, true);
  });

  it('a start reads REG_DWORD 1 only: data 0 does not bypass', () => {
    const t = timelineOf(plan(nodes, [step.stop('NODE1'), step.setNvc('NODE1', { data: 0 }), step.start('NODE1')]));
    const n1 = t.steps[2]!.after.nodes[0]!;
    assert.equal(n1.running, true);
    assert.equal(n1.bypass, false);
  });

  it('upgrade keeps the registry and ends with the service stopped', () => {
    const t = timelineOf(plan(nodes, [step.stop('NODE1'), step.setNvc('NODE1'), step.start('NODE1'), step.upgrade('NODE1', { highest: '4.3800', lowest: '3.2195' })]));
    const before = t.steps[3]!.before.nodes[0]!;
    const after = t.steps[3]!.after.nodes[0]!;
    assert.equal(before.running, true);
    assert.equal(before.bypass, true);
    assert.equal(after.running, false);
    assert.equal(after.bypass, false);
    assert.deepEqual(after.registry, { type: 'REG_DWORD', data: 1 });
    assert.equal(after.highest, makeVersion(4, 3800));
    assert.equal(after.lowest, W2K3_LOWEST);
    assert.equal(t.steps[3]!.after.activeCount, 1);
  });

  it('deleting NoVersionCheck keeps the bypass until the service restarts', () => {
    const t = timelineOf(plan({ NODE1: { version: 'ws2003-rtm', noVersionCheck: true }, NODE2: { version: 'ws2003-rtm' } }, [step.deleteNvc('NODE1'), step.note('later'), step.restart('NODE1')]));
    assert.equal(t.initial.nodes[0]!.bypass, true);
    assert.equal(t.steps[0]!.after.nodes[0]!.registry, undefined);
    assert.equal(t.steps[0]!.after.nodes[0]!.bypass, true);
    assert.equal(t.steps[1]!.after.nodes[0]!.bypass, true);
    assert.equal(t.steps[2]!.after.nodes[0]!.bypass, false);
  });

  it('a node declared with noVersionCheck bypasses only while running', () => {
    const t = timelineOf(plan({ NODE1: { version: 'ws2003-rtm', noVersionCheck: true, state: 'stopped' }, NODE2: { version: 'ws2003-rtm' } }, [step.start('NODE1')]));
    assert.equal(t.initial.nodes[0]!.bypass, false);
    assert.ok(t.initial.nodes[0]!.registry);
    assert.equal(t.steps[0]!.after.nodes[0]!.bypass, true);
  });

  it('a value at another key changes nothing the Cluster service reads', () => {
    const t = timelineOf(plan(nodes, [step.stop('NODE1'), step.setNvc('NODE1', { key: 'HKLM\\SOFTWARE\\Other' }), step.start('NODE1')]));
    assert.equal(t.steps[1]!.after.nodes[0]!.registry, undefined);
    assert.equal(t.steps[2]!.after.nodes[0]!.bypass, false);
  });

  it('a key that names another node (reg.exe\'s \\\\NODE\\ form) changes that node\'s registry', () => {
    const key = (computer: string) => `\\\\${computer}\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters`;
    const t = timelineOf(
      plan({ NODE1: { version: 'ws2003-rtm', state: 'stopped' }, NODE2: { version: 'ws2003-rtm', noVersionCheck: true } }, [
        step.setNvc('NODE2', { key: key('node1') }),
        step.deleteNvc('NODE1', { key: key('NODE2') }),
      ]),
    );
    const [set, deleted] = t.steps;
    assert.equal(set!.target?.name, 'NODE1');
    assert.deepEqual(set!.after.nodes.map((n) => [n.name, n.registry, n.registryChangedAt]), [
      ['NODE1', { type: 'REG_DWORD', data: 1 }, 0],
      ['NODE2', { type: 'REG_DWORD', data: 1 }, -1],
    ]);
    assert.equal(deleted!.target?.name, 'NODE2');
    assert.deepEqual(deleted!.after.nodes.map((n) => [n.name, n.registry, n.registryChangedAt]), [
      ['NODE1', { type: 'REG_DWORD', data: 1 }, 0],
      ['NODE2', undefined, 1],
    ]);
  });

  it('a key that names a computer that is not a node changes no node\'s registry', () => {
    for (const computer of ['.', 'localhost', 'FS9', '10.0.0.7', 'NODE1.contoso.com']) {
      const key = `\\\\${computer}\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters`;
      const t = timelineOf(plan(nodes, [step.stop('NODE1'), step.setNvc('NODE1', { key }), step.start('NODE1')]));
      assert.equal(t.steps[1]!.after, t.steps[1]!.before, computer);
      assert.equal(t.steps[1]!.target, undefined, computer);
      assert.equal(t.steps[2]!.after.nodes[0]!.bypass, false, computer);
    }
  });

  it('cluster versions are undefined with no active node, and a start forms the cluster', () => {
    const t = timelineOf(plan({ NODE1: { version: 'ws2003-rtm' } }, [step.stop('NODE1'), step.start('NODE1')]));
    const down = t.steps[0]!.after;
    assert.equal(down.activeCount, 0);
    assert.equal(down.clusterHighestVersion, undefined);
    assert.equal(down.clusterLowestVersion, undefined);
    assert.equal(t.steps[1]!.join!.outcome, 'formed');
    assert.equal(t.steps[1]!.after.clusterHighestVersion, RTM);
  });

  it('a refused join leaves the node stopped and the cluster as it was', () => {
    const t = timelineOf(plan({ NODE1: { version: 'ws2003-rc2' }, NODE2: { version: 'ws2003-rtm', state: 'stopped' } }, [step.start('NODE2')]));
    const r = t.steps[0]!;
    assert.equal(r.join!.outcome, 'refused');
    assert.deepEqual(r.join!.rulesHeld, []);
    assert.equal(r.after.activeCount, 1);
    assert.equal(r.after.nodes[1]!.running, false);
  });

  it('ClusterHighest is the minimum of highest and ClusterLowest the maximum of lowest over active nodes', () => {
    const t = timelineOf(plan({ NODE1: { version: 'win2000' }, NODE2: { version: 'ws2003-rtm' }, NODE3: { version: 'nt4-sp4', state: 'stopped' } }, []));
    assert.equal(t.initial.activeCount, 2);
    assert.equal(t.initial.clusterHighestVersion, makeVersion(3, 2195));
    assert.equal(t.initial.clusterLowestVersion, makeVersion(3, 2195));
    assert.equal(t.initial.mixed, true);
  });
});

/** On a long generated plan, each step's state is the whole cluster as the step left it. */
describe('the timeline of a generated plan', () => {
  const text = generatePlan({ steps: 400, variant: 'findings' }).text;
  const { timeline, plan: model } = analyze(text);

  it('each step changes at most its target, and the cluster versions are those of the nodes', () => {
    assert.ok(timeline && model);
    for (const [i, r] of timeline.steps.entries()) {
      const changed = r.after.nodes.flatMap((n, k) => (n === r.before.nodes[k] ? [] : [n.name]));
      assert.ok(changed.length === 0 || (changed.length === 1 && changed[0] === r.target?.name), `step ${i} changed ${changed.join(', ')}`);
      assert.equal(r.before, i === 0 ? timeline.initial : timeline.steps[i - 1]!.after, `step ${i}: before is the state the step before left`);
      const versions = clusterVersionsOf(r.after.nodes, model.versionMatch);
      assert.deepEqual(
        [r.after.activeCount, r.after.clusterHighestVersion, r.after.clusterLowestVersion, r.after.mixed],
        [versions.activeCount, versions.clusterHighestVersion, versions.clusterLowestVersion, versions.mixed],
        `step ${i}`,
      );
    }
    assert.equal(timeline.final, timeline.steps.at(-1)!.after);
  });

  it('is plain data: rules read it with filter and find, and it survives a structured clone', () => {
    assert.ok(timeline);
    const plainObject = (value: object) => Object.getPrototypeOf(value) === Object.prototype;
    for (const r of timeline.steps) {
      assert.ok(plainObject(r) && plainObject(r.after) && r.after.nodes.every(plainObject));
      if (r.join) assert.ok(plainObject(r.join) && plainObject(r.join.joiner) && r.join.sponsors.every(plainObject));
    }
    const refused = timeline.steps.filter((s) => s.join?.outcome === 'refused');
    assert.ok(refused.length > 0, 'the generated plan has refused joins');
    assert.deepEqual(
      refused.map((s) => s.step.index),
      analyze(text).findings.filter((f) => f.code === 'join-incompatible').map((f) => Number(f.pointer.split('/')[2])),
    );
    const copy = structuredClone(timeline.steps.map((s) => ({ after: s.after, join: s.join })));
    assert.equal(copy.length, timeline.steps.length);
    assert.deepEqual(copy[10]!.after.nodes.map((n) => n.highest), timeline.steps[10]!.after.nodes.map((n) => n.highest));
  });

  it('a later step never changes an earlier step\'s state: the plan cut short gives the same first steps', () => {
    assert.ok(timeline && model);
    const cut = 150;
    const short = simulate({ ...model, steps: model.steps.slice(0, cut) });
    const states = (t: Timeline, n: number) => JSON.stringify([t.initial, t.steps.slice(0, n).map((s) => ({ after: s.after, join: s.join }))], (k, v: unknown) => (k === 'declaration' ? undefined : v));
    assert.equal(short.steps.length, cut);
    assert.equal(states(timeline, cut), states(short, cut));
  });

  it('the nodes\' majors after each step follow the upgrades, whatever else the step did', () => {
    const skewed = analyze(`{
      "nodes": { "A": { "highest": "4.3790", "lowest": "3.2195" }, "B": { "highest": "2.1000" }, "C": { "highest": "3.2195" } },
      "steps": [
        { "action": "stop", "node": "B" },
        { "action": "set-registry", "node": "B", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
        { "action": "upgrade", "node": "B", "to": { "highest": "3.2195" } },
        { "action": "restart", "node": "C" },
        { "action": "upgrade", "node": "A", "to": { "highest": "6.0001" } },
        { "action": "delete-registry", "node": "B", "name": "NoVersionCheck" },
        { "action": "upgrade", "node": "A", "to": { "highest": "4.3790", "lowest": "3.2195" } }
      ]
    }`).timeline;
    assert.ok(skewed);
    const spreadOf = (state: ClusterState) => {
      const majors = state.nodes.filter((n) => n.highest !== undefined).map((n) => majorOf(n.highest!));
      return Math.max(...majors) - Math.min(...majors);
    };
    assert.equal(spreadOf(skewed.initial), 2);
    assert.deepEqual(
      skewed.steps.map((r) => spreadOf(r.after)),
      [2, 2, 1, 1, 3, 3, 1],
    );
  });

  it('a join without a running named sponsor is judged against every other active node', () => {
    assert.ok(timeline);
    let joins = 0;
    for (const r of timeline.steps) {
      if (!r.join || r.join.outcome === 'already-running' || r.join.outcome === 'formed' || r.join.outcome === 'no-cluster') continue;
      if (r.step.action !== 'restart' && r.step.action !== 'start' && r.step.action !== 'join') continue;
      if (r.step.sponsor && !r.join.sponsorNotRunning) continue;
      joins++;
      const index = r.before.nodes.findIndex((n) => n.declaration === r.target!.declaration);
      const expected = r.before.nodes.filter((n, k) => n.running && k !== index);
      assert.deepEqual(r.join.sponsors.map((n) => n.name), expected.map((n) => n.name));
      // The same objects as the state holds, not copies.
      r.join.sponsors.forEach((s, k) => assert.equal(s, expected[k]));
    }
    assert.ok(joins > 50, `${joins} joins checked`);
  });
});

describe('at most 64 nodes (MAX_NODES)', () => {
  // A failover cluster has at most 64 nodes: 64 must simulate exactly, 65 not at all.
  const nodes = (count: number) =>
    Object.fromEntries(Array.from({ length: count }, (_, k) => [`N${String(k + 1).padStart(2, '0')}`, { version: k % 2 ? 'ws2003-rtm' : 'ws2003-rc2' }]));

  it('simulates 64 nodes, the last one too', () => {
    const t = timelineOf(plan(nodes(64), [step.stop('N64'), step.upgrade('N64', 'ws2003-rtm'), step.start('N64'), step.stop('N63')]));
    assert.equal(t.initial.activeCount, 64);
    assert.equal(t.initial.nodes.length, 64);
    assert.equal(t.steps[0]!.target?.name, 'N64');
    assert.equal(t.steps[1]!.after.nodes[63]!.name, 'N64');
    assert.equal(t.steps[1]!.after.nodes[63]!.highest, makeVersion(4, 3790));
    assert.equal(t.steps[2]!.join?.joiner.name, 'N64');
    assert.equal(t.steps[2]!.after.activeCount, t.steps[2]!.join?.outcome === 'refused' ? 63 : 64);
    assert.equal(t.steps[3]!.after.activeCount, t.steps[2]!.after.activeCount - 1);
    assert.equal(t.steps[3]!.after.nodes[62]!.running, false);
    assert.equal(t.final.nodes[63]!.running, t.steps[2]!.join?.outcome !== 'refused');
  });

  it('reports 65 and does not simulate them', () => {
    const analysis = analyze(plan(nodes(65), [step.stop('N65')]));
    assert.equal(analysis.timeline, undefined);
    assert.deepEqual(
      analysis.findings.map((f) => [f.code, f.pointer]),
      [['limit-exceeded', '/nodes']],
    );
    assert.match(analysis.findings[0]!.message, /declares 65 nodes; a failover cluster has at most 64/);
  });

  it('simulate() refuses more than 64 nodes', () => {
    const text = plan(nodes(65), [step.stop('N65')]);
    assert.throws(() => simulate(readPlan(new PlanDocument(text).root!, text)), RangeError);
  });
});

describe('long runs of restarts', () => {
  it('a plan of restarts and registry changes ends with the bypass its last change gives', () => {
    const nodes = { A: { version: 'ws2003-rc2' }, B: { version: 'ws2003-rc2' } };
    const steps = [];
    for (let k = 0; k < 40; k++) steps.push(k % 2 ? step.setNvc('A') : step.deleteNvc('A'), step.restart('A'), step.restart('B'));
    const t = timelineOf(plan(nodes, steps));
    assert.equal(t.steps.length, 120);
    assert.equal(t.final.nodes[0]!.bypass, true);
  });
});
