/**
 * The document's tree (src/core/tree.ts) is built from jsonc-parser's visit events as jsonc-parser's own
 * parseTree builds one: every value, member and key at the same offsets, after the same recovery from
 * syntax errors, and the same innermost element at every offset. jsonc-parser is the reference here, on
 * every plan we have and thousands of mutations that break them in every way a parser can notice.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findNodeAtOffset, getNodePath, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { mutate, planCorpus } from '../../bench/corpus';
import { seededRandom } from '../../bench/random';
import { buildTree, PARSE_OPTIONS, pathAt, type JsonValue } from '../../src/core/tree';

const ROOT = path.resolve(__dirname, '../../..');

/** Empty when `ours` is jsonc-parser's `theirs`; otherwise where they first differ. */
function difference(ours: JsonValue | undefined, theirs: Node | undefined, where = '$'): string {
  if (!ours || !theirs) return ours === theirs ? '' : `${where}: missing in one tree`;
  if (ours.type !== theirs.type || ours.offset !== theirs.offset || ours.length !== theirs.length) {
    return `${where}: ${ours.type}@${ours.offset}+${ours.length} ≠ ${theirs.type}@${theirs.offset}+${theirs.length}`;
  }
  if (ours.type === 'object') {
    const properties = theirs.children ?? [];
    if (ours.members.length !== properties.length) return `${where}: ${ours.members.length} ≠ ${properties.length} members`;
    for (const [i, member] of ours.members.entries()) {
      const property = properties[i]!;
      const key = property.children?.[0];
      if (property.type !== 'property' || member.offset !== property.offset || member.length !== property.length) return `${where}.${member.key}: member@${member.offset}+${member.length} ≠ ${property.type}@${property.offset}+${property.length}`;
      if (!key || key.value !== member.key || key.offset !== member.offset || key.length !== member.keyLength) return `${where}.${member.key}: key differs`;
      const d = difference(member.value, property.children?.[1], `${where}.${member.key}`);
      if (d) return d;
    }
  } else if (ours.type === 'array') {
    const items = theirs.children ?? [];
    if (ours.items.length !== items.length) return `${where}: ${ours.items.length} ≠ ${items.length} items`;
    for (const [i, item] of ours.items.entries()) {
      const d = difference(item, items[i], `${where}[${i}]`);
      if (d) return d;
    }
  } else if (!Object.is(ours.value, theirs.value)) {
    return `${where}: ${JSON.stringify(ours.value)} ≠ ${JSON.stringify(theirs.value)}`;
  }
  return '';
}

/** Throws where the two trees, their errors or the paths at any offset differ; returns whether the text had errors. */
function check(label: string, text: string): boolean {
  let theirs: Node | undefined;
  const theirErrors: ParseError[] = [];
  try {
    theirs = parseTree(text, theirErrors, PARSE_OPTIONS);
  } catch {
    return false; // jsonc-parser overflows the stack on the fuzz regressions nested thousands deep
  }
  const ourErrors: ParseError[] = [];
  const ours = buildTree(text, ourErrors);
  const d = difference(ours, theirs);
  if (d) throw new Error(`${label}: ${d}`);
  assert.deepEqual(ourErrors, theirErrors, label);
  // Every offset of a small text, one in 97 of a large one.
  const stride = text.length < 5000 ? 1 : 97;
  for (let offset = 0; offset <= text.length; offset += stride) {
    const node = theirs && findNodeAtOffset(theirs, offset, true);
    const expected = node ? getNodePath(node) : undefined;
    assert.deepEqual(ours && pathAt(ours, offset), expected, `${label} at ${offset}`);
  }
  return theirErrors.length > 0;
}

const PIECES = ['{', '}', '[', ']', ',', ':', '"', '/', '*', '\n', ' ', '0', '-', '.', 'e', '\\', 'u', 't', '//x\n', '/*x*/', '\t', '\u0001', '1e5', '"\\u00e9"', '"k": ', 'null'];

describe('the document\'s tree', () => {
  const texts = planCorpus(ROOT);

  it('is jsonc-parser\'s tree on every plan we have: values, members, keys and the path at every offset', () => {
    for (const [label, text] of texts) check(label, text);
    assert.ok(texts.length > 20, `only ${texts.length} plans`);
  });

  it('recovers from syntax errors as jsonc-parser does, on 3,000 mutations', () => {
    const random = seededRandom(1071);
    const small = texts.filter(([, t]) => t.length < 20_000);
    let broken = 0;
    for (let i = 0; i < 3000; i++) {
      const [label, text] = small[i % small.length]!;
      if (check(`mutation ${i} of ${label}`, mutate(text, random, PIECES))) broken++;
    }
    // Both kinds must be exercised, or the comparison proves nothing about one of them.
    assert.ok(broken > 300 && broken < 2700, `${broken} of 3000 mutations have syntax errors`);
  });
});
