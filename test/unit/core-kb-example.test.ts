import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core';
import { readKbExample, withoutLine } from './helpers/plans';

/**
 * examples/kb811272-rc2-to-rtm.clusterplan follows KB 811272 and has no finding. Removing any one step
 * breaks the procedure in a way docs/simulation.md predicts; the expected findings below were worked out by hand
 * from its model and join rules and from the rule pages (docs/rules/), then compared with the engine.
 * Pointers are the indices AFTER the removal.
 *
 * The steps of the example:
 *   0 stop NODE1          5 join NODE2 (sponsor NODE1)   10 restart NODE1
 *   1 set NODE1           6 upgrade NODE1 → RTM          11 restart NODE2
 *   2 start NODE1         7 join NODE1 (sponsor NODE2)   12 grant NETWORKSERVICE
 *   3 upgrade NODE2 → RTM 8 delete NODE1                 13 revoke SERVICE
 *   4 set NODE2           9 delete NODE2                 14 note
 */

const KB = readKbExample();

/** Why each removal gives what it gives. */
const EXPECTED: readonly { removed: string; expect: readonly string[] }[] = [
  {
    // NODE1 is still running: the set is not read, start does nothing, so NODE1 never bypasses. NODE2's join
    // is then refused; the upgrade of NODE1 takes the cluster down, NODE1 cannot join, both restarts only start.
    removed: 'stop NODE1',
    expect: [
      'registry-while-running@/steps/0',
      'already-running@/steps/1',
      'join-incompatible@/steps/4',
      'cluster-offline@/steps/5',
      'join-no-cluster@/steps/6',
      'not-running@/steps/9',
      'not-running@/steps/10',
    ],
  },
  {
    // NODE1 restarts without NoVersionCheck: the sponsor does not bypass, so the NODE2 join is refused.
    removed: 'set NODE1',
    expect: ['join-incompatible@/steps/4', 'cluster-offline@/steps/5', 'join-no-cluster@/steps/6', 'not-running@/steps/9', 'not-running@/steps/10'],
  },
  {
    // NODE1 stays stopped: upgrading NODE2 takes the cluster down and neither join has a cluster to join.
    removed: 'start NODE1',
    expect: ['cluster-offline@/steps/2', 'join-no-cluster@/steps/4', 'join-no-cluster@/steps/6', 'not-running@/steps/9', 'not-running@/steps/10'],
  },
  {
    // NODE2 keeps running RC2: its set happens while running and never takes effect, its join does nothing;
    // the upgraded NODE1 (bypassing) is refused by the non-bypassing RC2 sponsor, and again at its restart.
    removed: 'upgrade NODE2',
    expect: [
      'registry-while-running@/steps/3',
      'already-running@/steps/4',
      'join-incompatible@/steps/6',
      'not-running@/steps/9',
      'join-incompatible@/steps/9',
    ],
  },
  {
    // The KB's own warning: the upgraded NODE2 joins without NoVersionCheck, event 1071 / error 5075.
    removed: 'set NODE2',
    expect: ['join-incompatible@/steps/4', 'cluster-offline@/steps/5', 'join-no-cluster@/steps/6', 'not-running@/steps/9', 'not-running@/steps/10'],
  },
  {
    // NODE2 never joins: upgrading NODE1 takes the cluster down.
    removed: 'join NODE2',
    expect: ['cluster-offline@/steps/5', 'join-no-cluster@/steps/6', 'not-running@/steps/9', 'not-running@/steps/10'],
  },
  {
    // NODE1 stays RC2 and running: its join does nothing; once its NoVersionCheck is deleted, its restart is
    // refused by the RTM cluster. It ends stopped, so the cluster is not mixed at the end.
    removed: 'upgrade NODE1',
    expect: ['already-running@/steps/6', 'join-incompatible@/steps/9'],
  },
  {
    // NODE1 is upgraded but never joins; its restart only starts it, and with equal versions it joins.
    removed: 'join NODE1',
    expect: ['not-running@/steps/9'],
  },
  { removed: 'delete NODE1', expect: ['noversioncheck-leftover@/steps/1'] },
  { removed: 'delete NODE2', expect: ['noversioncheck-leftover@/steps/4'] },
  // Deleting is not dynamic: without the restart, NODE1 still bypasses at the end.
  { removed: 'restart NODE1', expect: ['noversioncheck-still-effective@/steps/8'] },
  { removed: 'restart NODE2', expect: ['noversioncheck-still-effective@/steps/9'] },
  // Shown at the first upgrade from a pre-release: the upgrade of NODE2, step 3.
  { removed: 'grant NETWORKSERVICE', expect: ['security-descriptor@/steps/3'] },
  { removed: 'revoke SERVICE', expect: ['security-descriptor@/steps/3'] },
  { removed: 'note', expect: [] },
];

/** The line numbers of the steps, in order. */
function stepLines(text: string): number[] {
  return text
    .split('\n')
    .map((line, i) => (/^\s*\{ "action"/.test(line) ? i : -1))
    .filter((i) => i >= 0);
}

describe('the KB 811272 example', () => {
  it('has zero findings', () => {
    assert.deepEqual(analyze(KB).findings, []);
  });

  it('has 15 steps, one per line', () => {
    assert.equal(stepLines(KB).length, 15);
    assert.equal(analyze(KB).plan!.steps.length, 15);
    assert.equal(EXPECTED.length, 15);
  });

  const lines = stepLines(KB);
  EXPECTED.forEach(({ removed, expect }, i) => {
    it(`without step ${i} (${removed}): ${expect.length === 0 ? 'still clean' : expect.join(', ')}`, () => {
      const text = withoutLine(KB, lines[i]!);
      const analysis = analyze(text);
      assert.equal(analysis.plan!.steps.length, 14);
      assert.deepEqual(analysis.findings.map((f) => `${f.code}@${f.pointer}`).sort(), [...expect].sort());
    });
  });

  it('a "}" missing after step 3 gives its syntax errors, and no schema finding for the step it swallowed', () => {
    const upgrade = '{ "action": "upgrade", "node": "NODE2", "to": "ws2003-rtm" },';
    const text = KB.replace(upgrade, upgrade.replace(' },', ','));
    const findings = analyze(text).findings;
    // Recovery reads the next line's properties into step 3; the set-registry on it is lost, so the
    // simulation still sees NODE2 join without NoVersionCheck, and what follows from that.
    assert.deepEqual(
      findings.map((f) => `${f.code}@${f.pointer}`),
      ['syntax@/steps/3', 'syntax@/steps/3', 'join-incompatible@/steps/4', 'cluster-offline@/steps/5', 'join-no-cluster@/steps/6', 'not-running@/steps/9', 'not-running@/steps/10'],
    );
    const line = (offset: number) => text.slice(0, offset).split('\n').length;
    assert.deepEqual(
      findings.filter((f) => f.code === 'syntax').map((f) => `${line(f.offset)}: ${f.message}`),
      ['18: JSONC syntax error: property name expected.', '18: JSONC syntax error: value expected.'],
    );
  });

  it('the refused join without NoVersionCheck on NODE2 names event 1071, error 5075 and the versions', () => {
    const f = analyze(withoutLine(KB, lines[4]!)).findings.find((x) => x.code === 'join-incompatible')!;
    assert.match(f.message, /1071/);
    assert.match(f.message, /5075/);
    assert.match(f.message, /0x00040ECE \(4\.3790\)/); // the joiner
    assert.match(f.message, /0x00040E86 \(4\.3718\)/); // ClusterHighestVersion
    assert.equal(f.severity, 'error');
  });
});
