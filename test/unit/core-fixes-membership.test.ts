import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, applyEdits, fixAll, fixesFor, type Fix } from '../../src/core';
import { at, codesAt } from './helpers/plans';

/**
 * The quick fixes of not-drained and upgrade-skips-release (docs/rules/): each applied to a plan written
 * out in full, compared with the whole expected text, then re-analysed.
 */

function applyFix(text: string, code: string, pointer: string): { text: string; fix: Fix } {
  const analysis = analyze(text);
  const finding = analysis.findings.find((f) => f.code === code && f.pointer === pointer);
  assert.ok(finding, `no ${code}@${pointer} in: ${analysis.findings.map(at).join(', ')}`);
  const fixes = fixesFor(analysis, finding);
  assert.equal(fixes.length, 1, `one fix expected for ${code}`);
  return { text: applyEdits(text, fixes[0]!.edits), fix: fixes[0]! };
}

describe('upgrade-skips-release fix', () => {
  const skip = (to: string, functionalLevel = '') => `{${functionalLevel}
  "nodes": {
    "NODE1": { "version": "ws2016" },
    "NODE2": { "version": "ws2016" } // the older one
  },
  "steps": [
    { "action": "drain", "node": "NODE2" },
    { "action": "upgrade", "node": "NODE2", "to": ${to} }, // in place
    { "action": "resume", "node": "NODE2" }
  ]
}
`;

  it('replaces "to" with the alias of the next release; not safe, since it changes what is installed', () => {
    const { text, fix } = applyFix(skip('"ws2022"'), 'upgrade-skips-release', '/steps/1/to');
    assert.equal(fix.title, 'Upgrade to "ws2019", the next release');
    assert.equal(fix.safe, false);
    assert.equal(text, skip('"ws2019"'));
    assert.deepEqual(codesAt(text), []);
  });

  it('replaces a highest/lowest pair whole, and follows the functional level the plan sets', () => {
    const pair = skip('{ "highest": "12.0", "lowest": "12.0" }', '\n  "functionalLevel": 8,');
    // At FL 8 both ws2016 nodes are FL + 1, and the next release is Windows Server 2016 itself.
    const { text, fix } = applyFix(pair, 'upgrade-skips-release', '/steps/1/to');
    assert.equal(fix.title, 'Upgrade to "ws2016", the next release');
    assert.equal(text, skip('"ws2016"', '\n  "functionalLevel": 8,'));
  });

  it('a 4/5 mix at FL 4 is sent to Windows Server 2008', () => {
    const text = `{
  "nodes": {
    "NODE1": { "version": "ws2003", "state": "stopped" },
    "NODE2": { "version": "ws2008", "state": "stopped" }
  },
  "steps": [
    { "action": "upgrade", "node": "NODE1", "to": "ws2008r2" }
  ]
}
`;
    assert.equal(applyFix(text, 'upgrade-skips-release', '/steps/0/to').text, text.replace('"ws2008r2"', '"ws2008"'));
  });
});

describe('not-drained fix', () => {
  // NODE1 is upgraded in place without a drain; its comments and the multi-line steps keep their places.
  const upgrade = `{
  "nodes": {
    "NODE1": { "version": "ws2016" },
    "NODE2": { "version": "ws2016" },
    "NODE3": { "version": "ws2016" }
  },
  "steps": [
    // NODE1 first
    {
      "action": "upgrade",
      "node": "NODE1",
      "to": "ws2019"
    }, // setup runs here
    {
      "action": "start",
      "node": "NODE1"
    },
    {
      "action": "note",
      "text": "NODE1 is back"
    }
  ]
}
`;

  it('inserts a drain before the step and a resume after the node\'s next start, in the steps\' own style', () => {
    const { text, fix } = applyFix(upgrade, 'not-drained', '/steps/0');
    assert.equal(fix.title, 'Drain NODE1 before step 1 and resume it after step 2');
    assert.equal(fix.safe, true);
    assert.equal(fix.isPreferred, true);
    assert.equal(
      text,
      `{
  "nodes": {
    "NODE1": { "version": "ws2016" },
    "NODE2": { "version": "ws2016" },
    "NODE3": { "version": "ws2016" }
  },
  "steps": [
    {
      "action": "drain",
      "node": "NODE1"
    },
    // NODE1 first
    {
      "action": "upgrade",
      "node": "NODE1",
      "to": "ws2019"
    }, // setup runs here
    {
      "action": "start",
      "node": "NODE1"
    },
    {
      "action": "resume",
      "node": "NODE1"
    },
    {
      "action": "note",
      "text": "NODE1 is back"
    }
  ]
}
`,
    );
    assert.deepEqual(codesAt(text).filter((c) => c.startsWith('not-drained@')), []);
  });

  const oneLine = (steps: string) => `{
  "nodes": {
    "NODE1": { "version": "ws2016" },
    "NODE2": { "version": "ws2016" }
  },
  "steps": [
${steps}
  ]
}
`;

  it('a restart is its own start: the resume follows it, and a last step is appended after', () => {
    const before = oneLine('    { "action": "restart", "node": "NODE2" } // patch Tuesday');
    const { text, fix } = applyFix(before, 'not-drained', '/steps/0');
    assert.equal(fix.title, 'Drain NODE2 before step 1 and resume it after step 1');
    assert.equal(
      text,
      oneLine('    { "action": "drain", "node": "NODE2" },\n    { "action": "restart", "node": "NODE2" }, // patch Tuesday\n    { "action": "resume", "node": "NODE2" }'),
    );
    assert.deepEqual(codesAt(text), []);
  });

  it('no resume after an evict, which clears the pause, nor when the node never starts again, nor when the plan resumes it', () => {
    const evict = applyFix(oneLine('    { "action": "evict", "node": "NODE2" },\n    { "action": "add", "node": "NODE2" }'), 'not-drained', '/steps/0');
    assert.equal(evict.fix.title, 'Drain NODE2 before step 1');
    assert.equal(evict.text, oneLine('    { "action": "drain", "node": "NODE2" },\n    { "action": "evict", "node": "NODE2" },\n    { "action": "add", "node": "NODE2" }'));
    const never = applyFix(oneLine('    { "action": "stop", "node": "NODE2" }'), 'not-drained', '/steps/0');
    assert.equal(never.text, oneLine('    { "action": "drain", "node": "NODE2" },\n    { "action": "stop", "node": "NODE2" }'));
    const resumed = oneLine('    { "action": "stop", "node": "NODE2" },\n    { "action": "resume", "node": "NODE2" },\n    { "action": "start", "node": "NODE2" }');
    assert.equal(applyFix(resumed, 'not-drained', '/steps/0').text, oneLine('    { "action": "drain", "node": "NODE2" },\n' + resumed.split('\n').slice(6, 9).join('\n')));
  });

  it('puts the resume on the line after the start, in the node\'s block: above the blank line and the next block\'s comment', () => {
    const before = oneLine(
      '    { "action": "upgrade", "node": "NODE2", "to": "ws2019" },\n    { "action": "start", "node": "NODE2" }, // back\n\n    // NODE1 next.\n    { "action": "note", "text": "x" }',
    );
    assert.equal(
      applyFix(before, 'not-drained', '/steps/0').text,
      oneLine(
        '    { "action": "drain", "node": "NODE2" },\n    { "action": "upgrade", "node": "NODE2", "to": "ws2019" },\n    { "action": "start", "node": "NODE2" }, // back\n    { "action": "resume", "node": "NODE2" },\n\n    // NODE1 next.\n    { "action": "note", "text": "x" }',
      ),
    );
  });

  it('fix-all applies it: it keeps the cluster up', () => {
    const result = fixAll(oneLine('    { "action": "stop", "node": "NODE2" },\n    { "action": "start", "node": "NODE2" }'));
    assert.equal(
      result.text,
      oneLine('    { "action": "drain", "node": "NODE2" },\n    { "action": "stop", "node": "NODE2" },\n    { "action": "start", "node": "NODE2" },\n    { "action": "resume", "node": "NODE2" }'),
    );
  });
});
