/**
 * The fast JSONC pass (src/core/jsoncTree.ts) builds exactly jsonc-parser's tree: on the benchmark's
 * generated plans, every .clusterplan under examples/ and test/, and thousands of random mutations of them.
 * A mutation the fast pass accepts must be one jsonc-parser parses without error into the same tree; one it
 * rejects falls back to jsonc-parser, so PlanDocument's result is jsonc-parser's either way.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { mutate, planCorpus, planFiles } from '../../bench/corpus';
import { seededRandom } from '../../bench/random';
import { parseWellFormedTree, TooDeep } from '../../src/core/jsoncTree';

const ROOT = path.resolve(__dirname, '../../..');
const OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

/** Empty when equal; otherwise where the trees first differ. */
export function treeDifference(a: JsonNode | undefined, b: JsonNode | undefined, where = '$'): string {
  if (a === undefined || b === undefined) return a === b ? '' : `${where}: one tree is undefined`;
  for (const key of ['type', 'offset', 'length', 'value', 'colonOffset'] as const) {
    if (!Object.is(a[key], b[key])) return `${where}.${key}: ${JSON.stringify(a[key])} ≠ ${JSON.stringify(b[key])}`;
  }
  const ac = a.children;
  const bc = b.children;
  if ((ac === undefined) !== (bc === undefined)) return `${where}.children: present in one tree only`;
  if (ac && bc) {
    if (ac.length !== bc.length) return `${where}.children.length: ${ac.length} ≠ ${bc.length}`;
    for (let i = 0; i < ac.length; i++) {
      if (ac[i]!.parent !== a || bc[i]!.parent !== b) return `${where}.children[${i}].parent is not its parent`;
      const d = treeDifference(ac[i], bc[i], `${where}.children[${i}]`);
      if (d) return d;
    }
  }
  return '';
}

/** Whether the fast pass took `text`; throws where the two parsers disagree. */
function check(label: string, text: string): boolean {
  const errors: ParseError[] = [];
  const slow = parseTree(text, errors, OPTIONS);
  const fast = parseWellFormedTree(text, Infinity);
  if (fast === 'not well-formed') return false;
  if (errors.length > 0) throw new Error(`${label}: the fast pass accepted a text with syntax errors: ${JSON.stringify(errors[0])}\n${text.slice(0, 300)}`);
  const difference = treeDifference(fast, slow);
  if (difference) throw new Error(`${label}: ${difference}`);
  return true;
}

/** Syntax pieces, for mutations that break the text in every way a parser can notice. */
const PIECES = ['{', '}', '[', ']', ',', ':', '"', '/', '*', '\n', ' ', '0', '-', '.', 'e', '\\', 'u', 't', '//x\n', '/*x*/', '\t', '\u0001', '1e5', '"\\u00e9"'];

/** The corpus jsonc-parser itself can read: it overflows the stack on the fuzz regressions nested thousands deep. */
function corpus(): [string, string][] {
  return planCorpus(ROOT).filter(([, text]) => {
    try {
      parseTree(text, [], OPTIONS);
      return true;
    } catch {
      return false;
    }
  });
}

describe('the fast JSONC pass', () => {
  const texts = corpus();

  it('builds the same tree as parseTree on every plan we have, and reads the well-formed ones itself', () => {
    let fast = 0;
    for (const [label, text] of texts) if (check(label, text)) fast++;
    assert.ok(texts.length > 20, `only ${texts.length} plans found`);
    // The generated plans and the examples are well-formed: falling back on them would lose the speed.
    assert.ok(fast >= 6 + planFiles(path.join(ROOT, 'examples')).length, `the fast pass read only ${fast} of ${texts.length}`);
  });

  it('agrees with parseTree on 3,000 mutations: the same tree, or a fall-back on every syntax error', () => {
    const random = seededRandom(42);
    const small = texts.filter(([, t]) => t.length < 20000);
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const [label, text] = small[i % small.length]!;
      if (check(`mutation ${i} of ${label}`, mutate(text, random, PIECES))) accepted++;
    }
    // Both outcomes must be exercised, or the test proves nothing about one of them.
    assert.ok(accepted > 300 && accepted < 2700, `${accepted} of 3000 mutations accepted`);
  });

  it('stops at the nesting limit at the bracket that goes too deep', () => {
    const text = '{"a": ' + '['.repeat(10) + ']'.repeat(10) + '}';
    assert.throws(() => parseWellFormedTree(text, 5), (error) => error instanceof TooDeep && error.offset === 6 + 4);
    assert.notEqual(parseWellFormedTree(text, 11), 'not well-formed');
  });

  it('gives up, rather than guess, on whitespace JSON does not allow and on a lone value after the root', () => {
    for (const text of ['{"a":\u00a01}', '{"a": 1}\u2028', '{} {}', '{"a": 01}', '{"a": "x\ty"}', '/* open']) {
      assert.equal(parseWellFormedTree(text, 64), 'not well-formed', JSON.stringify(text));
    }
  });
});
