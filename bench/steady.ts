/**
 * `npm run bench:steady`: the analysis against JSON.parse as an editor or a CI job sees it, one after the
 * other in one process with no forced GC, the way a plan is analysed again at every pause in typing. The
 * main bench (run.ts) forces a GC before each sample; V8 then drops much of the analysis's optimised code
 * (measure.ts), which JSON.parse, in C++, never pays. This prints both figures' steady-state counterpart so
 * the two can be compared in the same session; it is not a target of its own.
 *
 *   node out/bench/steady.js [ROUNDS]
 */
import { analyze } from '../src/core';
import { generatePlan, type Variant } from './generate';
import { median, time } from './measure';

const rounds = Number(process.argv[2] ?? 40);

for (const steps of [10_000, 100_000]) {
  for (const variant of ['clean', 'findings'] as Variant[]) {
    const text = generatePlan({ steps, variant }).text;
    const n = steps >= 100_000 ? Math.max(6, Math.round(rounds / 4)) : rounds;
    const parse: number[] = [];
    const analysis: number[] = [];
    // The first rounds warm V8 up and are dropped.
    for (let r = 0; r < n + 5; r++) {
      const p = time(() => JSON.parse(text));
      const a = time(() => analyze(text));
      if (r >= 5) {
        parse.push(p);
        analysis.push(a);
      }
    }
    const ratios = analysis.map((a, i) => a / parse[i]!);
    process.stdout.write(
      `${steps.toLocaleString('en-US').padStart(7)} steps ${variant.padEnd(8)} JSON.parse ${median(parse).toFixed(2)} ms, analysis ${median(analysis).toFixed(2)} ms: ` +
        `${median(ratios).toFixed(1)}× (median of ${n} paired rounds)\n`,
    );
  }
}
