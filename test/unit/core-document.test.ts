import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PlanDocument, toPointer } from '../../src/core';

const text = '{\r\n  "nodes": { "A~B": {}, "x/y": {} },\r\n  "steps": [ { "action": "stop", "node": "NODE1" } ]\r\n}';

describe('PlanDocument: offsets, positions and JSON Pointers', () => {
  const doc = new PlanDocument(text);

  it('maps a pointer to the element and back', () => {
    const node = doc.nodeAt('/steps/0/node')!;
    assert.equal(text.slice(node.offset, node.offset + node.length), '"NODE1"');
    assert.equal(doc.pointerAt(node.offset + 2), '/steps/0/node');
    assert.equal(doc.nodeAt('/steps/1'), undefined);
    assert.equal(doc.nodeAt('steps'), undefined, 'a pointer starts with a slash');
  });

  it('names the first of a key given twice, the one the reader reads', () => {
    const twice = '{ "nodes": { "A": {} }, "steps": [], "nodes": { "B": {} } }';
    const doc2 = new PlanDocument(twice);
    assert.equal(doc2.nodeAt('/nodes')!.offset, twice.indexOf('{ "A"'));
    assert.equal(doc2.memberAt('/nodes')!.offset, twice.indexOf('"nodes"'));
    assert.ok(doc2.nodeAt('/nodes/A'));
    assert.equal(doc2.nodeAt('/nodes/B'), undefined);
  });

  it('escapes ~ and / in keys as RFC 6901 says', () => {
    assert.equal(toPointer(['nodes', 'A~B']), '/nodes/A~0B');
    assert.equal(toPointer(['nodes', 'x/y']), '/nodes/x~1y');
    assert.ok(doc.nodeAt('/nodes/A~0B'));
    assert.ok(doc.nodeAt('/nodes/x~1y'));
    const key = doc.nodeAt('/nodes/x~1y')!;
    assert.equal(doc.pointerAt(key.offset), '/nodes/x~1y');
  });

  it('counts lines across CRLF and characters in UTF-16 code units', () => {
    const offset = text.indexOf('"steps"');
    assert.deepEqual(doc.positionAt(offset), { line: 2, character: 2 });
    assert.equal(doc.offsetAt({ line: 2, character: 2 }), offset);
    assert.deepEqual(doc.rangeOf(offset, 7), { start: { line: 2, character: 2 }, end: { line: 2, character: 9 } });
    const prefix = '{"note": "💥", ';
    const astral = new PlanDocument(prefix + '"x": 1}');
    // VS Code counts the emoji as two characters (a surrogate pair); so must the CLI's columns.
    assert.equal(prefix.length, [...prefix].length + 1);
    assert.deepEqual(astral.positionAt(prefix.length), { line: 0, character: 15 });
  });

  it('accepts a BOM without shifting offsets', () => {
    const bom = new PlanDocument('\uFEFF{"steps": []}');
    assert.deepEqual(bom.syntaxErrors, []);
    assert.equal(bom.nodeAt('/steps')!.offset, '\uFEFF{"steps": '.length);
  });

  it('stops at the nesting limit before the recursive parser runs', () => {
    const deep = new PlanDocument('['.repeat(100_000));
    assert.equal(deep.root, undefined);
    assert.equal(deep.limitProblem?.offset, 64);
    assert.equal(new PlanDocument('"[[[[' + '['.repeat(100) + '"').limitProblem, undefined, 'brackets inside a string do not count');
    assert.equal(new PlanDocument('// ' + '['.repeat(100) + '\n{}').limitProblem, undefined, 'brackets inside a comment do not count');
  });

  it('stops at the bracket that goes one level too deep, and reads a text exactly at the limit', () => {
    const text = '{"a": ' + '['.repeat(10) + ']'.repeat(10) + '}';
    assert.equal(new PlanDocument(text, { maxNestingDepth: 5, maxFileSize: 1000 }).limitProblem?.offset, 6 + 4);
    const within = new PlanDocument(text, { maxNestingDepth: 11, maxFileSize: 1000 });
    assert.equal(within.limitProblem, undefined);
    assert.ok(within.root);
  });

  it('counts a level closed only by its own bracket, as the parser recovers', () => {
    // The parser skips a "}" inside an array: counting it as a closer would let the nesting grow unseen.
    assert.equal(new PlanDocument('[}'.repeat(100)).limitProblem?.offset, 128);
  });

  it('holds every comment, in order, and none that is inside a string', () => {
    const text = '// a\n{ "x": "// not /* one */", /* b */ "y": 1 } /* c';
    const doc = new PlanDocument(text);
    assert.deepEqual(
      doc.comments.map((c) => [text.slice(c.offset, c.offset + c.length), c.kind]),
      [['// a', 'line'], ['/* b */', 'block'], ['/* c', 'block']],
    );
    assert.equal(doc.commentAt(text.indexOf('b */'))?.kind, 'block');
    assert.equal(doc.commentAt(text.indexOf('not')), undefined);
  });

  it('holds the objects and arrays a syntax error is in, as recovered, merged', () => {
    const spans = (t: string) => new PlanDocument(t).ambiguous.map((s) => t.slice(s.offset, s.offset + s.length));
    const a = '{ "action": "stop" "node": "N1" }';
    const b = '{ "action": "note", "text": }';
    const c = '{ "action": "start", "node": "N1" }';
    assert.deepEqual(spans(`[ ${a}, ${c}, ${b} ]`), [a, b]);
    // The second error is in the array (a missing comma): the array holds the steps' errors too.
    assert.deepEqual(spans(`[ ${a}, ${c} ${b} ]`), [`[ ${a}, ${c} ${b} ]`]);
    // A missing "}" is found where its object ends: here, with the text.
    assert.deepEqual(spans(`{ "steps": [ ${c} ]`), [`{ "steps": [ ${c} ]`]);
    assert.deepEqual(spans(`[ ${c} ]`), []);
    const doc = new PlanDocument(`[ ${a}, ${c} ]`);
    assert.deepEqual([1, 2, 2 + a.length, 3 + a.length].map((o) => doc.isAmbiguous(o)), [false, true, true, false]);
  });

  it('checks only the size of a file over the size limit', () => {
    const big = new PlanDocument('{"nodes": {}, "steps": []}', { maxNestingDepth: 64, maxFileSize: 10 });
    assert.match(big.limitProblem!.message, /above the limit of 10/);
  });
});
