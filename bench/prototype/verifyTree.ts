/**
 * PROTOTYPE check: fastParseTree builds exactly jsonc-parser's tree. Compares both parsers on the generated
 * plans, every .clusterplan under examples/ and test/, and thousands of random mutations of them (a
 * mutation the fast pass accepts must be one jsonc-parser parses without error into the same tree).
 *
 *   node out/bench/prototype/verifyTree.js [mutations]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { generatePlan } from '../generate';
import { fastParseTree } from './fastTree';

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

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(full);
    return e.name.endsWith('.clusterplan') ? [full] : [];
  });
}

/** 0 when both parsers agree on `text`; throws otherwise. Returns whether the fast pass took it. */
function check(label: string, text: string): boolean {
  const slowErrors: ParseError[] = [];
  const slow = parseTree(text, slowErrors, OPTIONS);
  const fastErrors: ParseError[] = [];
  const fast = fastParseTree(text, fastErrors);
  if (fast.fast && slowErrors.length > 0) throw new Error(`${label}: the fast pass accepted a text with syntax errors: ${JSON.stringify(slowErrors[0])}\n${text.slice(0, 300)}`);
  const difference = treeDifference(fast.root, slow);
  if (difference) throw new Error(`${label}: ${difference}`);
  if (JSON.stringify(fastErrors) !== JSON.stringify(slowErrors)) throw new Error(`${label}: errors differ`);
  return fast.fast;
}

function mutate(text: string, random: () => number): string {
  const pieces = ['{', '}', '[', ']', ',', ':', '"', '/', '*', '\n', ' ', '0', '-', '.', 'e', '\\', 'u', 't', '//x\n', '/*x*/', '\t', '\u0001', '1e5', '"\\u00e9"'];
  let result = text;
  const edits = 1 + Math.floor(random() * 3);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(random() * (result.length + 1));
    const kind = random();
    if (kind < 0.4) result = result.slice(0, at) + result.slice(at + 1);
    else result = result.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + result.slice(at);
  }
  return result;
}

if (require.main === module) {
  const mutations = Number(process.argv[2] ?? 5000);
  const corpus: [string, string][] = [];
  for (const steps of [100, 1000, 10000]) {
    for (const variant of ['clean', 'findings'] as const) corpus.push([`generated ${steps} ${variant}`, generatePlan({ steps, variant }).text]);
  }
  for (const file of [...files(path.join(ROOT, 'examples')), ...files(path.join(ROOT, 'test'))]) corpus.push([path.relative(ROOT, file), fs.readFileSync(file, 'utf8')]);
  corpus.push(['empty', ''], ['comment only', '// nothing\n'], ['trailing commas', '{"a": [1, 2,], "b": {"c": true,},}'], ['escapes', '{"a\\"b": "\\u00e9\\n\\/", "n": -0.5e-3}']);
  let fastCount = 0;
  let skipped = 0;
  for (const [label, text] of corpus) {
    try {
      parseTree(text, [], OPTIONS);
    } catch {
      // jsonc-parser itself overflows the stack (the fuzz regressions nest thousands deep); PlanDocument's
      // nesting limit keeps such text from both parsers.
      skipped++;
      continue;
    }
    if (check(label, text)) fastCount++;
  }
  console.log(`${corpus.length - skipped} files: identical trees (${fastCount} read by the fast pass, the others fell back); ${skipped} skipped: jsonc-parser overflows its stack on them`);

  let seed = 42;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const small = corpus.filter(([, t]) => t.length < 20000 && !/[[{]{200}/.test(t.replace(/\s/g, '')));
  let accepted = 0;
  for (let i = 0; i < mutations; i++) {
    const [label, text] = small[i % small.length]!;
    if (check(`mutation ${i} of ${label}`, mutate(text, random))) accepted++;
  }
  console.log(`${mutations} mutations: identical trees and errors (${accepted} accepted by the fast pass, ${mutations - accepted} fell back to jsonc-parser)`);
}
