import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, fixesFor, type Finding } from '../../src/core';
import { cleanInstall, fl, threeWs2016, WS2016, WS2019 } from './helpers/membershipCases';
import { at, codesAt, plan, type Value } from './helpers/plans';

/**
 * The rules of a plan of Windows Server 2008 and later about joins, membership, draining and skipped
 * releases (docs/rules/): exact messages, pointers and related locations. Trigger and near-miss plans are
 * in helpers/membershipCases.ts, run with every rule's in core-rules.test.ts.
 */

function findings(text: string, code: string): Finding[] {
  return analyze(text).findings.filter((f) => f.code === code);
}

function only(text: string, code: string): Finding {
  const found = findings(text, code);
  assert.equal(found.length, 1, `one ${code} expected: ${codesAt(text).join(', ')}`);
  return found[0]!;
}

/** The findings of these codes only: the end of such a plan is mixed-at-end's business, not theirs. */
function codesOf(text: string, codes: readonly string[]): string[] {
  return codesAt(text).filter((c) => codes.includes(c.slice(0, c.indexOf('@'))));
}
const SKEW = ['major-skew', 'upgrade-skips-release', 'join-incompatible'];

const WS2022 = { version: 'ws2022' };
const stopped = (node: Readonly<Record<string, Value>>) => ({ ...node, state: 'stopped' });

describe('join-incompatible with the functional level', () => {
  it('a start refused names both levels with their releases, the rule and 5075, and no event', () => {
    const text = plan({ NODE1: WS2016, NODE2: WS2016 }, [fl.drain('NODE2'), fl.upgrade('NODE2', 'ws2022'), fl.start('NODE2'), fl.resume('NODE2')]);
    const f = only(text, 'join-incompatible');
    assert.equal(f.pointer, '/steps/2');
    assert.equal(
      f.message,
      'NODE2 would be refused at step 3: it runs level 11 (Windows Server 2022), the cluster is at FL 9 (Windows Server 2016), and a node joins only at the cluster\'s level, or at the next level from FL 8 on. ' +
        'Its Cluster service would not start, with error 5075 (ERROR_CLUSTER_INCOMPATIBLE_VERSIONS). Upgrade one release at a time, and raise the functional level between releases.',
    );
    assert.deepEqual(f.related.map((r) => `${r.pointer}: ${r.message}`), ['/nodes/NODE2: NODE2 is declared here']);
  });

  it('an add refused is Add-ClusterNode failing; a node below FL is told to upgrade', () => {
    const text = plan({ NODE1: WS2019, NODE2: WS2019, NODE3: stopped(WS2016) }, [fl.evict('NODE3'), fl.add('NODE3')], { top: { functionalLevel: 10 } });
    assert.deepEqual(codesAt(text), ['join-incompatible@/steps/1']);
    assert.equal(
      only(text, 'join-incompatible').message,
      'NODE3 would be refused at step 2: it runs level 9 (Windows Server 2016), the cluster is at FL 10 (Windows Server 2019), and a node joins only at the cluster\'s level, or at the next level from FL 8 on. ' +
        'Add-ClusterNode would fail, with error 5075 (ERROR_CLUSTER_INCOMPATIBLE_VERSIONS). Upgrade NODE3 to Windows Server 2019 first.',
    );
    // Two releases behind: one at a time, since a member may not skip one either.
    const older = plan({ NODE1: WS2019, NODE2: WS2019, NODE3: stopped({ version: 'ws2012r2' }) }, [fl.evict('NODE3'), fl.add('NODE3')], { top: { functionalLevel: 10 } });
    assert.ok(only(older, 'join-incompatible').message.endsWith('Add-ClusterNode would fail, with error 5075 (ERROR_CLUSTER_INCOMPATIBLE_VERSIONS). Upgrade NODE3 one release at a time, up to Windows Server 2019.'));
  });

  it('below FL 8 a node of the next release is told that no cluster mixes releases, and inferred levels say so', () => {
    const text = plan({ NODE1: { version: 'ws2012' }, NODE2: stopped({ version: 'ws2012' }) }, [fl.upgrade('NODE2', 'ws2012r2'), fl.start('NODE2')]);
    assert.equal(
      only(text, 'join-incompatible').message,
      'NODE2 would be refused at step 2: it runs level 8 (Windows Server 2012 R2), the cluster is at FL 7 (Windows Server 2012, inferred), and a node joins only at the cluster\'s level, or at the next level from FL 8 on. ' +
        'Its Cluster service would not start, with error 5075 (ERROR_CLUSTER_INCOMPATIBLE_VERSIONS). Before FL 8 (Windows Server 2012 R2) no cluster mixes releases: move to a new cluster instead.',
    );
  });

  it('a node declared running that the starting level refuses is reported on its name, with functionalLevel related', () => {
    const text = plan({ NODE1: WS2019, NODE2: WS2016 }, [], { top: { functionalLevel: 'ws2019' } });
    const f = only(text, 'join-incompatible');
    assert.equal(f.pointer, '/nodes/NODE2');
    assert.equal(text.slice(f.offset, f.offset + f.length), '"NODE2"');
    assert.equal(
      f.message,
      'NODE2 is declared running but would be refused: it runs level 9 (Windows Server 2016), the cluster starts at FL 10 (Windows Server 2019), and a node joins only at the cluster\'s level, or at the next level from FL 8 on. ' +
        'Its Cluster service would not start, with error 5075 (ERROR_CLUSTER_INCOMPATIBLE_VERSIONS), so the simulation starts it stopped. Correct its version or "functionalLevel", or declare it "state": "stopped".',
    );
    assert.deepEqual(f.related.map((r) => `${r.pointer}: ${r.message}`), ['/functionalLevel: The cluster starts at FL 10 (Windows Server 2019) here']);
    // Without "functionalLevel" the default is the lowest declared level, so only a node two levels up is refused.
    const byDefault = plan({ NODE1: WS2016, NODE2: WS2022 }, []);
    assert.ok(only(byDefault, 'join-incompatible').message.endsWith('Correct its version, or declare it "state": "stopped".'));
    assert.deepEqual(codesAt(plan({ NODE1: WS2016, NODE2: stopped(WS2022) }, [])), ['major-skew@/nodes']);
  });

  it('near miss: from FL 8 a node of the next release joins', () => {
    assert.deepEqual(findings(plan({ NODE1: { version: 'ws2012r2' }, NODE2: stopped({ version: 'ws2016' }) }, [fl.start('NODE2')]), 'join-incompatible'), []);
  });

  it('offers no KB 811272 fix: NoVersionCheck bypasses nothing there', () => {
    const text = plan({ NODE1: WS2016, NODE2: stopped(WS2022) }, [fl.start('NODE2')]);
    const analysis = analyze(text);
    const f = analysis.findings.find((x) => x.code === 'join-incompatible')!;
    assert.deepEqual(fixesFor(analysis, f), []);
  });
});

describe('upgrade-skips-release and major-skew', () => {
  it('names the levels and the release to take instead, at the upgrade\'s "to"', () => {
    const text = threeWs2016([fl.drain('NODE1'), fl.upgrade('NODE1', 'ws2022'), fl.resume('NODE1')]);
    const f = only(text, 'upgrade-skips-release');
    assert.equal(f.pointer, '/steps/1/to');
    assert.equal(text.slice(f.offset, f.offset + f.length), '"ws2022"');
    assert.equal(
      f.message,
      'NODE1 is upgraded to level 11 (Windows Server 2022) at step 2, but the cluster is at FL 9 (Windows Server 2016): a rolling upgrade goes one release at a time, to level 10 (Windows Server 2019). ' +
        'Upgrade to "ws2019", raise the functional level once every node runs it, then repeat the rolling upgrade.',
    );
  });

  it('is judged against the level at that step: after the level is raised, the next release is FL + 1', () => {
    const steps = [fl.evict('NODE3'), { action: 'update-functional-level' }, fl.drain('NODE1'), fl.upgrade('NODE1', 'ws2022'), fl.start('NODE1'), fl.resume('NODE1')];
    const text = plan({ NODE1: WS2019, NODE2: WS2019, NODE3: stopped(WS2016) }, steps, { top: { functionalLevel: 9 } });
    assert.deepEqual(codesOf(text, SKEW), []);
  });

  it('major-skew compares an upgraded node with the members only: an evicted node no longer counts', () => {
    const steps = [fl.evict('NODE3'), fl.drain('NODE1'), fl.upgrade('NODE1', 'ws2022'), fl.start('NODE1'), fl.resume('NODE1')];
    const text = plan({ NODE1: WS2019, NODE2: WS2019, NODE3: stopped(WS2016) }, steps, { top: { functionalLevel: 10 } });
    assert.deepEqual(codesOf(text, SKEW), []);
    // NODE3 still a member: 9 against 11.
    const member = plan({ NODE1: WS2019, NODE2: WS2019, NODE3: stopped(WS2016) }, steps.slice(1), { top: { functionalLevel: 10 } });
    assert.deepEqual(codesOf(member, SKEW), ['major-skew@/steps/1']);
    assert.equal(
      only(member, 'major-skew').message,
      'After step 2, NODE1 runs 0x000B0004 (11.4) and NODE3 runs 0x00090008 (9.8): their Cluster service majors are 2 apart. Nodes more than 1 level apart are never compatible: upgrade one release at a time.',
    );
  });
});

describe('membership: not-a-member, already-member, not-running, join-no-cluster', () => {
  it('not-a-member names the step that evicted the node, and points at it', () => {
    const text = threeWs2016([...cleanInstall('NODE3', 'ws2019'), fl.start('NODE3')]);
    const f = only(text, 'not-a-member');
    assert.equal(f.pointer, '/steps/3');
    assert.equal(f.message, 'NODE3 is not a member of the cluster at step 4: it was evicted at step 2, so this start does nothing. Add it back first with an "add" step.');
    assert.deepEqual(f.related.map((r) => `${r.pointer}: ${r.message}`), ['/steps/1: NODE3 is evicted here']);
  });

  it('already-member says whether the node runs', () => {
    const running = threeWs2016([fl.add('NODE1')]);
    assert.equal(only(running, 'already-member').message, 'NODE1 is already a member of the cluster at step 1, so this add does nothing: its Cluster service already runs. Only an evicted node is added back.');
    const down = threeWs2016([fl.drain('NODE1'), fl.stop('NODE1'), fl.add('NODE1'), fl.start('NODE1'), fl.resume('NODE1')]);
    assert.deepEqual(codesAt(down), ['already-member@/steps/2']);
    assert.equal(only(down, 'already-member').message, 'NODE1 is already a member of the cluster at step 3, so this add does nothing: use "start" to start its Cluster service. Only an evicted node is added back.');
  });

  it('not-running: a drain of a stopped member', () => {
    const text = plan({ NODE1: WS2016, NODE2: stopped(WS2016) }, [fl.drain('NODE2')]);
    assert.deepEqual(codesAt(text), ['not-running@/steps/0']);
    assert.equal(only(text, 'not-running').message, 'The Cluster service on NODE2 is already stopped before step 1, so this drain does nothing: a stopped node has no roles to move.');
    // A second drain of a node already paused: no finding.
    assert.deepEqual(codesAt(threeWs2016([fl.drain('NODE2'), fl.drain('NODE2'), fl.resume('NODE2')])), []);
  });

  it('join-no-cluster: an add with no active node', () => {
    const text = plan({ NODE1: WS2016, NODE2: stopped(WS2016) }, [fl.evict('NODE1'), fl.add('NODE1')]);
    assert.deepEqual(codesAt(text), ['cluster-offline@/steps/0', 'join-no-cluster@/steps/1']);
    assert.equal(only(text, 'join-no-cluster').message, 'NODE1 cannot be added at step 2: no node is active, and Add-ClusterNode needs a running cluster, so NODE1 stays outside it. Start a member first.');
  });
});

describe('not-drained', () => {
  it('names the step, the action and the members that keep the cluster up', () => {
    const text = threeWs2016([fl.upgrade('NODE1', 'ws2019'), fl.start('NODE1'), fl.evict('NODE2'), fl.add('NODE2')]);
    assert.deepEqual(findings(text, 'not-drained').map(at), ['not-drained@/steps/0', 'not-drained@/steps/2']);
    const [upgrade, evict] = findings(text, 'not-drained');
    assert.equal(
      upgrade!.message,
      'NODE1 is upgraded at step 1 without being drained, while NODE2 and NODE3 keep the cluster up: its roles would fail over instead of moving in a planned way. Drain it first with a "drain" step (Suspend-ClusterNode -Drain), and resume it once it is back.',
    );
    assert.equal(
      evict!.message,
      'NODE2 is evicted at step 3 without being drained, while NODE1 and NODE3 keep the cluster up: its roles would fail over instead of moving in a planned way. Drain it first with a "drain" step (Suspend-ClusterNode -Drain).',
    );
  });

  it('a paused member, a stopped one, or the last active member is not reported', () => {
    assert.deepEqual(codesAt(plan({ NODE1: WS2016, NODE2: { ...WS2016, paused: true } }, [fl.stop('NODE2'), fl.start('NODE2'), fl.resume('NODE2')])), []);
    assert.deepEqual(codesAt(plan({ NODE1: WS2016, NODE2: stopped(WS2016) }, [fl.upgrade('NODE2', 'ws2019'), fl.stop('NODE1')])), ['cluster-offline@/steps/1']);
  });
});

describe('major-skew in a functional-level plan', () => {
  it('says to upgrade one release at a time, without NoVersionCheck, which plays no part from 2008 on', () => {
    const found = analyze(plan({ NODE1: WS2016, NODE2: { version: 'ws2022' } }, [])).findings.filter((f) => f.code === 'major-skew');
    assert.deepEqual(
      found.map((f) => f.message),
      ['At the start, NODE1 runs 0x00090008 (9.8) and NODE2 runs 0x000B0004 (11.4): their Cluster service majors are 2 apart. Nodes more than 1 level apart are never compatible: upgrade one release at a time.'],
    );
  });
});
