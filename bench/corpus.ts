/**
 * The plans that differential checks run on (test/unit/core-tree.test.ts, bench/compare.ts): every
 * .clusterplan under examples/ and test/, the generated benchmark plans, and random mutations of them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatePlan } from './generate';

/** Every .clusterplan file below `dir`. */
export function planFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : planFiles(full);
    return e.name.endsWith('.clusterplan') ? [full] : [];
  });
}

/** [label, text] for the plans of the project at `root` and the generated plans of 100 to 10,000 steps. */
export function planCorpus(root: string): [string, string][] {
  const plans: [string, string][] = [...planFiles(path.join(root, 'examples')), ...planFiles(path.join(root, 'test'))].map((f) => [path.relative(root, f), fs.readFileSync(f, 'utf8')]);
  for (const steps of [100, 1000, 10000]) {
    for (const variant of ['clean', 'findings'] as const) plans.push([`generated ${steps} ${variant}`, generatePlan({ steps, variant }).text]);
  }
  return plans;
}

/** One to three edits: a character deleted, or one of `pieces` inserted, at random places. */
export function mutate(text: string, random: () => number, pieces: readonly string[]): string {
  let result = text;
  for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
    const at = Math.floor(random() * (result.length + 1));
    result = random() < 0.4 ? result.slice(0, at) + result.slice(at + 1) : result.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + result.slice(at);
  }
  return result;
}
