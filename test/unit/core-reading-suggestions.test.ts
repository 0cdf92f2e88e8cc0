/**
 * "Did you mean" and "Allowed:" for an unknown property follow the plan kind, as the actions do
 * (docs/simulation.md, "For the functional level"): a plan of majors 1–4 is not offered `paused` or
 * `functionalLevel`, which it may not use. "Did you mean" always names the nearest allowed name.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core';

const modern = '"N1": { "version": "ws2016" }, "N2": { "version": "ws2016" }';
const classic = '"N1": { "version": "ws2003" }, "N2": { "version": "ws2003" }';
const plan = (nodes: string, top = '') => `{ ${top}"nodes": { ${nodes} }, "steps": [] }`;

function messages(text: string): string[] {
  return analyze(text).findings.map((f) => `${f.code}@${f.pointer}: ${f.message}`);
}

describe('an unknown node property', () => {
  it('in a functional-level plan, may be "paused"', () => {
    assert.deepEqual(messages(plan('"N1": { "version": "ws2016", "pause": true }, "N2": { "version": "ws2016" }')), [
      'schema@/nodes/N1/pause: Unknown property "pause" in this object; did you mean "paused"? Allowed: version, highest, lowest, state, noVersionCheck, paused, description.',
    ]);
  });

  it('in a plan of majors 1–4, is not offered "paused", nor listed with it', () => {
    assert.deepEqual(messages(plan('"N1": { "version": "ws2003", "pause": true }, "N2": { "version": "ws2003" }')), [
      'schema@/nodes/N1/pause: Unknown property "pause" in this object; did you mean "state"? Allowed: version, highest, lowest, state, noVersionCheck, description.',
    ]);
    assert.deepEqual(messages(plan('"N1": { "version": "ws2003", "stat": "running" }, "N2": { "version": "ws2003" }')), [
      'schema@/nodes/N1/stat: Unknown property "stat" in this object; did you mean "state"? Allowed: version, highest, lowest, state, noVersionCheck, description.',
    ]);
  });

  it('before the node that makes the plan a functional-level plan, is judged by the whole plan', () => {
    const schema = messages(plan('"N1": { "version": "ws2003", "pause": true }, "N2": { "version": "ws2016" }')).filter((m) => m.startsWith('schema'));
    assert.deepEqual(schema, [
      'schema@/nodes/N1/pause: Unknown property "pause" in this object; did you mean "paused"? Allowed: version, highest, lowest, state, noVersionCheck, paused, description.',
    ]);
  });
});

describe('an unknown top-level property', () => {
  it('in a functional-level plan, may be "functionalLevel"', () => {
    assert.deepEqual(messages(plan(modern, '"functionalLevl": 9, ')), [
      'schema@/functionalLevl: Unknown property "functionalLevl" in this object; did you mean "functionalLevel"? Allowed: $schema, cluster, versionMatch, functionalLevel, versions, nodes, steps.',
    ]);
  });

  it('in a plan of majors 1–4, is not offered "functionalLevel", nor listed with it', () => {
    assert.deepEqual(messages(plan(classic, '"functionalLevl": 9, ')), [
      'schema@/functionalLevl: Unknown property "functionalLevl" in this object; did you mean "versionMatch"? Allowed: $schema, cluster, versionMatch, versions, nodes, steps.',
    ]);
    assert.deepEqual(messages(plan(classic, '"version": {}, ')), [
      'schema@/version: Unknown property "version" in this object; did you mean "versions"? Allowed: $schema, cluster, versionMatch, versions, nodes, steps.',
    ]);
  });

  it('after "nodes" and with no "nodes", is judged by the plan kind too', () => {
    assert.deepEqual(messages(`{ "nodes": { ${modern} }, "steps": [], "functionalLevl": 9 }`), [
      'schema@/functionalLevl: Unknown property "functionalLevl" in this object; did you mean "functionalLevel"? Allowed: $schema, cluster, versionMatch, functionalLevel, versions, nodes, steps.',
    ]);
    assert.deepEqual(messages('{ "functionalLevl": 9, "steps": [] }'), [
      'schema@: The plan has no "nodes": declare each cluster node with its version.',
      'schema@/functionalLevl: Unknown property "functionalLevl" in this object; did you mean "versionMatch"? Allowed: $schema, cluster, versionMatch, versions, nodes, steps.',
    ]);
  });
});
