import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, majorOf, type ClusterState, type NodeState, type StepResult, type Timeline } from '../../src/core';
import { fl, WS2016, WS2019 } from './helpers/membershipCases';
import { plan, type Value } from './helpers/plans';

/**
 * docs/simulation.md, "The functional level": the simulation of a plan of Windows Server 2008 and later,
 * action by action. Each state is written out whole, so that a step that changes more than it should fails.
 */

const WS2012 = { version: 'ws2012' };
const WS2012R2 = { version: 'ws2012r2' };
const WS2022 = { version: 'ws2022' };
const stopped = (node: Readonly<Record<string, Value>>) => ({ ...node, state: 'stopped' });
const paused = (node: Readonly<Record<string, Value>>) => ({ ...node, paused: true });


/** `NODE1 9 active paused`: a node's level, whether its service runs, then paused and evicted if so. */
function nodeRow(n: NodeState): string {
  const level = n.highest === undefined ? '?' : String(majorOf(n.highest));
  return [n.name, level, n.running ? 'active' : 'stopped', ...(n.paused ? ['paused'] : []), ...(n.member ? [] : ['evicted'])].join(' ');
}

/** `FL 9 · 2 active · mixed | NODE1 9 active, …`: everything the functional level's rules read of a state. */
function row(state: ClusterState): string {
  const cluster = [`FL ${state.functionalLevel ?? 'none'}`, `${state.activeCount} active`, ...(state.mixed ? ['mixed'] : [])].join(' · ');
  return `${cluster} | ${state.nodes.map(nodeRow).join(', ')}`;
}

function timelineOf(text: string): Timeline {
  const timeline = analyze(text).timeline;
  assert.ok(timeline, 'the plan is simulated');
  return timeline;
}

/** The state after each step, as rows. */
function rows(timeline: Timeline): string[] {
  return timeline.steps.map((r) => row(r.after));
}

function joinOf(result: StepResult): string | undefined {
  return result.join && `${result.join.joiner.name} ${result.join.outcome} at FL ${result.join.functionalLevel}`;
}

const threeWs2016 = (steps: readonly Value[], options = {}) => plan({ NODE1: WS2016, NODE2: WS2016, NODE3: WS2016 }, steps, options);

describe('functional level: the starting state', () => {
  it('is the lowest declared level, every node a member and unpaused unless declared paused', () => {
    const t = timelineOf(plan({ NODE1: WS2016, NODE2: paused(WS2016), NODE3: stopped(WS2019) }, []));
    assert.equal(row(t.initial), 'FL 9 · 2 active | NODE1 9 active, NODE2 9 active paused, NODE3 10 stopped');
    assert.deepEqual(t.refusedAtStart, []);
  });

  it('functionalLevel overrides the default, as a number or as an alias', () => {
    const nodes = { NODE1: WS2019, NODE2: stopped(WS2016) };
    assert.equal(row(timelineOf(plan(nodes, [])).initial), 'FL 9 · 1 active | NODE1 10 active, NODE2 9 stopped');
    assert.equal(row(timelineOf(plan(nodes, [], { top: { functionalLevel: 10 } })).initial), 'FL 10 · 1 active | NODE1 10 active, NODE2 9 stopped');
    assert.equal(row(timelineOf(plan(nodes, [], { top: { functionalLevel: 'ws2019' } })).initial), 'FL 10 · 1 active | NODE1 10 active, NODE2 9 stopped');
  });

  it('refuses each node declared running that does not fit the starting level: it starts stopped', () => {
    const t = timelineOf(plan({ NODE1: WS2019, NODE2: WS2016, NODE3: stopped(WS2016), NODE4: paused({ version: 'ws2025' }) }, [], { top: { functionalLevel: 10 } }));
    assert.equal(row(t.initial), 'FL 10 · 1 active | NODE1 10 active, NODE2 9 stopped, NODE3 9 stopped, NODE4 12 stopped paused');
    // A stopped node is not checked: NODE3 is not in the list.
    assert.deepEqual(t.refusedAtStart.map((a) => `${a.joiner.name} ${a.outcome} at FL ${a.functionalLevel}`), ['NODE2 refused at FL 10', 'NODE4 refused at FL 10']);
  });

  it('a 4/5 mix starts at FL 4: the Windows Server 2008 node is refused, and the cluster is not mixed', () => {
    const t = timelineOf(plan({ NODE1: { version: 'ws2003' }, NODE2: { version: 'ws2008' } }, [fl.upgrade('NODE1', 'ws2008'), fl.start('NODE1')]));
    assert.equal(row(t.initial), 'FL 4 · 1 active | NODE1 4 active, NODE2 5 stopped');
    assert.deepEqual(t.refusedAtStart.map((a) => a.joiner.name), ['NODE2']);
    // Below FL 8 a node joins only at FL: the upgraded NODE1 (5) cannot form the cluster again at FL 4.
    assert.deepEqual(rows(t), ['FL 4 · 0 active | NODE1 5 stopped, NODE2 5 stopped', 'FL 4 · 0 active | NODE1 5 stopped, NODE2 5 stopped']);
    assert.equal(joinOf(t.steps[1]!), 'NODE1 refused at FL 4');
  });

  it('a plan of the KB 811272 releases has no functional level, and every node is a member', () => {
    const t = timelineOf(plan({ NODE1: { version: 'ws2003' }, NODE2: stopped({ version: 'win2000' }) }, []));
    assert.equal(row(t.initial), 'FL none · 1 active | NODE1 4 active, NODE2 3 stopped');
  });
});

describe('functional level: the level rule', () => {
  it('below FL 8 a node joins only at FL', () => {
    const t = timelineOf(plan({ NODE1: WS2012, NODE2: stopped(WS2012R2), NODE3: stopped(WS2012) }, [fl.start('NODE2'), fl.start('NODE3')]));
    assert.deepEqual(t.steps.map(joinOf), ['NODE2 refused at FL 7', 'NODE3 joined at FL 7']);
    assert.deepEqual(rows(t), ['FL 7 · 1 active | NODE1 7 active, NODE2 8 stopped, NODE3 7 stopped', 'FL 7 · 2 active | NODE1 7 active, NODE2 8 stopped, NODE3 7 active']);
  });

  it('from FL 8 a node joins at FL or FL + 1, never FL + 2 or FL - 1', () => {
    const t = timelineOf(
      plan({ NODE1: WS2016, NODE2: stopped(WS2019), NODE3: stopped(WS2022), NODE4: stopped(WS2012R2) }, [fl.join('NODE2'), fl.start('NODE3'), fl.restart('NODE4')], { top: { functionalLevel: 9 } }),
    );
    assert.deepEqual(t.steps.map(joinOf), ['NODE2 joined at FL 9', 'NODE3 refused at FL 9', 'NODE4 refused at FL 9']);
    assert.equal(row(t.final), 'FL 9 · 2 active · mixed | NODE1 9 active, NODE2 10 active, NODE3 11 stopped, NODE4 8 stopped');
  });

  it('a node that forms the cluster alone is held to the same rule', () => {
    const nodes = { NODE1: stopped(WS2016), NODE2: stopped(WS2022), NODE3: stopped(WS2019) };
    const t = timelineOf(plan(nodes, [fl.start('NODE2'), fl.start('NODE3')]));
    assert.deepEqual(t.steps.map(joinOf), ['NODE2 refused at FL 9', 'NODE3 formed at FL 9']);
    assert.equal(row(t.final), 'FL 9 · 1 active | NODE1 9 stopped, NODE2 11 stopped, NODE3 10 active');
    // A restart of the only active node forms the cluster again, under the same rule.
    const alone = timelineOf(plan({ NODE1: WS2016 }, [fl.restart('NODE1')], { top: { functionalLevel: 10 } }));
    assert.deepEqual(alone.refusedAtStart.map((a) => a.joiner.name), ['NODE1']);
    assert.equal(joinOf(alone.steps[0]!), 'NODE1 refused at FL 10');
  });

  it('NoVersionCheck bypasses nothing', () => {
    const t = timelineOf(plan({ NODE1: { ...WS2016, noVersionCheck: true }, NODE2: stopped({ ...WS2022, noVersionCheck: true }) }, [fl.start('NODE2')]));
    assert.equal(joinOf(t.steps[0]!), 'NODE2 refused at FL 9');
    assert.equal(t.steps[0]!.join!.checkSkipped, false);
    assert.deepEqual(t.initial.nodes.map((n) => n.bypass), [false, false]);
  });
});

describe('functional level: drain, resume, evict and add', () => {
  it('drain pauses an active member, which stays active; a second drain and a drain of a stopped member change nothing', () => {
    const t = timelineOf(plan({ NODE1: WS2016, NODE2: WS2016, NODE3: stopped(WS2016) }, [fl.drain('NODE2'), fl.drain('NODE2'), fl.drain('NODE3')]));
    assert.deepEqual(rows(t), [
      'FL 9 · 2 active | NODE1 9 active, NODE2 9 active paused, NODE3 9 stopped',
      'FL 9 · 2 active | NODE1 9 active, NODE2 9 active paused, NODE3 9 stopped',
      'FL 9 · 2 active | NODE1 9 active, NODE2 9 active paused, NODE3 9 stopped',
    ]);
    assert.equal(t.steps[1]!.after, t.steps[1]!.before);
    assert.equal(t.steps[2]!.after, t.steps[2]!.before);
  });

  it('resume clears the paused flag whether or not the node runs; of an unpaused node it changes nothing', () => {
    const t = timelineOf(plan({ NODE1: paused(WS2016), NODE2: stopped(paused(WS2016)), NODE3: WS2016 }, [fl.resume('NODE1'), fl.resume('NODE2'), fl.resume('NODE3')]));
    assert.deepEqual(rows(t), [
      'FL 9 · 2 active | NODE1 9 active, NODE2 9 stopped paused, NODE3 9 active',
      'FL 9 · 2 active | NODE1 9 active, NODE2 9 stopped, NODE3 9 active',
      'FL 9 · 2 active | NODE1 9 active, NODE2 9 stopped, NODE3 9 active',
    ]);
    assert.equal(t.steps[2]!.after, t.steps[2]!.before);
  });

  it('evict takes the node out of the cluster: stopped, not a member, not paused, its release kept', () => {
    const t = timelineOf(threeWs2016([fl.drain('NODE3'), fl.evict('NODE3'), fl.evict('NODE3')]));
    assert.deepEqual(rows(t).slice(1), ['FL 9 · 2 active | NODE1 9 active, NODE2 9 active, NODE3 9 stopped evicted', 'FL 9 · 2 active | NODE1 9 active, NODE2 9 active, NODE3 9 stopped evicted']);
    // Evicting a node that is not a member changes nothing.
    assert.equal(t.steps[2]!.after, t.steps[2]!.before);
    assert.equal(t.steps[1]!.target!.member, true);
    assert.equal(t.steps[2]!.target!.member, false);
  });

  it('the clean install: evict, upgrade the non-member, add it back under the level rule', () => {
    const t = timelineOf(threeWs2016([fl.evict('NODE3'), fl.upgrade('NODE3', 'ws2019'), fl.add('NODE3')]));
    assert.deepEqual(rows(t), [
      'FL 9 · 2 active | NODE1 9 active, NODE2 9 active, NODE3 9 stopped evicted',
      'FL 9 · 2 active | NODE1 9 active, NODE2 9 active, NODE3 10 stopped evicted',
      'FL 9 · 3 active · mixed | NODE1 9 active, NODE2 9 active, NODE3 10 active',
    ]);
    assert.deepEqual(t.steps.map(joinOf), [undefined, undefined, 'NODE3 joined at FL 9']);
  });

  it('an add refused by the level rule, or with no active node, leaves the node outside the cluster', () => {
    const refused = timelineOf(threeWs2016([fl.evict('NODE3'), fl.upgrade('NODE3', 'ws2022'), fl.add('NODE3')]));
    assert.equal(joinOf(refused.steps[2]!), 'NODE3 refused at FL 9');
    assert.equal(row(refused.final), 'FL 9 · 2 active | NODE1 9 active, NODE2 9 active, NODE3 11 stopped evicted');
    const noCluster = timelineOf(plan({ NODE1: WS2016, NODE2: stopped(WS2016) }, [fl.evict('NODE1'), fl.add('NODE1')]));
    assert.equal(joinOf(noCluster.steps[1]!), 'NODE1 no-cluster at FL 9');
    assert.equal(row(noCluster.final), 'FL 9 · 0 active | NODE1 9 stopped evicted, NODE2 9 stopped');
  });

  it('add of a member changes nothing: it does not start the node', () => {
    const t = timelineOf(plan({ NODE1: WS2016, NODE2: stopped(WS2016) }, [fl.add('NODE2'), fl.add('NODE1')]));
    for (const r of t.steps) {
      assert.equal(r.after, r.before);
      assert.equal(r.join, undefined);
    }
    assert.equal(row(t.final), 'FL 9 · 1 active | NODE1 9 active, NODE2 9 stopped');
  });

  it('start, join, restart, stop, drain and resume of a non-member change nothing', () => {
    const t = timelineOf(threeWs2016([fl.drain('NODE3'), fl.evict('NODE3'), fl.start('NODE3'), fl.join('NODE3'), fl.restart('NODE3'), fl.stop('NODE3'), fl.drain('NODE3'), fl.resume('NODE3')]));
    for (const r of t.steps.slice(2)) {
      assert.equal(r.after, r.before, `step ${r.step.index + 1} (${r.step.action})`);
      assert.equal(r.join, undefined);
      assert.equal(r.target!.member, false);
    }
    assert.equal(row(t.final), 'FL 9 · 2 active | NODE1 9 active, NODE2 9 active, NODE3 9 stopped evicted');
  });

  it('the paused flag is kept through stop, upgrade, a refused start and restart', () => {
    const t = timelineOf(threeWs2016([fl.drain('NODE3'), fl.stop('NODE3'), fl.upgrade('NODE3', 'ws2022'), fl.start('NODE3'), fl.upgrade('NODE3', 'ws2019'), fl.restart('NODE3')]));
    assert.deepEqual(rows(t), [
      'FL 9 · 3 active | NODE1 9 active, NODE2 9 active, NODE3 9 active paused',
      'FL 9 · 2 active | NODE1 9 active, NODE2 9 active, NODE3 9 stopped paused',
      'FL 9 · 2 active | NODE1 9 active, NODE2 9 active, NODE3 11 stopped paused',
      'FL 9 · 2 active | NODE1 9 active, NODE2 9 active, NODE3 11 stopped paused',
      'FL 9 · 2 active | NODE1 9 active, NODE2 9 active, NODE3 10 stopped paused',
      'FL 9 · 3 active · mixed | NODE1 9 active, NODE2 9 active, NODE3 10 active paused',
    ]);
    assert.equal(joinOf(t.steps[3]!), 'NODE3 refused at FL 9');
  });
});

describe('functional level: update-functional-level', () => {
  const outcome = (r: StepResult) => r.levelUpdate && `${r.levelUpdate.outcome} at FL ${r.levelUpdate.functionalLevel}: ${r.levelUpdate.blocking.map((n) => n.name).join(', ')}`;
  const at2019 = (nodes: Readonly<Record<string, Value>>, steps: readonly Value[]) => plan(nodes, steps, { top: { functionalLevel: 9 } });

  it('raises FL by one once every member runs FL + 1, and then refuses nodes of the old level', () => {
    const t = timelineOf(at2019({ NODE1: WS2019, NODE2: WS2019, NODE3: stopped(WS2016) }, [fl.evict('NODE3'), fl.level(), fl.add('NODE3')]));
    assert.deepEqual(t.steps.map(outcome), [undefined, 'raised at FL 9: ', undefined]);
    assert.equal(row(t.steps[1]!.after), 'FL 10 · 2 active | NODE1 10 active, NODE2 10 active, NODE3 9 stopped evicted');
    assert.equal(joinOf(t.steps[2]!), 'NODE3 refused at FL 10');
  });

  it('a stopped or paused member comes first, before noop and mixed', () => {
    // NODE3 runs FL while NODE2 runs FL + 1 (mixed), and NODE1 is paused: the update is not-ready.
    const t = timelineOf(at2019({ NODE1: paused(WS2016), NODE2: WS2019, NODE3: WS2016 }, [fl.level(), fl.resume('NODE1'), fl.stop('NODE3'), fl.level()]));
    assert.deepEqual(t.steps.map(outcome), ['not-ready at FL 9: NODE1', undefined, undefined, 'not-ready at FL 9: NODE3']);
    assert.equal(t.steps[0]!.after, t.steps[0]!.before);
    // Every member at FL and one stopped: still not-ready, not noop.
    const stoppedFirst = timelineOf(at2019({ NODE1: WS2016, NODE2: stopped(WS2016) }, [fl.level()]));
    assert.deepEqual(stoppedFirst.steps.map(outcome), ['not-ready at FL 9: NODE2']);
  });

  it('noop when no member runs FL + 1, then mixed (5973) naming the members not at FL + 1', () => {
    const t = timelineOf(at2019({ NODE1: WS2016, NODE2: WS2016, NODE3: WS2016 }, [fl.level(), fl.drain('NODE3'), fl.upgrade('NODE3', 'ws2019'), fl.start('NODE3'), fl.resume('NODE3'), fl.level()]));
    assert.deepEqual([outcome(t.steps[0]!), outcome(t.steps[5]!)], ['noop at FL 9: ', 'mixed at FL 9: NODE1, NODE2']);
    assert.equal(t.steps[5]!.after, t.steps[5]!.before);
    assert.equal(row(t.final), 'FL 9 · 3 active · mixed | NODE1 9 active, NODE2 9 active, NODE3 10 active');
  });

  it('an evicted node does not count', () => {
    const t = timelineOf(at2019({ NODE1: WS2019, NODE2: WS2019, NODE3: WS2016 }, [fl.evict('NODE3'), fl.level()]));
    assert.deepEqual(t.steps.map(outcome), [undefined, 'raised at FL 9: ']);
    assert.equal(t.final.functionalLevel, 10);
  });
});
