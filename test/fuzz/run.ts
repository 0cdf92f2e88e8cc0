/**
 * The long fuzz run: `npm run test:fuzz` (= compile, then `node out/test/fuzz/run.js`).
 *
 *   properties  100,000 generated plans (FUZZ_CASES): the analysis, every offered fix applied, fix-all,
 *               determinism, and the same plan with node names like __proto__ (test/fuzz/checks.ts);
 *               a fifth of the plans are broken by token mutations first.
 *   mutations    10,000 mutated plans (FUZZ_MUTATIONS): the example plans, the kept regressions and
 *               generated plans under random insertions, deletions, duplications (sometimes thousands of
 *               copies) and moves of tokens; the analysis and fix-all, with fixes computed.
 *
 * The cases run in worker threads (FUZZ_WORKERS, default 2) watched by this process: a case that runs
 * longer than FUZZ_CASE_TIMEOUT_MS (default 20 s) or exhausts the worker's heap is a failure too. The
 * first failing input of each kind of failure is shrunk by fast-check and written to
 * test/fuzz/regressions/ (where test/unit/mutation.test.ts runs it); failures of a kind already seen, or
 * already kept there, are counted but not shrunk again. Progress is printed every few thousand cases,
 * then `fuzz: N passed, M failed`; the exit code is 1 on any failure. FUZZ_SEED fixes the seed.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { analyze } from '../../src/core';
import {
  examplePlans,
  HOSTILE_NAMES,
  mutate,
  mutationArb,
  mutationsArb,
  nameToken,
  PLAIN_NAMES,
  planModelArb,
  regressionFiles,
  REGRESSIONS_DIR,
  renderPlan,
  repoRoot,
} from './arbitraries';
import { checkAll, checkAnalysis, describeError, kindOf, shape, timedAnalyze, Violation } from './checks';

const ROOT = repoRoot(__dirname);

type Phase = 'properties' | 'mutations';

interface Lane {
  readonly phase: Phase;
  readonly count: number;
  readonly seed: number;
}

type FromWorker =
  | { readonly type: 'case'; readonly text: string }
  | { readonly type: 'progress'; readonly passed: number; readonly failed: number }
  | { readonly type: 'failed-case'; readonly kind: string }
  | { readonly type: 'failure'; readonly signature: string; readonly message: string; readonly text: string; readonly seed: number; readonly path: string }
  | { readonly type: 'done'; readonly passed: number; readonly failed: number };

/** Failures whose input is kept unshrunk. */
const SLOW_KINDS = new Set(['analyze-slow', 'fixAll-slow']);

// ── the worker: runs one lane's cases ──────────────────────────────────────────────────────────────────

function runLane(lane: Lane & { readonly known: readonly string[] }): void {
  const post = (m: FromWorker) => parentPort!.postMessage(m);
  const seen = new Set(lane.known);
  let passed = 0;
  let failed = 0;
  let shrinking = false;

  const caseArb: fc.Arbitrary<{ text: string; renamed?: string }> =
    lane.phase === 'properties'
      ? fc
          .tuple(planModelArb, fc.option(fc.array(mutationArb.filter((m) => m.op !== 'duplicate' || m.times < 50), { minLength: 1, maxLength: 3 }), { freq: 4 }))
          .map(([model, mutations]) => (mutations ? { text: mutate(renderPlan(model), mutations) } : { text: renderPlan(model), renamed: renderPlan(model, HOSTILE_NAMES) }))
      : fc
          .tuple(
            fc.oneof(
              { weight: 3, arbitrary: fc.constantFrom(...examplePlans(ROOT).map((e) => e.text)) },
              { weight: 1, arbitrary: fc.constantFrom(...[...regressionFiles(ROOT).map((r) => r.text), '{}']) },
              { weight: 2, arbitrary: planModelArb.map((m) => renderPlan(m)) },
            ),
            mutationsArb,
          )
          .map(([base, mutations]) => ({ text: mutate(base, mutations) }));

  const check = ({ text, renamed }: { text: string; renamed?: string }) => {
    if (lane.phase === 'mutations') {
      checkAll(text, { fixes: 'compute' });
      return;
    }
    const analysis = checkAll(text);
    if (renamed !== undefined) {
      const hostile = timedAnalyze(renamed);
      checkAnalysis(renamed, hostile);
      const a = shape(analysis, (s) => nameToken(s, PLAIN_NAMES));
      const b = shape(hostile, (s) => nameToken(s, HOSTILE_NAMES));
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Violation('renamed-nodes-differ', `findings differ when the nodes are renamed __proto__, constructor…:\n  ${a.join('\n  ')}\nvs\n  ${b.join('\n  ')}`);
    }
  };

  const property = fc.property(caseArb, (value) => {
    post({ type: 'case', text: value.text });
    if (shrinking) return check(value);
    try {
      check(value);
      passed++;
    } catch (error) {
      failed++;
      const signature = kindOf(error);
      post({ type: 'failed-case', kind: signature });
      if (seen.has(signature)) return; // counted; not shrunk again
      seen.add(signature);
      if (SLOW_KINDS.has(signature)) {
        // Shrinking a slow input runs it again hundreds of times: keep it as it is.
        post({ type: 'failure', signature, message: error instanceof Error ? error.message : String(error), text: value.text, seed: -1, path: 'not shrunk' });
        return;
      }
      shrinking = true;
      throw error;
    }
    if ((passed + failed) % 1000 === 0) post({ type: 'progress', passed, failed });
  });

  let chunk = 0;
  while (passed + failed < lane.count) {
    const before = passed + failed;
    const seed = (lane.seed + chunk++ * 7919) | 0;
    shrinking = false;
    const details = fc.check(property, { numRuns: Math.min(500, lane.count - before), seed, includeErrorInReport: true, interruptAfterTimeLimit: 180_000 });
    if (details.failed && details.counterexample) {
      const message = details.errorInstance instanceof Error ? details.errorInstance.message : describeError(details.errorInstance);
      const signature = kindOf(details.errorInstance);
      seen.add(signature);
      post({ type: 'failure', signature, message, text: details.counterexample[0].text, seed, path: details.counterexamplePath ?? '' });
    }
    if (passed + failed === before) break; // nothing ran (interrupted): do not spin
  }
  post({ type: 'done', passed, failed });
}

// ── the main thread: lanes, watchdog, regressions, report ──────────────────────────────────────────────

function saveRegression(phase: string, reason: string, text: string): string {
  const dir = REGRESSIONS_DIR(ROOT);
  fs.mkdirSync(dir, { recursive: true });
  const hash = crypto.createHash('sha1').update(text).digest('hex').slice(0, 10);
  const file = path.join(dir, `fuzz-${phase}-${reason}-${hash}.clusterplan`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, text);
  return path.relative(ROOT, file);
}

/** Failure kinds the kept regressions already show, so a run reports them without keeping more copies. */
function knownSignatures(): string[] {
  const known: string[] = [];
  for (const { text } of regressionFiles(ROOT)) {
    try {
      checkAll(text);
    } catch (error) {
      known.push(kindOf(error));
    }
  }
  return known;
}

async function main(): Promise<void> {
  const cases = Number(process.env.FUZZ_CASES ?? 100_000);
  const mutations = Number(process.env.FUZZ_MUTATIONS ?? 10_000);
  const workers = Math.max(1, Number(process.env.FUZZ_WORKERS ?? Math.min(2, os.availableParallelism())));
  const caseTimeout = Number(process.env.FUZZ_CASE_TIMEOUT_MS ?? 20_000);
  const seed = Number(process.env.FUZZ_SEED ?? (Date.now() & 0x7fffffff));
  const started = performance.now();
  // A first analysis outside the workers: a broken build fails here, not 100,000 times.
  analyze('{}');
  const known = knownSignatures();
  console.log(`fuzz: seed ${seed}, ${cases} property cases and ${mutations} mutation runs on ${workers} worker(s); ${known.length} failure kind(s) already kept in test/fuzz/regressions/`);

  const lanes: Lane[] = [];
  for (const [phase, count] of [['properties', cases], ['mutations', mutations]] as const) {
    for (let w = 0; w < workers; w++) {
      const share = Math.floor(count / workers) + (w < count % workers ? 1 : 0);
      if (share > 0) lanes.push({ phase, count: share, seed: (seed + w * 104_729 + (phase === 'mutations' ? 1_000_003 : 0)) | 0 });
    }
  }

  const totals: Record<Phase, { passed: number; failed: number; target: number }> = {
    properties: { passed: 0, failed: 0, target: cases },
    mutations: { passed: 0, failed: 0, target: mutations },
  };
  const kinds = new Set(known);
  const failedKinds = new Map<string, number>();
  const failures: string[] = [];
  let lastPrinted = 0;
  const progress = () => {
    const done = Object.values(totals).reduce((n, t) => n + t.passed + t.failed, 0);
    if (done - lastPrinted < 5000) return;
    lastPrinted = done - (done % 5000);
    const p = totals.properties;
    const m = totals.mutations;
    console.log(
      `fuzz: ${done} cases (properties ${p.passed + p.failed}/${p.target}, mutations ${m.passed + m.failed}/${m.target}), ${p.failed + m.failed} failed, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  };

  const runLaneInWorker = (lane: Lane): Promise<void> =>
    new Promise((resolve) => {
      const counted = { passed: 0, failed: 0 };
      let remaining = lane.count;
      let lastText = '';
      let restarts = 0;
      const start = (count: number, laneSeed: number) => {
        const worker = new Worker(__filename, { workerData: { lane: { ...lane, count, seed: laneSeed, known: [...kinds] } }, resourceLimits: { maxOldGenerationSizeMb: 3072 } });
        let finished = false;
        const base = { ...counted };
        let timer: NodeJS.Timeout | undefined;
        const arm = () => {
          clearTimeout(timer);
          timer = setTimeout(() => lost('timeout', `a case ran longer than ${caseTimeout} ms`), caseTimeout);
        };
        const account = (passed: number, failed: number) => {
          totals[lane.phase].passed += base.passed + passed - counted.passed;
          totals[lane.phase].failed += base.failed + failed - counted.failed;
          counted.passed = base.passed + passed;
          counted.failed = base.failed + failed;
          progress();
        };
        const lost = (reason: string, detail: string) => {
          if (finished) return;
          finished = true;
          clearTimeout(timer);
          void worker.terminate();
          // The first input of each kind is kept; the worker cannot shrink it, so it is kept as it ran.
          const first = !kinds.has(reason);
          kinds.add(reason);
          failedKinds.set(reason, (failedKinds.get(reason) ?? 0) + 1);
          const file = first ? saveRegression(lane.phase, reason, lastText) : undefined;
          const where = file ? `input (${lastText.length} characters) kept in ${file}` : 'a kind already kept';
          failures.push(`[${reason}] ${lane.phase}: ${detail}; ${where}`);
          console.log(`fuzz: FAILED (${lane.phase}) [${reason}] ${detail}; ${where}`);
          account(counted.passed - base.passed, counted.failed - base.failed + 1);
          remaining = lane.count - counted.passed - counted.failed;
          if (remaining > 0 && restarts++ < 20) start(remaining, (laneSeed + 31) | 0);
          else resolve();
        };
        arm();
        worker.on('message', (m: FromWorker) => {
          arm();
          switch (m.type) {
            case 'case':
              lastText = m.text;
              break;
            case 'progress':
              account(m.passed, m.failed);
              break;
            case 'failed-case':
              failedKinds.set(m.kind, (failedKinds.get(m.kind) ?? 0) + 1);
              break;
            case 'failure': {
              if (kinds.has(m.signature)) {
                // Another worker kept this kind first.
                failures.push(`[${m.signature}] ${lane.phase}: ${m.message.split('\n')[0].slice(0, 300)}; a kind already kept`);
                break;
              }
              kinds.add(m.signature);
              const file = saveRegression(lane.phase, m.signature.replace(/[^a-zA-Z0-9-]+/g, '_').slice(0, 80), m.text);
              failures.push(`[${m.signature}] ${lane.phase}: ${m.message.split('\n')[0].slice(0, 300)} (seed ${m.seed}, path "${m.path}"); shrunk input kept in ${file}`);
              console.log(`fuzz: FAILED (${lane.phase}, seed ${m.seed}, path "${m.path}") [${m.signature}] ${m.message.split('\n').slice(0, 2).join(' | ').slice(0, 500)}\n      shrunk input kept in ${file}`);
              break;
            }
            case 'done':
              finished = true;
              clearTimeout(timer);
              account(m.passed, m.failed);
              void worker.terminate();
              resolve();
              break;
          }
        });
        worker.on('error', (error: Error & { code?: string }) => lost(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crash', `the worker died: ${describeError(error)}`));
        worker.on('exit', () => lost('crash', 'the worker exited unexpectedly'));
      };
      start(remaining, lane.seed);
    });

  // The property lanes first, then the mutation lanes, each phase on all workers at once.
  for (const phase of ['properties', 'mutations'] as const) {
    await Promise.all(lanes.filter((l) => l.phase === phase).map(runLaneInWorker));
  }

  const seconds = (performance.now() - started) / 1000;
  const p = totals.properties;
  const m = totals.mutations;
  console.log(`fuzz: properties ${p.passed} passed, ${p.failed} failed; mutations ${m.passed} passed, ${m.failed} failed; ${seconds.toFixed(0)} s`);
  for (const f of failures) console.log(`fuzz: failure: ${f}`);
  if (failedKinds.size > 0) console.log(`fuzz: failing cases by kind: ${[...failedKinds].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  console.log(`fuzz: ${p.passed + m.passed} passed, ${p.failed + m.failed} failed`);
  process.exitCode = p.failed + m.failed > 0 ? 1 : 0;
}

if (isMainThread) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  runLane((workerData as { lane: Lane & { known: string[] } }).lane);
}
