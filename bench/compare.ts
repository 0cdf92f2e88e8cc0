/**
 * Differential check for changes to the core: does this working tree's `analyze` give exactly what a
 * git revision's gave? On every .clusterplan under examples/ and test/, the generated plans and thousands
 * of random mutations of the small ones, it compares what a user can see: the findings (code, severity,
 * message, pointer, range), the quick fixes of every finding, and the timeline (the initial state, and
 * for every step the cluster and node states after it, its target and its join attempt). A refactor must
 * change none of it.
 *
 *   node out/bench/compare.js [REVISION] [MUTATIONS]      against a revision built in a git worktree
 *                                                          (defaults: HEAD, 4000)
 *   node out/bench/compare.js --record FILE [MUTATIONS]    writes this tree's view of every plan to FILE
 *   node out/bench/compare.js --against FILE               compares this tree with a recorded FILE
 *
 * Against a revision from before the functional level (issue 18), plans that name Windows Server 2008 or
 * later are skipped, since the revision cannot read them, and differences only in the messages and fixes of
 * `schema` and `unknown-version-alias` are counted apart: the new actions, properties and aliases appear in
 * "use one of", "Allowed:" and "did you mean". Any other difference fails the comparison.
 *
 * A recording keeps each plan's text beside its view, so it can be compared with a later tree whose
 * corpus or timeline shape has changed: `view` is then the projection of the new shape onto the old view.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
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
  // A node state's `paused` and `member` (issue 18) at their values of a plan of the KB 811272 releases are
  // the projection onto an older view, which had neither; any other value shows as a difference.
  const projected = (key: string, value: unknown) => (key === 'paused' && value === false) || (key === 'member' && value === true);
  const timeline = analysis.timeline;
  return JSON.stringify(
    {
      findings: analysis.findings,
      fixes: analysis.findings.map((f) => core.fixesFor(analysis, f)),
      initial: timeline?.initial,
      steps: timeline?.steps.map((r) => ({ after: r.after, target: r.target, join: r.join })),
    },
    (key, value: unknown) => {
      if (skipped.has(key) || projected(key, value)) return undefined;
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

/** Pieces of plans, for mutations that reach the reader, the simulation and the rules, not only the parser. */
const PIECES = ['{', '}', '[', ']', ',', ':', '"', '/', '*', '\n', ' ', '0', '-', '.', 'e', '\\', '//x\n', '/*x*/', '"node": "N1"', '"action": "join"', '"sponsor": "NODE1",', '4.3790', '"0x00040ECE"', '"ws2003-rtm"'];

/** [label, text] of every plan, then of `mutations` seeded mutations of the small ones. */
function* inputs(mutations: number): Generator<[string, string]> {
  const plans = planCorpus(ROOT);
  yield* plans;
  console.log(`compare: ${plans.length} plans done`);
  const random = seededRandom(811272);
  const small = plans.filter(([, t]) => t.length < 20000);
  for (let i = 0; i < mutations; i++) {
    const [label, text] = small[i % small.length]!;
    yield [`mutation ${i} of ${label}`, mutate(text, random, PIECES)];
    if ((i + 1) % 1000 === 0) console.log(`compare: ${i + 1} of ${mutations} mutations done`);
  }
}

/** The codes whose messages and fixes may name the new actions, properties and aliases of issue 18. */
const WORDING_CODES = new Set(['schema', 'unknown-version-alias']);

/** The view with the messages and fixes of WORDING_CODES findings blanked out. */
function withoutWording(view: string): string {
  const parsed = JSON.parse(view) as { findings?: { code: string; message: string }[]; fixes?: unknown[] };
  parsed.findings?.forEach((f, k) => {
    if (!WORDING_CODES.has(f.code)) return;
    f.message = '';
    if (parsed.fixes) parsed.fixes[k] = [];
  });
  return JSON.stringify(parsed);
}

/** Counts and shows differences, the first five in full; differences only in wording are counted apart. */
class Differences {
  count = 0;
  wording = 0;
  skipped = 0;
  compared = 0;
  check(label: string, before: string, now: string): void {
    this.compared++;
    if (before === now) return;
    if (!before.startsWith('throws') && !now.startsWith('throws') && withoutWording(before) === withoutWording(now)) {
      this.wording++;
      if (this.wording <= 2) console.log(`WORDING ONLY: ${label}${firstDifference(before, now)}`);
      return;
    }
    this.count++;
    if (this.count <= 5) console.log(`DIFFERENT: ${label}${firstDifference(before, now)}`);
  }

  summary(against: string): string {
    const identical = this.compared - this.count - this.wording;
    return (
      `compare: ${this.compared} plans and mutations against ${against}: ${identical} identical, ` +
      `${this.wording} differ only in the messages and fixes of ${[...WORDING_CODES].join(' and ')} (the new actions, properties and aliases), ` +
      `${this.count} differ otherwise` +
      (this.skipped > 0 ? `; ${this.skipped} plans naming Windows Server 2008 or later skipped (the revision predates them)` : '')
    );
  }
}

/**
 * A plan beyond majors 1–4, which an older revision cannot read: the current core simulates it with the
 * functional level, or it names a version of major 5 or more anywhere (a mutation may have lost "nodes" and
 * kept an upgrade to "ws2019", which the older catalog does not know).
 */
function beyondMajorFour(text: string): boolean {
  try {
    const plan = current.analyze(text).plan;
    return plan !== undefined && (plan.functionalLevelPlan || plan.versionValues.some((v) => current.hasFunctionalLevel(v.version)));
  } catch {
    return false;
  }
}

function againstRevision(revision: string, mutations: number): number {
  console.log(`compare: building ${revision} in a temporary worktree…`);
  const { core: before, cleanUp } = buildRevision(revision);
  try {
    // The view reads the timeline's shape of today (`steps`); an older revision's cannot be read with it.
    const timeline = before.analyze('{ "nodes": { "A": { "version": "ws2003-rtm" } }, "steps": [] }').timeline as object | undefined;
    if (!timeline || !Array.isArray((timeline as { steps?: unknown }).steps)) {
      throw new Error(`${revision} predates the timeline's steps: record its view there (node out/bench/compare.js --record FILE in a checkout of it), then compare with --against FILE`);
    }
    const differences = new Differences();
    // A revision whose plans have no `functionalLevelPlan` predates Windows Server 2008 and later.
    const predatesLevels = before.analyze('{ "nodes": {}, "steps": [] }').plan?.functionalLevelPlan === undefined;
    for (const [label, text] of inputs(mutations)) {
      if (predatesLevels && beyondMajorFour(text)) differences.skipped++;
      else differences.check(label, view(before, text), view(current, text));
    }
    console.log(differences.summary(revision));
    return differences.count === 0 ? 0 : 1;
  } finally {
    cleanUp();
  }
}

/** One JSON line per plan: its label, its text and this tree's view of it; gzipped. */
function record(file: string, mutations: number): number {
  const lines: string[] = [];
  for (const [label, text] of inputs(mutations)) lines.push(JSON.stringify({ label, text, view: view(current, text) }));
  fs.writeFileSync(file, zlib.gzipSync(lines.join('\n') + '\n'));
  console.log(`compare: recorded ${lines.length} plans and mutations to ${file}`);
  return 0;
}

function againstRecording(file: string): number {
  const differences = new Differences();
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
  for (const [n, line] of lines.entries()) {
    const { label, text, view: before } = JSON.parse(line) as { label: string; text: string; view: string };
    differences.check(label, before, view(current, text));
    if ((n + 1) % 1000 === 0) console.log(`compare: ${n + 1} of ${lines.length} done`);
  }
  console.log(differences.summary(file));
  return differences.count === 0 ? 0 : 1;
}

function main(args: string[]): number {
  if (args[0] === '--record') return record(args[1]!, Number(args[2] ?? 4000));
  if (args[0] === '--against') return againstRecording(args[1]!);
  return againstRevision(args[0] ?? 'HEAD', Number(args[1] ?? 4000));
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(`compare: ${(error as Error).message}`);
  process.exitCode = 2;
}
