/**
 * Differential check for changes to the core: does this working tree's `analyze` give exactly what a
 * git revision's gave? Builds the revision in a temporary worktree, then compares, on every .clusterplan
 * under examples/ and test/, the generated plans and thousands of random mutations of the small ones:
 * the findings (code, severity, message, pointer, range), the quick fixes of every finding, and the
 * timeline (cluster versions, join outcomes and conditions, every node's state after every step).
 * A speed-up must change none of it.
 *
 *   node out/bench/compare.js [REVISION] [MUTATIONS]     (defaults: HEAD, 4000)
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Core from '../src/core';
import * as current from '../src/core';
import { mutate, planCorpus } from './corpus';
import { seededRandom } from './random';

const ROOT = path.resolve(__dirname, '../..');

/** The revision's core, compiled with the project's own tsc into a temporary worktree. */
function buildRevision(revision: string): { core: typeof Core; cleanUp: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterplan-compare-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, stdio: 'pipe' });
  git('worktree', 'add', '--detach', dir, revision);
  const cleanUp = () => {
    git('worktree', 'remove', '--force', dir);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir, '--outDir', path.join(dir, 'out')], { stdio: 'pipe' });
    return { core: require(path.join(dir, 'out', 'src', 'core')) as typeof Core, cleanUp };
  } catch (error) {
    cleanUp();
    const output = (error as { stdout?: Buffer }).stdout?.toString() ?? '';
    throw new Error(`cannot build ${revision}: ${output || (error as Error).message}`);
  }
}

/** Everything a user can see of an analysis, as text with sorted keys; tree nodes and back references left out. */
function view(core: typeof Core, text: string): string {
  let analysis;
  try {
    analysis = core.analyze(text);
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
  const skipped = new Set(['node', 'parent', 'keyNode', 'declaration', 'duplicateOf']);
  return JSON.stringify(
    {
      findings: analysis.findings,
      fixes: analysis.findings.map((f) => core.fixesFor(analysis, f)),
      steps: analysis.timeline?.results.map((r) => ({ after: r.after, join: r.join })),
    },
    (key, value: unknown) => {
      if (skipped.has(key)) return undefined;
      // Keys in a fixed order: an object built in another order is the same object to its users.
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const entries = Object.entries(value);
      // The simulation's states and joins have `nodes` and `sponsors` as getters, not own properties.
      for (const lazy of ['nodes', 'sponsors']) if (lazy in value && !Object.hasOwn(value, lazy)) entries.push([lazy, (value as Record<string, unknown>)[lazy]]);
      return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    },
  );
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `\n  ${'before:'} …${a.slice(Math.max(0, i - 80), i + 120)}\n  ${'now:   '} …${b.slice(Math.max(0, i - 80), i + 120)}`;
}

/** Pieces of plans, for mutations that reach the reader, the simulation and the rules, not only the parser. */
const PIECES = ['{', '}', '[', ']', ',', ':', '"', '/', '*', '\n', ' ', '0', '-', '.', 'e', '\\', '//x\n', '/*x*/', '"node": "N1"', '"action": "join"', '"sponsor": "NODE1",', '4.3790', '"0x00040ECE"', '"ws2003-rtm"'];

function main(): number {
  const revision = process.argv[2] ?? 'HEAD';
  const mutations = Number(process.argv[3] ?? 4000);
  console.log(`compare: building ${revision} in a temporary worktree…`);
  const { core: before, cleanUp } = buildRevision(revision);
  try {
    const plans = planCorpus(ROOT);
    let differences = 0;
    const compare = (label: string, text: string) => {
      const a = view(before, text);
      const b = view(current, text);
      if (a === b) return;
      differences++;
      if (differences <= 5) console.log(`DIFFERENT: ${label}${firstDifference(a, b)}`);
    };
    for (const [label, text] of plans) compare(label, text);
    console.log(`compare: ${plans.length} plans done`);
    const random = seededRandom(811272);
    const small = plans.filter(([, t]) => t.length < 20000);
    for (let i = 0; i < mutations; i++) {
      const [label, text] = small[i % small.length]!;
      compare(`mutation ${i} of ${label}`, mutate(text, random, PIECES));
      if ((i + 1) % 1000 === 0) console.log(`compare: ${i + 1} of ${mutations} mutations done`);
    }
    console.log(`compare: ${plans.length} plans and ${mutations} mutations against ${revision}: ${differences === 0 ? 'identical' : `${differences} differ`}`);
    return differences === 0 ? 0 : 1;
  } finally {
    cleanUp();
  }
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`compare: ${(error as Error).message}`);
  process.exitCode = 2;
}
