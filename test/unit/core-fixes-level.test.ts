import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, applyEdits, fixAll, fixesFor, type Fix } from '../../src/core';
import { at, codesAt } from './helpers/plans';

/**
 * The quick fixes of functional-level-not-raised and paused-at-end (their pages in docs/rules/, "The fix"):
 * each applied to a plan written out in full and compared with the whole expected text.
 */

function applyFix(text: string, code: string, pointer: string): { text: string; fix: Fix } {
  const analysis = analyze(text);
  const findings = analysis.findings.filter((f) => f.code === code && f.pointer === pointer);
  assert.equal(findings.length, 1, `one ${code}@${pointer} expected in: ${analysis.findings.map(at).join(', ')}`);
  const fixes = fixesFor(analysis, findings[0]!);
  assert.equal(fixes.length, 1, `one fix expected for ${code}`);
  return { text: applyEdits(text, fixes[0]!.edits), fix: fixes[0]! };
}

// Windows Server 2016 to 2019 in place, HV3 last: not resumed, and the level not raised.
const unfinished = `// Three Hyper-V hosts, Windows Server 2016 to 2019 in place.
{
  "cluster": "HVCLUS",
  "nodes": {
    "HV1": { "version": "ws2016" },
    "HV2": { "version": "ws2016" },
    "HV3": { "version": "ws2016" },
  },
  "steps": [
    { "action": "drain", "node": "HV1" },
    { "action": "upgrade", "node": "HV1", "to": "ws2019" },
    { "action": "start", "node": "HV1" },
    { "action": "resume", "node": "HV1" },

    { "action": "drain", "node": "HV2" },
    { "action": "upgrade", "node": "HV2", "to": "ws2019" },
    { "action": "start", "node": "HV2" },
    { "action": "resume", "node": "HV2" },

    { "action": "drain", "node": "HV3" },
    { "action": "upgrade", "node": "HV3", "to": "ws2019" },
    { "action": "start", "node": "HV3" }, // HV3 is back
  ],
}
`;

describe('paused-at-end fix', () => {
  it('appends a resume after the last step, its end-of-line comment kept; safe', () => {
    const { text, fix } = applyFix(unfinished, 'paused-at-end', '/nodes/HV3');
    assert.equal(text, unfinished.replace('// HV3 is back\n', '// HV3 is back\n    { "action": "resume", "node": "HV3" },\n'));
    assert.equal(fix.title, 'Resume HV3 at the end');
    assert.equal(fix.safe, true);
    assert.deepEqual(codesAt(text), ['functional-level-not-raised@/steps']);
  });

  it('a node declared paused, in multi-line steps with CRLF', () => {
    const before = [
      '{',
      '    "nodes": {',
      '        "HV1": { "version": "ws2019" },',
      '        "HV2": { "version": "ws2019", "paused": true }',
      '    },',
      '    "steps": [',
      '        {',
      '            "action": "note",',
      '            "text": "HV2 was drained last night"',
      '        }',
      '    ]',
      '}',
      '',
    ].join('\r\n');
    const expected = before.replace(
      '        }\r\n    ]',
      '        },\r\n        {\r\n            "action": "resume",\r\n            "node": "HV2"\r\n        }\r\n    ]',
    );
    const { text } = applyFix(before, 'paused-at-end', '/nodes/HV2');
    assert.equal(text, expected);
    assert.deepEqual(codesAt(text), []);
  });
});

describe('functional-level-not-raised fix', () => {
  const resumed = unfinished.replace('// HV3 is back\n', '// HV3 is back\n    { "action": "resume", "node": "HV3" },\n');

  it('appends update-functional-level after the last step; not safe, since it cannot be undone', () => {
    const { text, fix } = applyFix(resumed, 'functional-level-not-raised', '/steps');
    assert.equal(text, resumed.replace('{ "action": "resume", "node": "HV3" },\n', '{ "action": "resume", "node": "HV3" },\n    { "action": "update-functional-level" },\n'));
    assert.equal(fix.title, 'Raise the functional level to FL 10 (Windows Server 2019) at the end; this cannot be undone');
    assert.equal(fix.safe, false);
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(codesAt(text), []);
  });

  it('says when a member is still paused, which would make the update fail', () => {
    const { text, fix } = applyFix(unfinished, 'functional-level-not-raised', '/steps');
    assert.equal(fix.title, 'Raise the functional level to FL 10 (Windows Server 2019) at the end; this cannot be undone (refused while HV3 is stopped or paused)');
    assert.ok(codesAt(text).includes('functional-level-update-refused@/steps/11'), codesAt(text).join(', '));
  });

  it('fills "steps": [] with the update', () => {
    const before = '{\n  "functionalLevel": 9,\n  "nodes": {\n    "HV1": { "version": "ws2019" }\n  },\n  "steps": []\n}\n';
    const { text } = applyFix(before, 'functional-level-not-raised', '/steps');
    assert.equal(text, '{\n  "functionalLevel": 9,\n  "nodes": {\n    "HV1": { "version": "ws2019" }\n  },\n  "steps": [\n    { "action": "update-functional-level" }\n  ]\n}\n');
    assert.deepEqual(codesAt(text), []);
  });
});

describe('fixAll on a functional-level plan', () => {
  it('resumes HV3 but leaves the level to the administrator', () => {
    const result = fixAll(unfinished);
    assert.equal(result.text, unfinished.replace('// HV3 is back\n', '// HV3 is back\n    { "action": "resume", "node": "HV3" },\n'));
    assert.deepEqual(result.applied.map((a) => a.code), ['paused-at-end']);
    assert.deepEqual(result.analysis.findings.map(at), ['functional-level-not-raised@/steps']);
  });
});
