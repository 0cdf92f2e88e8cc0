/**
 * `npm run bench`: the performance benchmark. The npm script builds the minified bundles and compiles with
 * tsc; this file generates the plans (generate.ts), measures, prints every target with PASS/FAIL and writes
 * the results into docs/performance.md between `<!-- bench:start -->` and `<!-- bench:end -->` (no other
 * file; never the README).
 *
 *   node out/bench/run.js [--no-write] [--quick]
 *
 * --no-write writes no file; --quick uses fewer rounds (for trying the bench, not for results) and writes
 * no file either.
 *
 * What it measures, in this order:
 * - JSON.parse, jsonc-parser's visit and parseTree, the full analysis and the peer (VS Code's JSON language
 *   service with the format's schema, peer.ts; up to 10,000 steps) on plans of 100 to 100,000 steps, clean
 *   and with findings, side by side in one process in alternating rounds (measure.ts's measure);
 * - the growth from 10,000 to 100,000 steps: the analysis's two sizes in alternating rounds of their own,
 *   and parseTree's likewise;
 * - the phases of the analysis (phases.ts), quick fixes, the CLI as a whole process;
 * - plans at the edges (edges.ts): 5,000 aliases with 2,000 misspellings, a finding on every one of 30,000
 *   steps in simulate's table, the runbooks of 100,000 steps;
 * - memory at 100,000 steps in a child process (heap.ts): the peak during one analysis, and what the
 *   analysis and parseTree alone retain, side by side;
 * - the bundle sizes.
 *
 * Targets (TARGET below): the analysis of 1,000 steps ≤ 5 ms median; ≤ 20× JSON.parse at 10,000 steps (a
 * ceiling against regressions); ≥ 3× faster than the peer at 1,000 and 10,000 steps; growth from 10,000 to
 * 100,000 steps ≤ 14×; at 100,000 steps, retained memory ≤ 2× parseTree's. Each for the clean plan and the
 * plan with findings. The check of a plan with 5,000 aliases and 2,000 misspellings ≤ 1 s (edges.ts). Quick
 * fixes, the other edges, the CLI, the peak heap and the bundles are information only; the grammar has its
 * own bench (grammar.ts), the language server its own (server.ts, run after this one), and the editor its
 * own (npm run bench:editor).
 */
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseTree, visit } from 'jsonc-parser';
import { analyze, fixesFor } from '../src/core';
import { PARSE_OPTIONS } from '../src/core/tree';
import { generatePlan, type GeneratedPlan, type Variant } from './generate';
import { hasGc, measure, median, SETTLE_MS, time, type AnySubject, type Timing } from './measure';
import type { HeapResult, Retained } from './heap';
import { ALIASES, ALIASES_BUDGET_MS, EVERY_STEP, measureEdges, MISSPELT } from './edges';
import { createPeer, loadPeerSchema, PROBE_UNKNOWN_ACTION, SCHEMA_FILE } from './peer';
import { phaseBreakdown, SHARED, type PhaseTimings } from './phases';
import { machine as machineOf, performanceDoc, replaceBlock } from './results';

const ROOT = path.resolve(__dirname, '../..');
/** Where the results go: the block between START and END. No other file is written. */
const PERFORMANCE_DOC = performanceDoc(ROOT);
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';
const args = process.argv.slice(2);

// A full GC at the start of each round keeps garbage from piling up across rounds: re-run with --expose-gc.
if (!hasGc()) {
  const child = spawnSync(process.execPath, ['--expose-gc', __filename, ...args], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const QUICK = args.includes('--quick');
const WRITE = !args.includes('--no-write');
const SIZES = [100, 1_000, 10_000, 100_000] as const;
/** The sizes at which the peer (peer.ts) is timed beside the analysis; at 100,000 steps it takes seconds per round. */
const PEER_SIZES: readonly number[] = [100, 1_000, 10_000];
const PEER_VERSION = (require('vscode-json-languageservice/package.json') as { version: string }).version;
const VARIANTS: readonly Variant[] = ['clean', 'findings'];
const PLAN = { rounds: { 100: 11, 1_000: 9, 10_000: 7, 100_000: 6 }, warmup: { 100: 3, 1_000: 2, 10_000: 2, 100_000: 1 } };
/** The targets; everything else the bench prints is information. */
const TARGET = { ms1000: 5, ratio: 20, fasterThanPeer: 3, growth: 14, retainedVsParseTree: 2 };

const started = Date.now();
const say = (line = '') => process.stdout.write(line + '\n');
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const n = (x: number) => x.toLocaleString('en-US');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

const machine = machineOf();
const loadAtStart = os.loadavg().map((l) => l.toFixed(1)).join(' ');
say(`clusterplan benchmark: ${machine}`);
say(`load average at start: ${loadAtStart}${QUICK ? '  (--quick: fewer rounds, not written anywhere)' : ''}`);
say();

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

async function main(): Promise<void> {
  // ── plans ────────────────────────────────────────────────────────────────────────────────────────────

  say('Generating plans (seed 811272, 16 declared nodes, 2 to 16 active)…');
  const plans = new Map<string, GeneratedPlan>();
  const findingCounts = new Map<string, number>();
  for (const steps of SIZES) {
    for (const variant of VARIANTS) {
      const plan = generatePlan({ steps, variant });
      JSON.parse(plan.text); // strict JSON, so JSON.parse reads exactly the text the analysis reads
      const findings = analyze(plan.text).findings;
      findingCounts.set(key(steps, variant), findings.length);
      if (variant === 'clean' && findings.length > 0) throw new Error(`the clean ${steps}-step plan has findings: ${findings[0]!.code} ${findings[0]!.message}`);
      const stepsWithFindings = new Set(findings.map((f) => /^\/steps\/\d+/.exec(f.pointer)?.[0] ?? f.pointer)).size;
      plans.set(key(steps, variant), plan);
      say(
        `  ${n(steps).padStart(7)} steps ${variant.padEnd(8)} ${kb(Buffer.byteLength(plan.text)).padStart(11)}  ${plan.campaigns} upgrade campaigns, ` +
          `${findings.length} findings` +
          (variant === 'findings' ? ` on ${stepsWithFindings} steps (${((100 * stepsWithFindings) / steps).toFixed(1)}%)` : ''),
      );
    }
  }
  say();

  // ── the peer ─────────────────────────────────────────────────────────────────────────────────────────

  // VS Code's JSON language service with the format's schema (peer.ts). It must find fault with a bad plan,
  // or the comparison would be against a no-op.
  const peer = createPeer(loadPeerSchema(ROOT));
  say(`The peer: vscode-json-languageservice ${PEER_VERSION}, parseJSONDocument + doValidation (comments and trailing commas allowed) against the schema`);
  say(`  peer schema: ${SCHEMA_FILE}`);
  const probe = await peer(PROBE_UNKNOWN_ACTION);
  say(`  a plan with an unknown action: ${probe.length} problem${probe.length === 1 ? '' : 's'}${probe[0] ? ` ("${probe[0].message}")` : ''}`);
  if (probe.length === 0) throw new Error('the peer finds no problem in a plan with an unknown action: it does not validate, so the comparison would mean nothing');
  for (const steps of PEER_SIZES) {
    const counts = await Promise.all(VARIANTS.map(async (variant) => (await peer(plans.get(key(steps, variant))!.text)).length));
    say(`  ${n(steps).padStart(7)} steps: ${VARIANTS.map((v, i) => `${counts[i]} problems ${v}`).join(', ')}`);
  }
  say();

  // ── parse and analysis, per size ─────────────────────────────────────────────────────────────────────

  interface Row {
    readonly steps: number;
    readonly variant: Variant;
    readonly bytes: number;
    readonly timings: Readonly<Record<'JSON.parse' | 'visit' | 'parseTree' | 'analysis', Timing>> & { readonly peer?: Timing };
  }
  const rows: Row[] = [];
  say(`Timing JSON.parse, jsonc-parser visit, jsonc-parser parseTree, the full analysis and (up to ${n(PEER_SIZES[PEER_SIZES.length - 1]!)} steps) the peer, alternating (one dot per round)…`);
  for (const steps of SIZES) {
    for (const variant of VARIANTS) {
      const text = plans.get(key(steps, variant))!.text;
      const rounds = QUICK ? Math.min(3, PLAN.rounds[steps]) : PLAN.rounds[steps];
      const warmup = PLAN.warmup[steps];
      process.stdout.write(`  ${n(steps).padStart(7)} ${variant.padEnd(8)} `);
      const t0 = Date.now();
      const subjects: AnySubject[] = [
        { name: 'JSON.parse', run: () => JSON.parse(text) },
        {
          name: 'visit',
          run: () => {
            let count = 0;
            visit(text, { onObjectProperty: () => void count++, onLiteralValue: () => void count++ }, { allowTrailingComma: true, disallowComments: false });
            return count;
          },
        },
        { name: 'parseTree', run: () => parseTree(text, [], PARSE_OPTIONS) },
        { name: 'analysis', run: () => analyze(text) },
      ];
      // The peer's doValidation is async: measure awaits it inside its timed region only.
      if (PEER_SIZES.includes(steps)) subjects.push({ name: 'peer', runAsync: () => peer(text) });
      const timings = await measure(
        subjects,
        // 50 ms samples: a fast subject is repeated, which averages out the short stalls of a shared machine.
        // settle: a GC and untimed runs before each sample, so JSON.parse never pays for the analysis's garbage
        // and the analysis not for the heap regrowing after the GC (measure.ts).
        { rounds, warmup, minSampleMs: 50, settle: true, progress: () => process.stdout.write('.') },
      );
      const byName = Object.fromEntries(timings.map((t) => [t.name, t])) as Row['timings'];
      rows.push({ steps, variant, bytes: Buffer.byteLength(text), timings: byName });
      say(
        ` ${((Date.now() - t0) / 1000).toFixed(1)} s   JSON.parse ${fmt(byName['JSON.parse'].median)} ms, analysis ${fmt(byName.analysis.median)} ms` +
          ` = ${pairedRatio(byName.analysis, byName['JSON.parse']).toFixed(1)}×` +
          (byName.peer ? `, peer ${fmt(byName.peer.median)} ms = ${pairedRatio(byName.peer, byName.analysis).toFixed(1)}× the analysis` : '') +
          `   [${elapsed()}]`,
      );
    }
  }
  say();

  // ── growth ───────────────────────────────────────────────────────────────────────────────────────────

  // The growth from 10,000 to 100,000 steps is a ratio too, so both sizes are timed side by side, in rounds of
  // their own: beside the other subjects of the 100,000-step round (parseTree alone leaves 171 MiB of
  // garbage a run), each size ran in a heap sized by whatever ran before it, and the same code measured
  // 13.7 to 16.9×. parseTree's own growth is timed the same way, for scale.
  say('Growth from 10,000 to 100,000 steps, each pair of sizes in alternating rounds of its own…');
  const growth = new Map<Variant, { analysis: [Timing, Timing]; parseTree: [Timing, Timing] }>();
  for (const variant of VARIANTS) {
    const [small, large] = [plans.get(key(10_000, variant))!.text, plans.get(key(100_000, variant))!.text];
    process.stdout.write(`  ${variant.padEnd(8)} `);
    const options = { rounds: QUICK ? 3 : PLAN.rounds[100_000], warmup: 1, minSampleMs: 50, settle: true, progress: () => process.stdout.write('.') };
    const analysis = await measure([{ name: '100,000', run: () => analyze(large) }, { name: '10,000', run: () => analyze(small) }], options);
    const tree = await measure([{ name: '100,000', run: () => parseTree(large, [], PARSE_OPTIONS) }, { name: '10,000', run: () => parseTree(small, [], PARSE_OPTIONS) }], options);
    growth.set(variant, { analysis: [analysis[0]!, analysis[1]!], parseTree: [tree[0]!, tree[1]!] });
    say(` analysis ${pairedRatio(analysis[0]!, analysis[1]!).toFixed(1)}×, parseTree ${pairedRatio(tree[0]!, tree[1]!).toFixed(1)}×   [${elapsed()}]`);
  }
  say();

  // ── phases ───────────────────────────────────────────────────────────────────────────────────────────

  say('Phases of the analysis (timed one after the other with the core modules, after a warm-up round)…');
  const phaseRuns: { steps: number; variant: Variant; rounds: number; result: PhaseTimings }[] = [];
  for (const [steps, variant, fullRounds] of [
    [10_000, 'clean', 5],
    [10_000, 'findings', 5],
    [100_000, 'clean', 2],
  ] as const) {
    process.stdout.write(`  ${n(steps).padStart(7)} ${variant.padEnd(8)} `);
    const rounds = QUICK ? 2 : fullRounds;
    const result = phaseBreakdown(plans.get(key(steps, variant))!.text, rounds);
    phaseRuns.push({ steps, variant, rounds, result });
    say(`done [${elapsed()}]`);
  }
  say();

  // ── quick fixes ──────────────────────────────────────────────────────────────────────────────────────

  say('Quick fixes on the 10,000-step plan with findings…');
  const fixPlan = plans.get(key(10_000, 'findings'))!.text;
  const fixAnalysis = analyze(fixPlan);
  const fixTimings: { code: string; count: number; timing: Timing; edits: number }[] = [];
  for (const code of ['join-incompatible', 'registry-while-running', 'unknown-node']) {
    const targets = fixAnalysis.findings.filter((f) => f.code === code);
    const target = targets[targets.length >> 1];
    if (!target) continue;
    const fixes = fixesFor(fixAnalysis, target);
    if (fixes.length === 0) throw new Error(`no fix for the ${code} finding at ${target.pointer}`);
    // Warm, as the editor computes them after typing: settled after the GC, and repeated for 50 ms a sample.
    const [timing] = await measure([{ name: code, run: () => fixesFor(fixAnalysis, target) }], { rounds: QUICK ? 5 : 21, warmup: 3, minSampleMs: 50, settle: true });
    fixTimings.push({ code, count: targets.length, timing: timing!, edits: fixes[0]!.edits.length });
    say(`  ${code} at ${target.pointer} (the middle one of ${targets.length}): ${fmt(timing!.median)} ms median, ${fmt(timing!.min)} ms min, max ${fmt(timing!.max)} ms`);
  }
  // Every join-incompatible finding, warm after the runs above: the worst case across the plan.
  const worstJoinFix = Math.max(
    ...fixAnalysis.findings.filter((f) => f.code === 'join-incompatible').map((f) => median([0, 1, 2].map(() => time(() => fixesFor(fixAnalysis, f), 20)))),
  );
  say(`  join-incompatible, worst of all ${fixTimings[0]?.count ?? 0} findings (median of 3 samples of 20 runs each): ${fmt(worstJoinFix)} ms`);
  say();

  // ── plans at the edges ───────────────────────────────────────────────────────────────────────────────

  process.stdout.write(`Plans at the edges: ${n(ALIASES)} aliases and ${n(MISSPELT)} misspellings, a finding on each of ${n(EVERY_STEP)} steps, the runbooks of 100,000 steps `);
  const edges = await measureEdges(QUICK ? 2 : 5, () => process.stdout.write('.'));
  say(` [${elapsed()}]`);
  say(`  check of the alias plan: ${fmt(edges.aliases.median)} ms median, ${fmt(edges.aliases.min)} ms min (budget ${n(ALIASES_BUDGET_MS)} ms)`);
  say(`  simulate's table, ${n(EVERY_STEP)} steps with a finding each: ${fmt(edges.simulateTable.median)} ms median`);
  for (const r of edges.runbooks) say(`  export --format ${r.format}, 100,000 steps: ${fmt(r.timing.median)} ms median, ${mb(r.characters)} of text`);
  say();

  // ── the CLI, whole process ───────────────────────────────────────────────────────────────────────────

  say('CLI, whole process: node dist/cli.js check FILE (median of 3)…');
  const cli = path.join(ROOT, 'dist', 'cli.js');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterplan-bench-'));
  const cliTimes: { label: string; ms: number; exit: number | null }[] = [];
  let heap: (HeapResult & { variant: Variant })[] = [];
  try {
    const spawnMs = (argv: string[]) => {
      const start = process.hrtime.bigint();
      const child = spawnSync(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, exit: child.status };
    };
    const runs = (label: string, argv: string[]) => {
      const results = [0, 1, 2].map(() => spawnMs(argv));
      const ms = median(results.map((r) => r.ms));
      cliTimes.push({ label, ms, exit: results[0]!.exit });
      say(`  ${label.padEnd(36)} ${fmt(ms).padStart(7)} ms (exit ${results[0]!.exit}; runs ${results.map((r) => fmt(r.ms)).join(', ')})`);
    };
    runs('--version (node start + bundle load)', [cli, '--version']);
    for (const variant of VARIANTS) {
      const file = path.join(tmp, `plan-100000-${variant}.clusterplan`);
      fs.writeFileSync(file, plans.get(key(100_000, variant))!.text);
      runs(`check, 100,000 steps, ${variant}`, [cli, 'check', file]);
    }

    // ── memory ───────────────────────────────────────────────────────────────────────────────────────────

    say();
    say(`Memory of the 100,000-step plans (child process, --expose-gc): peak heap during one analysis (v8.GCProfiler); retained after a full GC with the result alive, the analysis and parseTree side by side…`);
    heap = VARIANTS.map((variant) => {
      const file = path.join(tmp, `plan-100000-${variant}.clusterplan`);
      const child = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, 'heap.js'), file], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`heap child failed: ${child.stderr}`);
      const m = JSON.parse(child.stdout) as HeapResult;
      say(
        `  ${variant.padEnd(8)} text ${mb(m.textBytes)}, ${m.findings} findings: peak heap used ${mb(m.peakHeapUsed)} above the baseline (${m.gcs} GCs sampled; ` +
          `true peak at most ${mb(m.youngGeneration)} higher), peak RSS ${mb(m.maxRssBefore)} → ${mb(m.maxRssAfter)}`,
      );
      say(`  ${''.padEnd(8)} retained: analysis ${retainedText(m.retained.analysis)}, parseTree alone ${retainedText(m.retained.parseTree)}: ${retainedRatio(m).toFixed(2)}×`);
      return { variant, ...m };
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  say();

  // ── bundles ──────────────────────────────────────────────────────────────────────────────────────────

  // extension.js is what activation loads (npm run bench:editor times its require); cli.js is the CLI.
  const bundles = ['extension.js', 'cli.js'].map((file) => {
    const content = fs.readFileSync(path.join(ROOT, 'dist', file));
    return { file, bytes: content.length, gzip: gzipSync(content).length, minified: !content.toString('utf8').includes('sourceMappingURL') };
  });
  say('Bundles:');
  for (const b of bundles) {
    say(
      `  dist/${b.file.padEnd(15)} ${kb(b.bytes).padStart(10)} (${n(b.bytes)} bytes; gzip ${kb(b.gzip)})` +
        (b.minified ? '' : '  NOT MINIFIED: run npm run bench, which builds with --production'),
    );
  }
  say();

  // ── results ──────────────────────────────────────────────────────────────────────────────────────────

  const row = (steps: number, variant: Variant) => rows.find((r) => r.steps === steps && r.variant === variant)!;
  /**
   * Full analysis ÷ JSON.parse: the median of the per-round ratios. Both samples of a round ran seconds
   * apart, so a load change on the shared machine between rounds cancels out; the ratio of the two medians
   * and of the two minimums are printed next to it.
   */
  const ratio = (r: Row) => pairedRatio(r.timings.analysis, r.timings['JSON.parse']);
  const ratioOfMins = (r: Row) => r.timings.analysis.min / r.timings['JSON.parse'].min;
  const ratioOfMedians = (r: Row) => r.timings.analysis.median / r.timings['JSON.parse'].median;
  /** How many times faster the analysis is than the peer: the median of the per-round ratios peer ÷ analysis. */
  const peerRatio = (r: Row) => (r.timings.peer ? pairedRatio(r.timings.peer, r.timings.analysis) : NaN);

  say('Results: median ms of alternating runs after warm-up (min in brackets); ratios: median of the per-round ratios, then of the medians and of the mins');
  const header = ['steps', 'plan', 'size', 'JSON.parse', 'jsonc visit', 'jsonc parseTree', 'full analysis', 'analysis ÷ JSON.parse', 'of medians', 'of mins', 'parseTree ÷ JSON.parse', 'peer', 'peer ÷ analysis'];
  const table = rows.map((r) => [
    n(r.steps),
    r.variant,
    kb(r.bytes),
    ...(['JSON.parse', 'visit', 'parseTree', 'analysis'] as const).map((s) => `${fmt(r.timings[s].median)} (${fmt(r.timings[s].min)})`),
    `${ratio(r).toFixed(1)}×`,
    `${ratioOfMedians(r).toFixed(1)}×`,
    `${ratioOfMins(r).toFixed(1)}×`,
    `${pairedRatio(r.timings.parseTree, r.timings['JSON.parse']).toFixed(1)}×`,
    r.timings.peer ? `${fmt(r.timings.peer.median)} (${fmt(r.timings.peer.min)})` : '-',
    r.timings.peer ? `${peerRatio(r).toFixed(1)}×` : '-',
  ]);
  printTable(header, table);
  say();

  for (const { steps, variant, rounds, result } of phaseRuns) {
    const sum = result.phases.find((p) => p.name === 'sum of phases')!.median;
    say(`Phases at ${n(steps)} steps, ${variant} (median ms of ${rounds} rounds; share of the sum):`);
    say(
      '  ' +
        result.phases
          .map((p) => `${p.name} ${fmt(p.median)}` + (SHARED.has(p.name) ? ` (${((100 * p.median) / sum).toFixed(0)}%)` : ''))
          .join(' | '),
    );
    say('  slowest rules: ' + result.rules.slice(0, 4).map((r) => `${r.code} ${fmt(r.median)}`).join(', '));
  }
  say();

  interface Check {
    readonly target: string;
    readonly measured: string;
    readonly ok: boolean;
  }
  const checks: Check[] = [];
  for (const variant of VARIANTS) {
    const r = row(1_000, variant);
    checks.push({
      target: `full analysis of 1,000 steps ≤ ${TARGET.ms1000} ms median, ${variant}`,
      measured: `${fmt(r.timings.analysis.median)} ms (min ${fmt(r.timings.analysis.min)} ms)`,
      ok: r.timings.analysis.median <= TARGET.ms1000,
    });
  }
  for (const variant of VARIANTS) {
    const r = row(10_000, variant);
    checks.push({
      target: `full analysis ≤ ${TARGET.ratio}× JSON.parse, 10,000 steps, ${variant} (a ceiling against regressions)`,
      measured: `${ratio(r).toFixed(1)}× (${fmt(r.timings.analysis.median)} ms vs ${fmt(r.timings['JSON.parse'].median)} ms; ratio of the mins ${ratioOfMins(r).toFixed(1)}×)`,
      ok: ratio(r) <= TARGET.ratio,
    });
  }
  for (const steps of [1_000, 10_000]) {
    for (const variant of VARIANTS) {
      const r = row(steps, variant);
      const peerTiming = r.timings.peer!;
      checks.push({
        target: `full analysis ≥ ${TARGET.fasterThanPeer}× faster than the peer (VS Code's JSON language service with the schema), ${n(steps)} steps, ${variant}`,
        measured: `${peerRatio(r).toFixed(1)}× (peer ${fmt(peerTiming.median)} ms vs ${fmt(r.timings.analysis.median)} ms; ratio of the mins ${(peerTiming.min / r.timings.analysis.min).toFixed(1)}×)`,
        ok: peerRatio(r) >= TARGET.fasterThanPeer,
      });
    }
  }
  for (const variant of VARIANTS) {
    // The median of the per-round ratios. For scale: ten times the text can cost parseTree itself more than
    // ten times (caches, the GC).
    const { analysis: [large, small], parseTree: [treeLarge, treeSmall] } = growth.get(variant)!;
    const analysisGrowth = pairedRatio(large, small);
    checks.push({
      target: `growth: analysis of 100,000 steps ≤ ${TARGET.growth}× 10,000 steps, ${variant}`,
      measured: `${analysisGrowth.toFixed(1)}× (${fmt(large.median)} ms vs ${fmt(small.median)} ms in the same rounds; parseTree alone, timed the same way: ${pairedRatio(treeLarge, treeSmall).toFixed(1)}×)`,
      ok: analysisGrowth <= TARGET.growth,
    });
  }
  for (const h of heap) {
    checks.push({
      target: `memory: the analysis of 100,000 steps retains ≤ ${TARGET.retainedVsParseTree}× what jsonc-parser's parseTree alone retains (heap used + array buffers, after a full GC), ${h.variant}`,
      measured: `${retainedRatio(h).toFixed(2)}× (analysis ${retainedText(h.retained.analysis)}; parseTree ${retainedText(h.retained.parseTree)})`,
      ok: retainedRatio(h) <= TARGET.retainedVsParseTree,
    });
  }

  checks.push({
    target: `check of a plan with ${n(ALIASES)} aliases and ${n(MISSPELT)} misspelt references ≤ ${n(ALIASES_BUDGET_MS)} ms median ("did you mean")`,
    measured: `${fmt(edges.aliases.median)} ms (min ${fmt(edges.aliases.min)} ms)`,
    ok: edges.aliases.median <= ALIASES_BUDGET_MS,
  });

  say('Targets:');
  for (const c of checks) say(`  ${verdict(c.ok)}  ${c.target}: ${c.measured}`);
  say();
  say('Also measured:');
  const cliClean = cliTimes.find((c) => c.label.includes('clean'));
  const cliFindings = cliTimes.find((c) => c.label.includes('findings'));
  const cliStart = cliTimes.find((c) => c.label.startsWith('--version'));
  const others = [
    ...fixTimings.map(
      (f) =>
        `quick fixes for one ${f.code} finding, 10,000 steps: ${fmt(f.timing.median)} ms median` +
        (f.code === 'join-incompatible' ? ` (worst of all ${f.count} such findings ${fmt(worstJoinFix)} ms)` : ''),
    ),
    `simulate's table of ${n(EVERY_STEP)} steps with a finding on each: ${fmt(edges.simulateTable.median)} ms median`,
    `export of the 100,000-step plan: ${edges.runbooks.map((r) => `${r.format} ${fmt(r.timing.median)} ms (${mb(r.characters)})`).join(', ')}`,
    `CLI whole process on 100,000 steps: ${fmt(cliClean?.ms ?? NaN)} ms clean, ${fmt(cliFindings?.ms ?? NaN)} ms with findings (node start + bundle load: ${fmt(cliStart?.ms ?? NaN)} ms)`,
    ...heap.map(
      (h) =>
        `memory, analysis of 100,000 steps ${h.variant} (${mb(h.textBytes)} of text): peak heap used ${mb(h.peakHeapUsed)} above baseline (sampled at ${h.gcs} GCs and at the end; ≤ ${mb(h.youngGeneration)} more between samples)`,
    ),
    ...bundles.map((b) => {
      const role = b.file === 'extension.js' ? ' (loaded at activation)' : '';
      return `bundle dist/${b.file}${role}: ${kb(b.bytes)} ${b.minified ? 'minified' : 'NOT MINIFIED (npm run bench builds with --production)'}, ${kb(b.gzip)} gzip`;
    }),
    'activation and edit → diagnostics in a real VS Code: npm run bench:editor, whose block follows',
  ];
  for (const line of others) say(`  ${line}`);
  say();
  say(`Finished in ${elapsed()}.`);

  if (WRITE && !QUICK) {
    writeResults();
    say(`${path.relative(ROOT, PERFORMANCE_DOC)}: results written between ${START} and ${END}.`);
  }

  function writeResults(): void {
    const date = new Date().toISOString().slice(0, 10);
    const cell = (r: Row, s: keyof Row['timings']) => fmt(r.timings[s]!.median);
    const lines = [
      START,
      `Measured by \`npm run bench\` on ${date}: ${machine}; load average ${loadAtStart} at the start.`,
      '',
      `Median milliseconds of alternating rounds after warm-up (before each sample a GC, then untimed runs for at least ${SETTLE_MS} ms), in one process, on generated plans that are`,
      'clean / have findings on about 1% of their steps. The full analysis is `analyze(text)`: parse, plan model, simulation and every rule. The peer is',
      `VS Code's JSON language service (vscode-json-languageservice ${PEER_VERSION}): \`parseJSONDocument\` and \`doValidation\` against the format's JSON schema`,
      `(${SCHEMA_FILE}), up to ${n(PEER_SIZES[PEER_SIZES.length - 1]!)} steps. A ratio is the median of the per-round ratios (both subjects timed in the same`,
      'round), which cancels most of the load changes.',
      '',
      '| steps | size | `JSON.parse` | jsonc-parser `visit` | jsonc-parser `parseTree` | full analysis | analysis ÷ `JSON.parse` | peer | peer ÷ analysis |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...SIZES.map((steps) => {
        const [c, f] = [row(steps, 'clean'), row(steps, 'findings')];
        return `| ${n(steps)} | ${kb(c.bytes)} | ${cell(c, 'JSON.parse')} / ${cell(f, 'JSON.parse')} | ${cell(c, 'visit')} / ${cell(f, 'visit')} | ${cell(c, 'parseTree')} / ${cell(f, 'parseTree')} | ${cell(c, 'analysis')} / ${cell(f, 'analysis')} | ${ratio(c).toFixed(1)}× / ${ratio(f).toFixed(1)}× | ${c.timings.peer && f.timings.peer ? `${cell(c, 'peer')} / ${cell(f, 'peer')} | ${peerRatio(c).toFixed(1)}× / ${peerRatio(f).toFixed(1)}×` : '- | -'} |`;
      }),
      '',
      '| target | measured | |',
      '|---|---|---|',
      ...checks.map((c) => `| ${c.target} | ${c.measured} | ${verdict(c.ok)} |`),
      '',
      '| also measured (no target) | |',
      '|---|---|',
      ...others.map((o) => `| ${o.replace(/: /, ' | ')} |`),
      END,
    ];
    replaceBlock(PERFORMANCE_DOC, START, END, lines.join('\n'));
  }
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────────

/** Heap plus array buffers, then each on its own. */
function retainedText(r: Retained): string {
  return `${mb(r.heap + r.arrayBuffers)} (heap ${mb(r.heap)} + array buffers ${mb(r.arrayBuffers)})`;
}

/** What the analysis retains ÷ what parseTree alone retains, heap plus array buffers: the median of the per-round ratios. */
function retainedRatio(m: HeapResult): number {
  const { analysis, parseTree } = m.retained;
  return median(analysis.samples.map((a, round) => a / parseTree.samples[round]!));
}

function pairedRatio(a: Timing, b: Timing): number {
  return median(a.samples.map((sample, round) => sample / b.samples[round]!));
}

function key(steps: number, variant: Variant): string {
  return `${steps}/${variant}`;
}

function printTable(head: readonly string[], body: readonly (readonly string[])[]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => '  ' + cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  say(line(head));
  for (const r of body) say(line(r));
}
