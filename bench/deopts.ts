/**
 * Child process of the benchmark: how much of the analysis's optimised code a full GC throws away. Run with
 * --expose-gc --trace-deopt; it prints "-- cycles start N", then runs N cycles of a full GC and three analyses,
 * and the parent (run.ts) counts V8's "reason: weak objects" lines after that line:
 *   node --expose-gc --trace-deopt out/bench/deopts.js FILE
 *
 * V8 drops optimised code that saw a hidden class, or inlined a function, that the GC then freed. Before
 * src/core/keepLatest.ts about 33 functions lost their code at every full GC between two analyses, and the
 * next analysis ran up to twice as long; this keeps that from coming back unnoticed. The plan is read before
 * the cycles start, so only the analysis's own code runs in them.
 */
import { readFileSync } from 'node:fs';
import { analyze } from '../src/core/analyze';

const CYCLES = 8;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const text = readFileSync(process.argv[2]!, 'utf8');
for (let i = 0; i < 10; i++) analyze(text);
process.stdout.write(`-- cycles start ${CYCLES}\n`);
for (let cycle = 0; cycle < CYCLES; cycle++) {
  gc();
  for (let i = 0; i < 3; i++) analyze(text);
}
