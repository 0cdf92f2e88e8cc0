import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyze, applyEdits, fixAll, fixesFor, type Fix } from '../../src/core';
import { at, codesAt, plan, readKbExample, step } from './helpers/plans';

/**
 * Quick fixes (each rule's page in docs/rules/, "The fix"): each one applied to a plan written out in full, compared with
 * the whole expected text, then re-analysed: the finding is gone and the text still parses.
 */

interface Applied {
  readonly text: string;
  readonly fix: Fix;
}

/** The one fix of the one `code` finding (at `pointer` if given), applied. */
function applyFix(text: string, code: string, pointer?: string): Applied {
  const analysis = analyze(text);
  const findings = analysis.findings.filter((f) => f.code === code && (pointer === undefined || f.pointer === pointer));
  assert.equal(findings.length, 1, `one ${code} finding expected in: ${analysis.findings.map(at).join(', ')}`);
  const fixes = fixesFor(analysis, findings[0]!);
  assert.equal(fixes.length, 1, `one fix expected for ${code}`);
  return { text: applyEdits(text, fixes[0]!.edits), fix: fixes[0]! };
}

/** The finding `code@pointer` is gone after the fix, and no syntax error appeared. */
function assertFixed(after: string, finding: string): string[] {
  const codes = codesAt(after);
  assert.ok(!codes.includes(finding), `${finding} is still there: ${codes.join(', ')}`);
  assert.ok(!codes.some((c) => c.startsWith('syntax@')), `the fix broke the syntax: ${codes.join(', ')}`);
  return codes;
}

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

// ── join-incompatible ────────────────────────────────────────────────────────────────────────────────────

describe('join-incompatible fix', () => {
  // NODE1 (the sponsor) already bypasses; NODE2 joins without NoVersionCheck.
  const joinerOnly = `// Two RC2 nodes; NODE1 was restarted with NoVersionCheck.
{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE2": { "version": "ws2003-rc2" }, // upgraded first
  },
  "steps": [
    { "action": "stop", "node": "NODE1" },
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "start", "node": "NODE1" },
    { "action": "upgrade", "node": "NODE2", "to": "ws2003-rtm" }, // NODE2 is now RTM
    // NODE2 joins
    { "action": "join", "node": "NODE2", "sponsor": "NODE1" }, // refused: 5075
  ],
}
`;
  const joinerOnlyFixed = `// Two RC2 nodes; NODE1 was restarted with NoVersionCheck.
{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE2": { "version": "ws2003-rc2" }, // upgraded first
  },
  "steps": [
    { "action": "stop", "node": "NODE1" },
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "start", "node": "NODE1" },
    { "action": "upgrade", "node": "NODE2", "to": "ws2003-rtm" }, // NODE2 is now RTM
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    // NODE2 joins
    { "action": "join", "node": "NODE2", "sponsor": "NODE1" }, // refused: 5075
  ],
}
`;

  it('the joiner only needs set-registry before its join; comments, trailing commas and one-line steps survive', () => {
    const { text, fix } = applyFix(joinerOnly, 'join-incompatible', '/steps/4');
    assert.equal(text, joinerOnlyFixed);
    assert.equal(fix.safe, true);
    assert.equal(fix.isPreferred, true);
    assert.match(fix.title, /NODE2/);
    assertFixed(text, 'join-incompatible@/steps/5');
    assert.deepEqual(codesAt(text).filter((c) => c.startsWith('join-incompatible')), []);
  });

  it('keeps CRLF line endings', () => {
    const { text } = applyFix(crlf(joinerOnly), 'join-incompatible', '/steps/4');
    assert.equal(text, crlf(joinerOnlyFixed));
    assert.ok(!/[^\r]\n/.test(text), 'no bare LF');
    assert.deepEqual(codesAt(text).filter((c) => c.startsWith('join-incompatible') || c.startsWith('syntax')), []);
  });

  it('a sponsor that does not bypass restarts with NoVersionCheck before the upgrade, while NODE2 keeps the cluster up', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE2": { "version": "ws2003-rc2" }
  },
  "steps": [
    { "action": "upgrade", "node": "NODE2", "to": "ws2003-rtm" },
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "join", "node": "NODE2", "sponsor": "NODE1" }
  ]
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE2": { "version": "ws2003-rc2" }
  },
  "steps": [
    { "action": "stop", "node": "NODE1" },
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "start", "node": "NODE1" },
    { "action": "upgrade", "node": "NODE2", "to": "ws2003-rtm" },
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "join", "node": "NODE2", "sponsor": "NODE1" }
  ]
}
`;
    const { text, fix } = applyFix(before, 'join-incompatible', '/steps/2');
    assert.equal(text, expected);
    assert.equal(fix.safe, true);
    assert.equal(fix.isPreferred, true);
    assert.doesNotMatch(fix.title, /offline/);
    const codes = assertFixed(text, 'join-incompatible@/steps/5');
    // What is left is the rest of the KB procedure, not a new problem.
    assert.deepEqual(codes.sort(), ['mixed-at-end@/nodes', 'noversioncheck-leftover@/steps/1', 'noversioncheck-leftover@/steps/4', 'security-descriptor@/steps/3']);
  });

  it('with a single active node no position keeps the cluster up: not safe, and the title says offline', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE2": { "version": "ws2003-rc2", "state": "stopped" }
  },
  "steps": [
    { "action": "upgrade", "node": "NODE2", "to": "ws2003-rtm" },
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "start", "node": "NODE2" }
  ]
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE2": { "version": "ws2003-rc2", "state": "stopped" }
  },
  "steps": [
    { "action": "upgrade", "node": "NODE2", "to": "ws2003-rtm" },
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "stop", "node": "NODE1" },
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "start", "node": "NODE1" },
    { "action": "start", "node": "NODE2" }
  ]
}
`;
    const { text, fix } = applyFix(before, 'join-incompatible', '/steps/2');
    assert.equal(text, expected);
    assert.equal(fix.safe, false);
    assert.equal(fix.isPreferred, false);
    assert.match(fix.title, /offline/);
    const codes = assertFixed(text, 'join-incompatible@/steps/5');
    assert.ok(codes.includes('cluster-offline@/steps/2'), codes.join(', '));
  });

  it('a refused restart of a running joiner becomes stop, set-registry, start', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "restart", "node": "NODE2" } // apply the value
  ]
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "stop", "node": "NODE2" },
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "start", "node": "NODE2" } // apply the value
  ]
}
`;
    const { text, fix } = applyFix(before, 'join-incompatible', '/steps/0');
    assert.equal(text, expected);
    assert.equal(fix.safe, true);
    const codes = assertFixed(text, 'join-incompatible@/steps/2');
    assert.ok(!codes.includes('registry-while-running@/steps/1'), codes.join(', '));
  });

  it('multi-line steps (4-space indentation) get multi-line inserted steps', () => {
    const before = `{
    "nodes": {
        "NODE1": { "version": "ws2003-rc2" },
        "NODE2": { "version": "ws2003-rc2" }
    },
    "steps": [
        {
            "action": "upgrade",
            "node": "NODE2",
            "to": "ws2003-rtm"
        },
        // NODE2 joins
        {
            "action": "join",
            "node": "NODE2",
            "sponsor": "NODE1"
        }
    ]
}
`;
    const expected = `{
    "nodes": {
        "NODE1": { "version": "ws2003-rc2" },
        "NODE2": { "version": "ws2003-rc2" }
    },
    "steps": [
        {
            "action": "stop",
            "node": "NODE1"
        },
        {
            "action": "set-registry",
            "node": "NODE1",
            "name": "NoVersionCheck",
            "type": "REG_DWORD",
            "data": 1
        },
        {
            "action": "start",
            "node": "NODE1"
        },
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
            "node": "NODE2",
            "sponsor": "NODE1"
        }
    ]
}
`;
    const { text, fix } = applyFix(before, 'join-incompatible', '/steps/1');
    assert.equal(text, expected);
    assert.equal(fix.safe, true);
    assertFixed(text, 'join-incompatible@/steps/5');
    assert.deepEqual(codesAt(text).filter((c) => c.startsWith('join-incompatible')), []);
  });

  it('multi-line with CRLF keeps CRLF in the inserted lines', () => {
    const before = crlf(`{
    "nodes": {
        "NODE1": { "version": "ws2003-rc2", "noVersionCheck": true },
        "NODE2": { "version": "ws2003-rtm", "state": "stopped" }
    },
    "steps": [
        {
            "action": "start",
            "node": "NODE2"
        }
    ]
}
`);
    const expected = crlf(`{
    "nodes": {
        "NODE1": { "version": "ws2003-rc2", "noVersionCheck": true },
        "NODE2": { "version": "ws2003-rtm", "state": "stopped" }
    },
    "steps": [
        {
            "action": "set-registry",
            "node": "NODE2",
            "name": "NoVersionCheck",
            "type": "REG_DWORD",
            "data": 1
        },
        {
            "action": "start",
            "node": "NODE2"
        }
    ]
}
`);
    const { text } = applyFix(before, 'join-incompatible', '/steps/0');
    assert.equal(text, expected);
    assertFixed(text, 'join-incompatible@/steps/1');
  });

  it('is not offered while a join between its first inserted step and this one was refused with NoVersionCheck', () => {
    // Found by the fuzzer. Restarting x/y with NoVersionCheck early would let NODE3 and NODE1 join by
    // skipping the check; NODE1 later restarts without the value, is accepted, and then sponsors NODE2's
    // restart without bypassing, so a fix built from today's sponsors of /steps/18 would not hold.
    const text = fs.readFileSync(path.join(__dirname, '../../../test/fuzz/regressions/fuzz-properties-fix-leaves-finding_join-incompatible_safe-5ed9f0e671.clusterplan'), 'utf8');
    const analysis = analyze(text);
    const fixTitles = (pointer: string) => {
      const finding = analysis.findings.find((f) => f.code === 'join-incompatible' && f.pointer === pointer);
      assert.ok(finding, `join-incompatible@${pointer}: ${analysis.findings.map(at).join(', ')}`);
      return fixesFor(analysis, finding).map((f) => f.title);
    };
    assert.deepEqual(fixTitles('/steps/18'), []);
    // The first refused joins are where to start: their fixes are offered, and each one holds.
    assert.deepEqual(fixTitles('/steps/8'), ['KB 811272: restart x/y with NoVersionCheck before step 7']);
    const fixed = applyEdits(text, fixesFor(analysis, analysis.findings.find((f) => f.code === 'join-incompatible' && f.pointer === '/steps/8')!)[0]!.edits);
    assert.ok(!codesAt(fixed).includes('join-incompatible@/steps/11'), codesAt(fixed).join(', '));
  });
});

// ── noversioncheck-leftover ──────────────────────────────────────────────────────────────────────────────

describe('noversioncheck-leftover fix', () => {
  it('fills an empty "steps": [] with a delete and a restart', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": []
}
`;
    const expected = `{
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
    const { text, fix } = applyFix(before, 'noversioncheck-leftover', '/nodes/NODE1');
    assert.equal(text, expected);
    assert.equal(fix.safe, true);
    assert.deepEqual(codesAt(text), []);
  });

  it('appends only a delete for a stopped node, after a trailing comma and an end-of-line comment', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm" },
    "NODE2": { "version": "ws2003-rtm", "state": "stopped" },
  },
  "steps": [
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 }, // for later
  ],
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm" },
    "NODE2": { "version": "ws2003-rtm", "state": "stopped" },
  },
  "steps": [
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 }, // for later
    { "action": "delete-registry", "node": "NODE2", "name": "NoVersionCheck" },
  ],
}
`;
    const { text, fix } = applyFix(before, 'noversioncheck-leftover', '/steps/0');
    assert.equal(text, expected);
    assert.equal(fix.safe, true);
    assert.deepEqual(codesAt(text), []);
  });

  // The last step has no trailing comma and nothing after it on its line.
  it('appends to a plan whose last step has no trailing comma', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "note", "text": "x" }
  ]
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "note", "text": "x" },
    { "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck" },
    { "action": "restart", "node": "NODE1" }
  ]
}
`;
    const { text } = applyFix(before, 'noversioncheck-leftover', '/nodes/NODE1');
    assert.equal(text, expected);
    assert.deepEqual(codesAt(text), []);
  });

  it('appends multi-line steps with CRLF after a multi-line last step with an end-of-line comment', () => {
    const before = crlf(`{
    "nodes": {
        "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
        "NODE2": { "version": "ws2003-rtm" }
    },
    "steps": [ // the procedure
        {
            "action": "note",
            "text": "x"
        }, // end
    ]
}
`);
    const expected = crlf(`{
    "nodes": {
        "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
        "NODE2": { "version": "ws2003-rtm" }
    },
    "steps": [ // the procedure
        {
            "action": "note",
            "text": "x"
        }, // end
        {
            "action": "delete-registry",
            "node": "NODE1",
            "name": "NoVersionCheck"
        },
        {
            "action": "restart",
            "node": "NODE1"
        },
    ]
}
`);
    const { text } = applyFix(before, 'noversioncheck-leftover', '/nodes/NODE1');
    assert.equal(text, expected);
    assert.deepEqual(codesAt(text), []);
  });

  it('appends multi-line steps after a multi-line last step without a trailing comma', () => {
    const before = `{
    "nodes": {
        "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
        "NODE2": { "version": "ws2003-rtm" }
    },
    "steps": [
        {
            "action": "note",
            "text": "x"
        }
    ]
}
`;
    const expected = `{
    "nodes": {
        "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
        "NODE2": { "version": "ws2003-rtm" }
    },
    "steps": [
        {
            "action": "note",
            "text": "x"
        },
        {
            "action": "delete-registry",
            "node": "NODE1",
            "name": "NoVersionCheck"
        },
        {
            "action": "restart",
            "node": "NODE1"
        }
    ]
}
`;
    const { text } = applyFix(before, 'noversioncheck-leftover', '/nodes/NODE1');
    assert.equal(text, expected);
    assert.deepEqual(codesAt(text), []);
  });
});

// ── noversioncheck-still-effective ───────────────────────────────────────────────────────────────────────

describe('noversioncheck-still-effective fix', () => {
  it('appends a restart; the comma goes before the end-of-line comment of the last step', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck" } // not dynamic
  ]
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck" }, // not dynamic
    { "action": "restart", "node": "NODE1" }
  ]
}
`;
    const { text, fix } = applyFix(before, 'noversioncheck-still-effective', '/steps/0');
    assert.equal(text, expected);
    assert.equal(fix.safe, true);
    assert.deepEqual(codesAt(text), []);
  });
});

// ── security-descriptor ──────────────────────────────────────────────────────────────────────────────────

describe('security-descriptor fix', () => {
  it('appends the grant and the revoke after the last step', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2", "state": "stopped" },
    "NODE2": { "version": "ws2003-rtm" },
  },
  "steps": [
    { "action": "upgrade", "node": "NODE1", "to": "ws2003-rtm" }, // the last RC2 node
    { "action": "start", "node": "NODE1" },
  ],
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2", "state": "stopped" },
    "NODE2": { "version": "ws2003-rtm" },
  },
  "steps": [
    { "action": "upgrade", "node": "NODE1", "to": "ws2003-rtm" }, // the last RC2 node
    { "action": "start", "node": "NODE1" },
    { "action": "cluster-security", "grant": "NETWORKSERVICE", "rights": "full" },
    { "action": "cluster-security", "revoke": "SERVICE" },
  ],
}
`;
    const { text, fix } = applyFix(before, 'security-descriptor', '/steps/0');
    assert.equal(text, expected);
    assert.equal(fix.safe, true);
    assert.deepEqual(codesAt(text), []);
  });

  it('appends only what is missing', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc1", "state": "stopped" },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "upgrade", "node": "NODE1", "to": "ws2003-rtm" },
    { "action": "cluster-security", "revoke": "SERVICE" },
  ]
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc1", "state": "stopped" },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "upgrade", "node": "NODE1", "to": "ws2003-rtm" },
    { "action": "cluster-security", "revoke": "SERVICE" },
    { "action": "cluster-security", "grant": "NETWORKSERVICE", "rights": "full" },
  ]
}
`;
    const { text } = applyFix(before, 'security-descriptor', '/steps/0');
    assert.equal(text, expected);
    assert.deepEqual(codesAt(text), []);
  });
});

// ── unknown-node, unknown-version-alias, invalid-version: replacements ──────────────────────────────────

describe('replacement fixes', () => {
  it('unknown-node: the closest declared name, not safe (a person confirms the guess)', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm" },
    "NODE2": { "version": "ws2003-rtm", "state": "stopped" }
  },
  "steps": [
    // NODE2 comes back
    { "action": "start", "node": "NODE2", "sponsor": "NDOE1" }, // typo
  ]
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm" },
    "NODE2": { "version": "ws2003-rtm", "state": "stopped" }
  },
  "steps": [
    // NODE2 comes back
    { "action": "start", "node": "NODE2", "sponsor": "NODE1" }, // typo
  ]
}
`;
    const { text, fix } = applyFix(before, 'unknown-node', '/steps/0/sponsor');
    assert.equal(text, expected);
    assert.equal(fix.safe, false);
    assert.match(fix.title, /NODE1/);
    assert.deepEqual(codesAt(text), []);
  });

  it('unknown-node: the step\'s node', () => {
    const before = plan({ NODE1: { version: 'ws2003-rtm' }, SQLNODE2: { version: 'ws2003-rtm' } }, [step.stop('SQLNOD2')]);
    const { text } = applyFix(before, 'unknown-node', '/steps/0/node');
    assert.equal(text, before.replace('"node": "SQLNOD2"', '"node": "SQLNODE2"'));
    assert.deepEqual(codesAt(text), []);
  });

  it('unknown-version-alias: a difference of case only is safe', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "WS2003-RTM" }, // caps
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": []
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm" }, // caps
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": []
}
`;
    const { text, fix } = applyFix(before, 'unknown-version-alias', '/nodes/NODE1/version');
    assert.equal(text, expected);
    assert.equal(fix.safe, true);
    assert.deepEqual(codesAt(text), []);
  });

  it('unknown-version-alias: an upgrade target, not safe', () => {
    const before = plan({ NODE1: { version: 'ws2003-rtm' }, NODE2: { version: 'win2000', state: 'stopped' } }, [step.upgrade('NODE2', 'ws2003-rtn')]);
    const { text, fix } = applyFix(before, 'unknown-version-alias', '/steps/0/to');
    assert.equal(text, before.replace('"to": "ws2003-rtn"', '"to": "ws2003-rtm"'));
    assert.equal(fix.safe, false);
    assert.deepEqual(codesAt(text), []);
  });

  it('unknown-version-alias: two transposed letters ("ws2003-rmt") suggest "ws2003-rtm"', () => {
    const before = plan({ NODE1: { version: 'ws2003-rtm' }, NODE2: { version: 'ws2003-rmt' } }, []);
    const { text, fix } = applyFix(before, 'unknown-version-alias', '/nodes/NODE2/version');
    assert.match(fix.title, /ws2003-rtm/);
    assert.equal(text, before.replace('"ws2003-rmt"', '"ws2003-rtm"'));
  });

  it('invalid-version on a fractional number: quote it, keeping the comment', () => {
    const before = `{
  "nodes": {
    "NODE1": { "highest": 4.3790, "lowest": "3.2195" }, // RTM
    "NODE2": { "version": "ws2003-rtm" },
  },
  "steps": [],
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "highest": "4.3790", "lowest": "3.2195" }, // RTM
    "NODE2": { "version": "ws2003-rtm" },
  },
  "steps": [],
}
`;
    const { text, fix } = applyFix(before, 'invalid-version', '/nodes/NODE1/highest');
    assert.equal(text, expected);
    assert.equal(fix.safe, true);
    assert.deepEqual(codesAt(text), []);
  });

  it('invalid-version that is not a fractional number has no fix', () => {
    const analysis = analyze(plan({ NODE1: { highest: '4.70000' } }, []));
    assert.deepEqual(fixesFor(analysis, analysis.findings[0]!), []);
  });
});

// ── registry-while-running ───────────────────────────────────────────────────────────────────────────────

describe('registry-while-running fix', () => {
  it('wraps the step in a stop and a start, above its comment', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm" },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    // set it
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 }, // too early
    { "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck" },
  ]
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm" },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "stop", "node": "NODE1" },
    // set it
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 }, // too early
    { "action": "start", "node": "NODE1" },
    { "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck" },
  ]
}
`;
    const { text, fix } = applyFix(before, 'registry-while-running', '/steps/0');
    assert.equal(text, expected);
    assert.equal(fix.safe, true);
    // The value now takes effect at the start, so the delete needs a restart: a different finding.
    assert.deepEqual(assertFixed(text, 'registry-while-running@/steps/1'), ['noversioncheck-still-effective@/steps/3']);
  });

  it('wraps the last step, which has no trailing comma', () => {
    const before = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm" },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 }
  ]
}
`;
    const expected = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm" },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "stop", "node": "NODE1" },
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "start", "node": "NODE1" }
  ]
}
`;
    const { text } = applyFix(before, 'registry-while-running', '/steps/0');
    assert.equal(text, expected);
    assertFixed(text, 'registry-while-running@/steps/1');
  });

  it('judges the start by the NoVersionCheck it will read, not by the running service\'s bypass', () => {
    // NODE2 started bypassing; then its value became REG_SZ, which a start does not honour. A set under
    // another key changes nothing, so the restart the fix adds would be refused by NODE3's cluster.
    const before = `{
  "nodes": {
    "NODE2": { "version": "win2000", "noVersionCheck": true },
    "NODE3": { "highest": "4.3790", "lowest": "1.224", "noVersionCheck": true }
  },
  "steps": [
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_SZ", "data": "1" },
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "data": 1, "key": "HKLM\\\\SOFTWARE\\\\Cluster" }
  ]
}
`;
    const expected = `{
  "nodes": {
    "NODE2": { "version": "win2000", "noVersionCheck": true },
    "NODE3": { "highest": "4.3790", "lowest": "1.224", "noVersionCheck": true }
  },
  "steps": [
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_SZ", "data": "1" },
    { "action": "stop", "node": "NODE2" },
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "data": 1, "key": "HKLM\\\\SOFTWARE\\\\Cluster" },
    { "action": "start", "node": "NODE2" }
  ]
}
`;
    const { text, fix } = applyFix(before, 'registry-while-running', '/steps/1');
    assert.equal(text, expected);
    assert.equal(fix.safe, false);
    assert.equal(fix.title, 'Stop NODE2 before step 2 and start it after (its start would be refused)');
    assert.ok(codesAt(text).includes('join-incompatible@/steps/3'), codesAt(text).join(', '));
  });

  it('is not safe when the node is the only one running', () => {
    const before = plan({ NODE1: { version: 'ws2003-rtm' } }, [step.setNvc('NODE1'), step.deleteNvc('NODE1')]);
    const { fix } = applyFix(before, 'registry-while-running', '/steps/0');
    assert.equal(fix.safe, false);
    assert.match(fix.title, /offline/);
  });
});

// ── fix-all ──────────────────────────────────────────────────────────────────────────────────────────────

describe('fixAll', () => {
  // The KB example without the clean-up (deletes and restarts) and without the security descriptor fix.
  const unfinished = `// KB 811272: rolling upgrade of a two-node Windows Server 2003 RC2 cluster to the release version (RTM).
// NODE1 is kept while NODE2 is upgraded first; then the roles swap.
{
  "cluster": "PRODCLUS",
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE2": { "version": "ws2003-rc2" },
  },
  "steps": [
    // 1. On the node that is not upgraded: stop the service, set NoVersionCheck, start the service.
    { "action": "stop", "node": "NODE1" },
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "start", "node": "NODE1" },

    // 2. Upgrade NODE2. Without NoVersionCheck its service would fail to join: event 1071, error 5075.
    { "action": "upgrade", "node": "NODE2", "to": "ws2003-rtm" },
    // 3. Set NoVersionCheck on the upgraded node, then start it: it joins.
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "join", "node": "NODE2", "sponsor": "NODE1" },

    // 4. Repeat for NODE1 (its NoVersionCheck is still set from step 1).
    { "action": "upgrade", "node": "NODE1", "to": "ws2003-rtm" },
    { "action": "join", "node": "NODE1", "sponsor": "NODE2" },

    { "action": "note", "text": "Check the MSDTC resources in Cluster Administrator" },
  ],
}
`;
  const finished = `// KB 811272: rolling upgrade of a two-node Windows Server 2003 RC2 cluster to the release version (RTM).
// NODE1 is kept while NODE2 is upgraded first; then the roles swap.
{
  "cluster": "PRODCLUS",
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE2": { "version": "ws2003-rc2" },
  },
  "steps": [
    // 1. On the node that is not upgraded: stop the service, set NoVersionCheck, start the service.
    { "action": "stop", "node": "NODE1" },
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "start", "node": "NODE1" },

    // 2. Upgrade NODE2. Without NoVersionCheck its service would fail to join: event 1071, error 5075.
    { "action": "upgrade", "node": "NODE2", "to": "ws2003-rtm" },
    // 3. Set NoVersionCheck on the upgraded node, then start it: it joins.
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "join", "node": "NODE2", "sponsor": "NODE1" },

    // 4. Repeat for NODE1 (its NoVersionCheck is still set from step 1).
    { "action": "upgrade", "node": "NODE1", "to": "ws2003-rtm" },
    { "action": "join", "node": "NODE1", "sponsor": "NODE2" },

    { "action": "note", "text": "Check the MSDTC resources in Cluster Administrator" },
    { "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck" },
    { "action": "restart", "node": "NODE1" },
    { "action": "delete-registry", "node": "NODE2", "name": "NoVersionCheck" },
    { "action": "restart", "node": "NODE2" },
    { "action": "cluster-security", "grant": "NETWORKSERVICE", "rights": "full" },
    { "action": "cluster-security", "revoke": "SERVICE" },
  ],
}
`;

  it('the unfinished KB plan has the leftovers and the security finding', () => {
    assert.deepEqual(codesAt(unfinished), ['noversioncheck-leftover@/steps/1', 'security-descriptor@/steps/3', 'noversioncheck-leftover@/steps/4']);
  });

  it('restores a plan with zero findings and reports each fix it applied', () => {
    const result = fixAll(unfinished);
    assert.equal(result.text, finished);
    assert.deepEqual(result.analysis.findings, []);
    assert.deepEqual(codesAt(result.text), []);
    assert.deepEqual(
      result.applied.map((a) => a.code),
      // Rule order: every node's clean-up first, then the descriptor, as KB 811272 does it.
      ['noversioncheck-leftover', 'noversioncheck-leftover', 'security-descriptor'],
    );
    assert.match(result.applied[0]!.title, /NODE1/);
    assert.match(result.applied[1]!.title, /NODE2/);
  });

  it('changes nothing on a clean plan', () => {
    const kb = readKbExample();
    const result = fixAll(kb);
    assert.equal(result.text, kb);
    assert.deepEqual(result.applied, []);
    assert.deepEqual(result.analysis.findings, []);
  });

  it('never applies an unsafe fix: the unknown-node suggestion stays', () => {
    const text = plan({ NODE1: { version: 'ws2003-rtm' }, NODE2: { version: 'ws2003-rtm' } }, [step.stop('NODE3')]);
    const result = fixAll(text);
    assert.equal(result.text, text);
    assert.deepEqual(result.applied, []);
    assert.deepEqual(result.analysis.findings.map(at), ['unknown-node@/steps/0/node']);
  });

  it('never applies an unsafe fix: a join-incompatible fix that takes the cluster offline stays', () => {
    const text = plan({ NODE1: { version: 'ws2003-rc2' }, NODE2: { version: 'ws2003-rc2', state: 'stopped' } }, [
      step.upgrade('NODE2', 'ws2003-rtm'),
      step.setNvc('NODE2'),
      step.start('NODE2'),
    ]);
    const result = fixAll(text);
    assert.ok(result.analysis.findings.map(at).includes('join-incompatible@/steps/2'));
    assert.ok(!result.applied.some((a) => a.code === 'join-incompatible'));
  });

  it('adds "steps" when the plan has none', () => {
    const text = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  }
}
`;
    assert.deepEqual(codesAt(text), ['schema@', 'noversioncheck-leftover@/nodes/NODE1']);
    const result = fixAll(text);
    assert.deepEqual(result.analysis.findings.map(at), []);
    assert.deepEqual(result.applied.map((a) => a.code), ['noversioncheck-leftover']);
    assert.ok(result.text.startsWith(text.slice(0, text.indexOf('  }\n}'))), 'the nodes are kept as written');
  });

  it('never drops what the plan wrote: a mistyped "steps" object is not replaced', () => {
    const text = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" }
  },
  "steps": { "action": "stop", "node": "NODE2" }
}
`;
    assert.deepEqual(codesAt(text), ['noversioncheck-leftover@/nodes/NODE1', 'schema@/steps']);
    const result = fixAll(text);
    assert.ok(result.text.includes('{ "action": "stop", "node": "NODE2" }'), `the stop step was dropped:\n${result.text}`);
  });

  it('finishes a plan written without trailing commas', () => {
    const text = plan({ NODE1: { version: 'ws2003-rc2' }, NODE2: { version: 'ws2003-rc2', state: 'stopped' }, NODE3: { version: 'ws2003-rtm' } }, [
      step.upgrade('NODE1', 'ws2003-rtm'),
      step.setNvc('NODE1'),
    ]);
    assert.deepEqual(codesAt(text), ['security-descriptor@/steps/0', 'noversioncheck-leftover@/steps/1']);
    const result = fixAll(text);
    assert.deepEqual(result.analysis.findings.map(at), []);
    assert.equal(
      result.text,
      `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE2": { "version": "ws2003-rc2", "state": "stopped" },
    "NODE3": { "version": "ws2003-rtm" }
  },
  "steps": [
    { "action": "upgrade", "node": "NODE1", "to": "ws2003-rtm" },
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck" },
    { "action": "cluster-security", "grant": "NETWORKSERVICE", "rights": "full" },
    { "action": "cluster-security", "revoke": "SERVICE" }
  ]
}
`,
    );
  });
});
