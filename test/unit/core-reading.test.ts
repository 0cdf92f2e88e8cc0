/**
 * The one reading route: the tree built from jsonc-parser's events (src/core/tree.ts), read once into the
 * plan model (src/core/readPlan.ts). These are the regression cases of the readers it replaced (the
 * JSON.parse values reader, the hand-written tree and the step locator): each one once told two routes
 * apart, and the route that remains must get it right.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { analyze } from '../../src/core';
import { PARSE_OPTIONS } from '../../src/core/tree';
import { codesAt as codes } from './helpers/plans';

const plan = (nodes: string, steps: string) => `{ "nodes": { ${nodes} }, "steps": [ ${steps} ] }`;
const node1 = '"NODE1": { "version": "ws2003-rtm" }';

function stepsArray(text: string): JsonNode {
  return parseTree(text, [], PARSE_OPTIONS)!.children!.find((p) => p.children![0]!.value === 'steps')!.children![1]!;
}

describe('reading a plan: what values alone would hide', () => {
  it('a key given twice in a step is a schema error, and the first one counts', () => {
    const text = plan(node1, '{ "action": "stop", "node": "NODE1", "node": "NODE2" }');
    assert.deepEqual(codes(text), ['cluster-offline@/steps/0', 'schema@/steps/0/node']);
    assert.equal(analyze(text).timeline!.steps[0]!.target?.name, 'NODE1');
  });

  it('a note with "text" twice keeps its schema finding, however its colons are written', () => {
    for (const steps of ['{ "action": "note", "text": "\\u003a", "text": "\\u003A" }', '{ "action": "note", "text": "a: b: c", "text": "x" }']) {
      assert.deepEqual(codes(plan(node1, steps)), ['schema@/steps/0/text'], steps);
    }
    assert.deepEqual(codes(plan(node1, '{ "action": "note", "text": "a: b: c" }')), []);
  });

  it('a version as a DWORD number is read, one with a fraction is not', () => {
    assert.deepEqual(codes(plan('"NODE1": { "highest": 265934 }', '')), []);
    assert.equal(analyze(plan('"NODE1": { "highest": 265934 }', '')).plan!.nodes[0]!.highest, 0x00040ece);
    assert.deepEqual(codes(plan('"NODE1": { "highest": "4.3790", "lowest": 3.2195 }', '')), ['invalid-version@/nodes/NODE1/lowest']);
  });

  it('keeps the nodes in the order written, even a name JavaScript would move to the front', () => {
    const read = analyze(plan(`${node1}, "1": { "version": "ws2003-rtm" }`, ''));
    assert.deepEqual(read.plan!.nodes.map((n) => n.name), ['NODE1', '1']);
    assert.deepEqual(read.timeline!.initial.nodes.map((n) => n.name), ['NODE1', '1']);
  });

  it('an unknown property and an unknown alias are found where they are', () => {
    assert.deepEqual(codes(plan(node1, '{ "action": "stop", "node": "NODE1", "extra": 1 }')), ['cluster-offline@/steps/0', 'schema@/steps/0/extra']);
    assert.deepEqual(codes(plan(node1, '{ "action": "upgrade", "node": "NODE1", "to": "ws2003-unknown" }')), [
      'cluster-offline@/steps/0',
      'unknown-version-alias@/steps/0/to',
    ]);
  });

  it('names the step\'s action with its article: "an upgrade step", "a stop step"', () => {
    const messages = (step: string) => analyze(plan(node1, step)).findings.filter((f) => f.code === 'schema').map((f) => f.message);
    assert.deepEqual(messages('{ "action": "upgrade", "node": "NODE1", "to": "ws2003-rtm", "name": "x" }'), [
      'Unknown property "name" in an upgrade step; did you mean "node"? Allowed: action, id, description, node, to.',
    ]);
    assert.deepEqual(messages('{ "action": "stop", "node": "NODE1", "to": "ws2003-rtm" }'), ['Unknown property "to" in a stop step; did you mean "id"? Allowed: action, id, description, node.']);
  });

  it('a top-level key given twice is a schema error, and the first one counts', () => {
    const text = `{ "nodes": { "A": { "version": "ws2003-rtm" } }, "nodes": { ${node1} }, "steps": [] }`;
    assert.deepEqual(codes(text), ['schema@/nodes']);
    const finding = analyze(text).findings[0]!;
    assert.equal(finding.offset, text.lastIndexOf('"nodes"'));
    assert.deepEqual(analyze(text).plan!.nodes.map((n) => n.name), ['A']);
  });

  it('"$schema" and a node\'s "description" are strings, as the format\'s JSON Schema says', () => {
    assert.deepEqual(codes(`{ "$schema": 7, "nodes": { "N1": { "version": "ws2003-rtm", "description": ["a"] } }, "steps": [] }`), [
      'schema@/$schema',
      'schema@/nodes/N1/description',
    ]);
    assert.deepEqual(codes(`{ "$schema": "../schemas/clusterplan.schema.json", "nodes": { "N1": { "version": "ws2003-rtm", "description": "file server" } }, "steps": [] }`), []);
  });

  it('"data" too large for a double is out of range, not null', () => {
    const text = `{ "nodes": { "NODE1": { "version": "ws2003-rtm", "state": "stopped" } }, "steps": [ { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "data": 1e400 } ] }`;
    const findings = analyze(text).findings.filter((f) => f.code !== 'noversioncheck-leftover');
    assert.deepEqual(findings.map((f) => `${f.code}@${f.pointer}: ${f.message}`), [
      'schema@/steps/0/data: "data" 1e400 is out of range: no registry value holds a number that large. NoVersionCheck is the number 1.',
    ]);
  });

  it('a node or cluster name starting with a period is a schema error that says why', () => {
    const text = `{ "cluster": ".", "nodes": { ".NODE1": { "version": "ws2003-rtm" } }, "steps": [] }`;
    assert.deepEqual(
      analyze(text).findings.map((f) => `${f.code}@${f.pointer}: ${f.message}`),
      [
        'schema@/cluster: Cluster name "." starts with a period, which a NetBIOS name cannot: sc and reg.exe read "\\\\.\\" as the computer they run on.',
        'schema@/nodes/.NODE1: Node name ".NODE1" starts with a period, which a NetBIOS name cannot: sc and reg.exe read "\\\\.\\" as the computer they run on.',
      ],
    );
  });

  it('a node or cluster name holding a control character is a schema error that shows it escaped', () => {
    // ESC[8m in a name would hide what a terminal prints after it; no computer name holds one.
    const text = `{ "cluster": "C\\u0007", "nodes": { "N\\u001b[8m1": { "version": "ws2003-rtm" }, "N\\u0085": { "version": "ws2003-rtm" } }, "steps": [] }`;
    assert.deepEqual(
      analyze(text).findings.map((f) => `${f.code}@${f.pointer}: ${f.message}`),
      [
        'schema@/cluster: Cluster name "C\\u0007" contains the control character U+0007, which no computer name holds.',
        'schema@/nodes/N\u001b[8m1: Node name "N\\u001b[8m1" contains the control character U+001B, which no computer name holds.',
        'schema@/nodes/N\u0085: Node name "N\\u0085" contains the control character U+0085, which no computer name holds.',
      ],
    );
  });

  it('an alias given twice in "versions" is a schema error, and the first one counts', () => {
    const text = `{ "versions": { "lab": { "highest": "4.3790" }, "lab": { "highest": "4.3718" } }, "nodes": { "N1": { "version": "lab" } }, "steps": [] }`;
    assert.deepEqual(codes(text), ['schema@/versions/lab']);
    assert.equal(analyze(text).findings[0]!.offset, text.lastIndexOf('"lab": {'));
    assert.equal(analyze(text).plan!.nodes[0]!.highest, 0x00040ece);
  });
});

describe('reading a plan after a syntax error', () => {
  /** Two running RTM nodes and one step per line, as a plan is written. */
  const steps = (...lines: string[]) =>
    `{\n  "nodes": { ${node1}, "NODE2": { "version": "ws2003-rtm" } },\n  "steps": [\n    ${lines.join(',\n    ')}\n  ]\n}`;
  const withText = (text: string) => analyze(text).findings.map((f) => `${f.code}@${f.pointer}: ${text.slice(f.offset, f.offset + f.length)}`);

  it('reports no schema finding in the object that holds the error, as recovered', () => {
    // The string "NODE2, " swallows the comma and the next key: "to" looks missing, ": " looks like a key,
    // and the next line's "node" lands in this step.
    const text = steps('{ "action": "upgrade", "node": "NODE2, "to": "ws2003-rtm" }', '{ "action": "start", "node": "NODE2" }');
    assert.deepEqual(
      analyze(text).plan!.schemaIssues.map((i) => i.pointer),
      ['/steps/0/: ', '/steps/0/node', '/steps/0'],
    );
    assert.deepEqual(codes(text), ['unknown-node@/steps/0/node', 'syntax@/steps/0/node', 'syntax@/steps/0/: ', 'syntax@/steps/0/: ', 'syntax@/steps/0', 'syntax@/steps/0']);
    // A key without its colon: the value looks missing.
    assert.deepEqual(codes(steps('{ "action": "note", "text" "x" }')), ['syntax@/steps/0']);
  });

  it('keeps the schema findings outside that object', () => {
    const text = steps('{ "action": "note", "text": "a", "force": true }', '{ "action": "stop", "node": "NODE2" "id": "x" }', '{ "action": "start", "node": "NODE2", "sponsr": "NODE1" }');
    assert.deepEqual(withText(text), ['schema@/steps/0/force: "force"', 'syntax@/steps/1/id: "id"', 'schema@/steps/2/sponsr: "sponsr"']);
  });

  it('a "}" missing before the end of the file leaves the whole plan ambiguous: only the syntax error shows', () => {
    const text = `{\n  "nodes": {\n    "NODE1": { "version": "ws2003-rtm" ,\n  },\n  "steps": [],\n  "colour": "red"\n}`;
    assert.deepEqual(withText(text), ['syntax@/nodes: ']);
    assert.equal(analyze(text).findings[0]!.message, 'JSONC syntax error: close brace expected.');
  });
});

describe('reading a plan: comments, trailing commas and strings', () => {
  it('reads the values around comments and trailing commas as jsonc-parser does', () => {
    const clean = plan(node1, '{ "action": "stop", "node": "NODE1", "description": "//" }');
    const commented = `// header: "action": "x"\n{ "nodes": { ${node1}, /* "NODE2": {} */ }, "steps": [ { "action": "stop", /* x: y */ "node": "NODE1", "description": "//", }, ], } // end`;
    const a = analyze(clean);
    const b = analyze(commented);
    assert.deepEqual(b.findings.map((f) => f.code), a.findings.map((f) => f.code));
    assert.deepEqual(b.plan!.steps.map((s) => [s.action, s.description]), [['stop', '//']]);
    assert.deepEqual(b.plan!.nodes.map((n) => n.name), ['NODE1']);
  });

  it('a comma with nothing before it, an open comment and stray text are syntax errors', () => {
    for (const broken of ['[,]', '{,}', '{"a": 1,,}', '{"a": /* open', '/* open', '{"a": 1} /', '{} {}', '{"a": 01}']) {
      assert.ok(codes(broken).some((c) => c.startsWith('syntax@')), JSON.stringify(broken));
    }
  });

  it('whitespace JSON does not allow is read as jsonc-parser reads it', () => {
    for (const text of ['{"a":\u00a01}', '{"a": 1}\u2028', '{"a": "x\ty"}']) {
      const errors: ParseError[] = [];
      parseTree(text, errors, PARSE_OPTIONS);
      // The same errors at the same places (the messages are clusterplan's words for jsonc-parser's codes).
      const ours = analyze(text).document.syntaxErrors.map((e) => [e.offset, e.length]);
      const theirs = errors.map((e) => [e.offset, e.length]);
      assert.deepEqual(ours, theirs, JSON.stringify(text));
    }
  });

  it('places every step where jsonc-parser does: "action" in strings, as a value, with space before the colon', () => {
    const text = plan(
      node1,
      [
        '\n  { "action": "note", "text": "\\"action\\": \\\\", "id": "action" }',
        '\n  { "id": "{[", "action"  \t: "stop", "node": "NODE1" }',
        '\n  {"description":"a \\\\","action":"start","node":"NODE1"}',
        '\n  { "action": "upgrade", "node": "NODE1", "to": { "highest": "4.3790" } }\n',
      ].join(','),
    );
    const read = analyze(text).plan!;
    assert.deepEqual(read.steps.map((s) => s.action), ['note', 'stop', 'start', 'upgrade']);
    assert.deepEqual(read.steps.map((s) => s.node.offset), stepsArray(text).children!.map((c) => c.offset));
  });

  it('a node called "action" is a node, before or after "steps"', () => {
    const before = plan('"action": { "version": "ws2003-rtm" }', '{ "action": "stop", "node": "action" }');
    assert.deepEqual(codes(before), ['cluster-offline@/steps/0']);
    // "nodes" is read before "steps" wherever the text puts it.
    const after = `{ "steps": [ { "action": "stop", "node": "action" } ], "nodes": { "action": { "version": "ws2003-rtm" } } }`;
    assert.deepEqual(codes(after), ['cluster-offline@/steps/0']);
  });

  it('places a finding on its value when comments around the steps say "action":', () => {
    const body = plan(node1, '\n  { "action": "stop", "node": "N9" },\n  { "action": "stop", "node": "NODE1" }\n');
    const commented = body.replace('"steps": [', '"steps": [ // "action": "x"\n').replace('"NODE1" }\n', '"NODE1" }, /* { "action": "stop" } */\n');
    for (const text of [body, commented]) {
      const finding = analyze(text).findings.find((f) => f.code === 'unknown-node')!;
      assert.equal(text.slice(finding.offset, finding.offset + finding.length), '"N9"');
    }
  });

  it('the model holds the document\'s own tree nodes, for the editor to walk from', () => {
    const steps = Array.from({ length: 50 }, (_, i) => `{ "action": "restart", "node": "NODE${i === 25 ? 9 : 1}" }`).join(',\n');
    const text = `{ "nodes": { "NODE1": { "version": "ws2003-rtm" }, "NODE2": { "version": "ws2003-rtm" } },\n"steps": [\n${steps}\n] }`;
    const analysis = analyze(text);
    assert.deepEqual(analysis.findings.map((f) => [f.code, f.pointer]), [['unknown-node', '/steps/25/node']]);
    const step = analysis.plan!.steps[25]!;
    assert.equal(text.slice(step.node.offset, step.node.offset + step.node.length), '{ "action": "restart", "node": "NODE9" }');
    const root = analysis.document.root!;
    assert.equal(root.type, 'object');
    const array = root.type === 'object' ? root.members.find((m) => m.key === 'steps')!.value! : undefined;
    assert.equal(array?.type === 'array' && array.items[25], step.node);
    assert.equal(analysis.plan!.stepsArray, array);
  });
});
