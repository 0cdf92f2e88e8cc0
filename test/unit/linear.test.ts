/**
 * Work that grows with the plan stays linear, and nothing crashes on plan-sized input (issue 16, items 4, 5,
 * 6 and 10). The tests count the work done or check the last of the output; the timings are in
 * `npm run bench` (docs/performance.md). The large plans are generated here, never committed.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../src/core';
import { plan, step } from './helpers/plans';

describe('no rule crashes on a long name', () => {
  test('nodes of 300,000 characters, declared or named by a step, get schema and unknown-node, never an internal error', () => {
    const declared = 'N'.repeat(300_000);
    const named = 'M'.repeat(300_000);
    const findings = analyze(plan({ [declared]: { version: 'ws2003-rtm' } }, [step.stop('NODE1'), step.stop(named)])).findings;
    assert.deepEqual(
      findings.map((f) => [f.code, f.pointer]),
      [
        ['schema', `/nodes/${declared}`],
        ['unknown-node', '/steps/0/node'],
        ['unknown-node', '/steps/1/node'],
      ],
    );
    assert.equal(findings[1]!.message, `No node "NODE1" is declared in "nodes"; did you mean "${declared}"?`);
  });
});
