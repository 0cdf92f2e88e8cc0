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
import { generatePlan } from './generate';

const ROOT = path.resolve(__dirname, '../..');

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(full);
    return e.name.endsWith('.clusterplan') ? [full] : [];
  });
}

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
      return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    },
  );
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `\n  ${'before:'} …${a.slice(Math.max(0, i - 80), i + 120)}\n  ${'now:   '} …${b.slice(Math.max(0, i - 80), i + 120)}`;
}

function mutate(text: string, random: () => number): string {
  const pieces = ['{', '}', '[', ']', ',', ':', '"', '/', '*', '\n', ' ', '0', '-', '.', 'e', '\\', '//x\n', '/*x*/', '"node": "N1"', '"action": "join"', '"sponsor": "NODE1",', '4.3790', '"0x00040ECE"', '"ws2003-rtm"'];
  let result = text;
  for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
    const at = Math.floor(random() * (result.length + 1));
    result = random() < 0.4 ? result.slice(0, at) + result.slice(at + 1) : result.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + result.slice(at);
  }
  return result;
}

function main(): number {
  const revision = process.argv[2] ?? 'HEAD';
  const mutations = Number(process.argv[3] ?? 4000);
  console.log(`compare: building ${revision} in a temporary worktree…`);
  const { core: before, cleanUp } = buildRevision(revision);
  try {
    const plans: [string, string][] = [...files(path.join(ROOT, 'examples')), ...files(path.join(ROOT, 'test'))].map((f) => [path.relative(ROOT, f), fs.readFileSync(f, 'utf8')]);
    for (const steps of [100, 1000, 10000]) for (const variant of ['clean', 'findings'] as const) plans.push([`generated ${steps} ${variant}`, generatePlan({ steps, variant }).text]);
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
    let seed = 811272;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
    const small = plans.filter(([, t]) => t.length < 20000);
    for (let i = 0; i < mutations; i++) {
      const [label, text] = small[i % small.length]!;
      compare(`mutation ${i} of ${label}`, mutate(text, random));
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
