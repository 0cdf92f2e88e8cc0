import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, applyEdits, fixesFor, suppressionEdit } from '../../src/core';
import { at } from './helpers/plans';

/**
 * Every line a fix inserts ends with the file's own line break: the first one in the text, `\r\n`, a bare
 * `\r` (classic Mac OS editors) or `\n`. Each plan is written with `\n` here and converted, so the three
 * files differ in nothing else.
 */

const ENDINGS = [
  ['LF', '\n'],
  ['CRLF', '\r\n'],
  ['bare CR', '\r'],
] as const;

/** The text with every `\n` turned into `eol`. */
const ending = (text: string, eol: string) => text.replace(/\n/g, eol);

/** The one fix of the finding `code@pointer`, applied. */
function fixed(text: string, finding: string): string {
  const analysis = analyze(text);
  const target = analysis.findings.find((f) => at(f) === finding);
  assert.ok(target, `${finding} expected in: ${analysis.findings.map(at).join(', ')}`);
  const fixes = fixesFor(analysis, target);
  assert.equal(fixes.length, 1, `one fix expected for ${finding}`);
  return applyEdits(text, fixes[0]!.edits);
}

// NODE1 already bypasses; NODE2 joins without NoVersionCheck. The comment above the join introduces it; the
// comment above the upgrade is cut off from it by a blank line, so it stays where it is.
const multiLine = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rc2", "state": "stopped" }
  },
  "steps": [
    // NODE2 first

    {
      "action": "upgrade",
      "node": "NODE2",
      "to": "ws2003-rtm"
    },
    // NODE2 joins
    {
      "action": "join",
      "node": "NODE2"
    }
  ]
}
`;

const multiLineFixed = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rc2", "state": "stopped" }
  },
  "steps": [
    // NODE2 first

    {
      "action": "upgrade",
      "node": "NODE2",
      "to": "ws2003-rtm"
    },
    {
      "action": "set-registry",
      "node": "NODE2",
      "name": "NoVersionCheck",
      "type": "REG_DWORD",
      "data": 1
    },
    // NODE2 joins
    {
      "action": "join",
      "node": "NODE2"
    }
  ]
}
`;

// A plan that ends with NoVersionCheck on NODE1: the fix appends the clean-up after the last step's comment.
const oneLine = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "note", "text": "x" } // the last step
  ]
}
`;

const oneLineFixed = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "note", "text": "x" }, // the last step
    { "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck" },
    { "action": "restart", "node": "NODE1" }
  ]
}
`;

const emptySteps = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": []
}
`;

const emptyStepsFixed = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck" },
    { "action": "restart", "node": "NODE1" }
  ]
}
`;

const stopOnly = `{
  "nodes": { "NODE1": { "version": "ws2003-rtm" } },
  "steps": [
    { "action": "stop", "node": "NODE1" }
  ]
}
`;

const stopOnlySuppressed = `{
  "nodes": { "NODE1": { "version": "ws2003-rtm" } },
  "steps": [
    // clusterplan-disable-next-line cluster-offline -- 
    { "action": "stop", "node": "NODE1" }
  ]
}
`;

describe('inserted lines end with the file\'s own line break', () => {
  for (const [name, eol] of ENDINGS) {
    describe(name, () => {
      it('multi-line steps inserted before a step and its comment, not above a blank line', () => {
        assert.equal(fixed(ending(multiLine, eol), 'join-incompatible@/steps/1'), ending(multiLineFixed, eol));
      });

      it('one-line steps appended after the last step\'s comment', () => {
        assert.equal(fixed(ending(oneLine, eol), 'noversioncheck-leftover@/nodes/NODE1'), ending(oneLineFixed, eol));
      });

      it('steps put into an empty "steps"', () => {
        assert.equal(fixed(ending(emptySteps, eol), 'noversioncheck-leftover@/nodes/NODE1'), ending(emptyStepsFixed, eol));
      });

      it('a suppression comment', () => {
        const text = ending(stopOnly, eol);
        const analysis = analyze(text);
        const finding = analysis.findings.find((f) => at(f) === 'cluster-offline@/steps/0')!;
        assert.equal(applyEdits(text, [suppressionEdit(analysis.document, finding)]), ending(stopOnlySuppressed, eol));
      });
    });
  }

  it('the first line break decides, in a file that mixes them', () => {
    const mixed = stopOnly.replace('\n', '\r').replace('\n', '\r\n');
    const analysis = analyze(mixed);
    const edit = suppressionEdit(analysis.document, analysis.findings.find((f) => at(f) === 'cluster-offline@/steps/0')!);
    assert.equal(edit.content, '    // clusterplan-disable-next-line cluster-offline -- \r');
  });
});
