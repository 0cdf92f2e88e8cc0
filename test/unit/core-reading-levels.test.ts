/**
 * Reading the additions of Windows Server 2008 to 2025 (docs/format.md, docs/simulation.md "The functional
 * level"): `functionalLevel`, node `paused` and the five actions, allowed only in a functional-level plan.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, fixesFor, hoverAt } from '../../src/core';
import { codesAt as codes } from './helpers/plans';

const modern = '"N1": { "version": "ws2016" }, "N2": { "version": "ws2016" }';
const classic = '"N1": { "version": "ws2003" }, "N2": { "version": "ws2003" }';
const plan = (nodes: string, steps = '', top = '') => `{ ${top}"nodes": { ${nodes} }, "steps": [ ${steps} ] }`;

function messages(text: string): string[] {
  return analyze(text).findings.map((f) => `${f.code}@${f.pointer}: ${f.message}`);
}

describe('a functional-level plan', () => {
  it('is one when a declared node runs a major of 5 or more, and not because of an upgrade target or functionalLevel', () => {
    assert.equal(analyze(plan(modern)).plan!.functionalLevelPlan, true);
    assert.equal(analyze(plan('"N1": { "version": "ws2003" }, "N2": { "highest": "5.6001" }')).plan!.functionalLevelPlan, true);
    assert.equal(analyze(plan(classic, '{ "action": "upgrade", "node": "N1", "to": "ws2008" }')).plan!.functionalLevelPlan, false);
    assert.equal(analyze(plan(classic, '', '"functionalLevel": 9, ')).plan!.functionalLevelPlan, false);
  });

  it('reads the new actions and "paused" with no finding', () => {
    const steps = ['drain', 'resume'].map((a) => `{ "action": "${a}", "node": "N1" }`).join(', ');
    assert.deepEqual(codes(plan('"N1": { "version": "ws2016", "paused": true }, "N2": { "version": "ws2016" }', steps)), []);
    const read = analyze(plan('"N1": { "version": "ws2016", "paused": true }, "N2": { "version": "ws2016" }', steps)).plan!;
    assert.deepEqual(read.nodes.map((n) => n.paused), [true, false]);
    assert.deepEqual(read.steps.map((s) => s.action), ['drain', 'resume']);
  });
});

describe('"functionalLevel"', () => {
  it('is a level from 5 to 12, or an alias of such a release', () => {
    for (const [written, level] of [['9', 9], ['"ws2016"', 9], ['5', 5], ['12', 12], ['"ws2012r2"', 8]] as const) {
      const read = analyze(plan(modern, '', `"functionalLevel": ${written}, `));
      assert.equal(read.plan!.functionalLevel?.level, level, written);
      assert.equal(read.timeline!.initial.functionalLevel, level, written);
    }
  });

  it('is invalid-version otherwise, with the range and an example', () => {
    const tail = ': write a level from 5 (Windows Server 2008) to 12 (Windows Server 2025), or an alias such as "ws2016".';
    assert.deepEqual(messages(plan(modern, '', '"functionalLevel": 13, ')), [`invalid-version@/functionalLevel: Invalid version: 13 is not a cluster functional level${tail}`]);
    assert.deepEqual(messages(plan(modern, '', '"functionalLevel": 9.0, ')), [`invalid-version@/functionalLevel: Invalid version: 9.0 is not a cluster functional level${tail}`]);
    assert.deepEqual(messages(plan(modern, '', '"functionalLevel": "ws2003", ')), [`invalid-version@/functionalLevel: Invalid version: "ws2003" runs Windows Server 2003, which has no functional level${tail}`]);
    assert.deepEqual(messages(plan(modern, '', '"functionalLevel": "ws216", ')), [
      `invalid-version@/functionalLevel: Invalid version: "ws216" is not a level or an alias of the catalog or the plan's "versions" (did you mean "ws2016"?)${tail}`,
    ]);
    assert.deepEqual(messages(plan(modern, '', '"functionalLevel": "9", ')), [`invalid-version@/functionalLevel: Invalid version: "9" is a string; a level is a number, without quotes${tail}`]);
    assert.deepEqual(messages(plan(modern, '', '"functionalLevel": "15", ')), [`invalid-version@/functionalLevel: Invalid version: "15" is not a cluster functional level${tail}`]);
    assert.deepEqual(messages(plan(modern, '', '"functionalLevel": "10.3", ')), [`invalid-version@/functionalLevel: Invalid version: "10.3" is a version; a level is a version's major alone, as a number (10)${tail}`]);
    // Only an alias that names a level is suggested: "ws200" is nearest "ws2003", which has none.
    assert.deepEqual(messages(plan(modern, '', '"functionalLevel": "ws200", ')), [`invalid-version@/functionalLevel: Invalid version: "ws200" is not a level or an alias of the catalog or the plan's "versions"${tail}`]);
    assert.deepEqual(messages(plan(modern, '', '"functionalLevel": true, ')), [`invalid-version@/functionalLevel: Invalid version: true is not a cluster functional level${tail}`]);
  });

  it('names major 1 as the version hover does: the Cluster service of Windows NT 4.0, one table for both', () => {
    const tail = ': write a level from 5 (Windows Server 2008) to 12 (Windows Server 2025), or an alias such as "ws2016".';
    assert.deepEqual(messages(plan(modern, '', '"functionalLevel": "nt4-sp3", ')), [`invalid-version@/functionalLevel: Invalid version: "nt4-sp3" runs Windows NT 4.0, which has no functional level${tail}`]);
    const text = plan('"N1": { "highest": "1.224", "lowest": "1.224" }');
    const hover = hoverAt(analyze(text), text.indexOf('"1.224"') + 1)!.markdown;
    assert.match(hover, /\n- M\.m: 1\.224: major 1 \(the Cluster service of Windows NT 4\.0\), minor 224 \(the build\)\n/);
  });

  it('falls back to the lowest declared level when it cannot be read', () => {
    assert.equal(analyze(plan('"N1": { "version": "ws2016" }, "N2": { "version": "ws2019" }', '', '"functionalLevel": 13, ')).timeline!.initial.functionalLevel, 9);
  });
});

describe('a plan of the KB 811272 releases', () => {
  it('refuses the new actions as schema errors, offering only its own actions', () => {
    const own = 'stop, start, join, restart, upgrade, set-registry, delete-registry, cluster-security, note';
    assert.deepEqual(messages(plan(classic, '{ "action": "drain", "node": "N1" }')), [
      `schema@/steps/0/action: "drain" is a step of Cluster OS Rolling Upgrade, for nodes of Windows Server 2008 and later; every node in "nodes" runs an older release. Use one of ${own}.`,
    ]);
    assert.deepEqual(messages(plan(classic, '{ "action": 42, "node": "N1" }')), [`schema@/steps/0/action: Unknown action 42; use one of ${own}.`]);
    assert.deepEqual(messages(plan(classic, '{ "action": "evic", "node": "N1" }')), ['schema@/steps/0/action: Unknown action "evic"; did you mean "join"?']);
    assert.deepEqual(codes(plan(modern, '{ "action": "evic", "node": "N1" }')), ['schema@/steps/0/action']);
    assert.match(messages(plan(modern, '{ "action": "evic", "node": "N1" }'))[0]!, /did you mean "evict"\?$/);
  });

  it('refuses "paused" and "functionalLevel" as schema errors at their keys', () => {
    // The schema error is all: the node is not simulated paused, so no paused-at-end asks to resume it.
    assert.deepEqual(codes(plan('"N1": { "version": "ws2003", "paused": true }')), ['schema@/nodes/N1/paused']);
    assert.equal(analyze(plan('"N1": { "version": "ws2003", "paused": true }')).timeline!.initial.nodes[0]!.paused, false);
    assert.deepEqual(messages(plan('"N1": { "version": "ws2003", "paused": false }')), [
      'schema@/nodes/N1/paused: "paused" is for nodes of Windows Server 2008 and later, which can be drained; every node in "nodes" runs an older release. Remove it.',
    ]);
    assert.deepEqual(messages(plan(classic, '', '"functionalLevel": 9, ')), [
      'schema@/functionalLevel: "functionalLevel" is for clusters of Windows Server 2008 and later; every node in "nodes" runs an older release. Remove it.',
    ]);
  });
});

describe('a sponsor in a functional-level plan', () => {
  it('is still checked: a named sponsor that is not running is a warning, and the level decides the join', () => {
    const nodes = '"N1": { "version": "ws2016" }, "N2": { "version": "ws2016", "state": "stopped" }, "N3": { "version": "ws2016", "state": "stopped" }';
    assert.deepEqual(messages(plan(nodes, '{ "action": "join", "node": "N2", "sponsor": "N3" }, { "action": "start", "node": "N3" }')), [
      'sponsor-not-running@/steps/0/sponsor: The sponsor N3 is not running at step 1; the node joins through another active node instead (N1), and the functional level decides the join either way.',
    ]);
    assert.deepEqual(codes(plan(nodes, '{ "action": "join", "node": "N2", "sponsor": "N1" }, { "action": "start", "node": "N3" }')), []);
  });
});

describe('a node of Windows Server 2008 or later in a plan of the KB 811272 releases', () => {
  const steps = [
    '{ "action": "set-registry", "node": "N1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 }',
    '{ "action": "upgrade", "node": "N1", "to": "ws2008" }',
    '{ "action": "set-registry", "node": "N2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 }',
    '{ "action": "restart", "node": "N2" }',
    '{ "action": "start", "node": "N1" }',
  ].join(', ');

  it('is refused even with NoVersionCheck on it and its sponsor: 2003 → 2008 is a migration', () => {
    const analysis = analyze(plan(classic, steps));
    assert.deepEqual(
      analysis.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}@${f.pointer}`),
      ['join-incompatible@/steps/4'],
    );
    assert.match(analysis.findings.find((f) => f.code === 'join-incompatible')!.message, / On N1, which runs Windows Server 2008 or later, it bypasses nothing: moving from Windows Server 2003 to 2008 is a migration to a new cluster, not a rolling upgrade\.$/);
    assert.equal(analysis.timeline!.steps[4]!.join!.checkSkipped, false);
    assert.equal(analysis.timeline!.steps[4]!.join!.joiner.bypass, false);
  });

  it('gets no KB 811272 quick fix, which would only hide the refusal', () => {
    const analysis = analyze(plan(classic, steps));
    const refused = analysis.findings.find((f) => f.code === 'join-incompatible')!;
    assert.deepEqual(fixesFor(analysis, refused), []);
  });
});
