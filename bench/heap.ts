/**
 * Child process of the benchmark: the memory one analysis of a plan file needs, and what it keeps, beside
 * jsonc-parser's `parseTree` of the same text. Run with --expose-gc:
 *   node --expose-gc out/bench/heap.js FILE
 * Prints one JSON line. What is measured:
 * - `peakHeapUsed`: V8's used heap, read before and after every garbage collection during the first
 *   analysis of the text (v8.GCProfiler) and once at its end, minus the used heap before it (text and modules
 *   loaded, after a full GC). Between two collections the heap can grow by at most the young generation, so
 *   the true peak is at most `youngGeneration` above the reported one.
 * - `retained`: for the analysis and for `parseTree` alone, side by side in alternating rounds: the used heap
 *   after a full GC with the result still referenced, minus the used heap after a full GC before the run.
 *   The analysis is what the editor keeps per open document; `parseTree` is the JSONC tree a JSON editor keeps.
 *   `heap` is V8's used heap; `arrayBuffers` is the memory of ArrayBuffers, which V8 keeps outside its heap
 *   (the analysis uses none; it is counted so that a change that starts using them cannot hide there). The
 *   median over the rounds of each.
 * - `maxRss`: the process's peak resident set size (getrusage), before and after the first analysis.
 */
import { readFileSync } from 'node:fs';
import * as v8 from 'node:v8';
import { parseTree } from 'jsonc-parser';
import { analyze } from '../src/core/analyze';
import { PARSE_OPTIONS } from '../src/core/tree';
import { collectGarbage, hasGc, median } from './measure';

interface GcStatistics {
  readonly gcType: string;
  readonly beforeGC: { readonly heapStatistics: { readonly usedHeapSize: number } };
  readonly afterGC: { readonly heapStatistics: { readonly usedHeapSize: number } };
}

export interface Retained {
  /** Median bytes of V8's used heap kept alive by the result. */
  readonly heap: number;
  /** Median bytes of ArrayBuffers kept alive by the result. */
  readonly arrayBuffers: number;
  /** heap + arrayBuffers, one per round. */
  readonly samples: readonly number[];
}

export interface HeapResult {
  readonly textBytes: number;
  readonly peakHeapUsed: number;
  readonly gcs: number;
  readonly youngGeneration: number;
  readonly maxRssBefore: number;
  readonly maxRssAfter: number;
  /** How many findings the measured analysis had: the run shows it, so a run that analysed nothing shows. */
  readonly findings: number;
  readonly retained: { readonly analysis: Retained; readonly parseTree: Retained };
}

const ROUNDS = 3;
const TINY = '{"nodes": {"A": {"version": "ws2003-rc2"}}, "steps": [{"action": "stop", "node": "A"}]}';

if (require.main === module) main();

function main(): void {
  if (!hasGc()) throw new Error('run with --expose-gc');
  const fullGc = () => {
    collectGarbage();
    collectGarbage();
  };

  const text = readFileSync(process.argv[2]!, 'utf8');
  const subjects = {
    analysis: () => analyze(text),
    parseTree: () => parseTree(text, [], PARSE_OPTIONS),
  };
  // One run of each on a tiny plan first, so that loading and compiling the code do not count as memory of
  // the result.
  const settle = () => {
    analyze(TINY);
    parseTree(TINY);
    fullGc();
  };

  // ── peak, during the first analysis ──
  settle();
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  const base = process.memoryUsage().heapUsed;
  const profiler = new v8.GCProfiler();
  profiler.start();
  let result: unknown = subjects.analysis();
  const atEnd = process.memoryUsage().heapUsed;
  const profile = profiler.stop() as { statistics: GcStatistics[] };
  const rssAfter = process.resourceUsage().maxRSS * 1024;
  let peak = atEnd;
  for (const s of profile.statistics) peak = Math.max(peak, s.beforeGC.heapStatistics.usedHeapSize, s.afterGC.heapStatistics.usedHeapSize);
  const findings = (result as ReturnType<typeof analyze>).findings.length;
  result = undefined;

  // ── retained, side by side ──
  const heap = { analysis: [] as number[], parseTree: [] as number[] };
  const buffers = { analysis: [] as number[], parseTree: [] as number[] };
  const names = ['analysis', 'parseTree'] as const;
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]!;
      settle();
      const before = process.memoryUsage();
      result = subjects[name]();
      fullGc();
      const after = process.memoryUsage();
      heap[name].push(after.heapUsed - before.heapUsed);
      buffers[name].push(after.arrayBuffers - before.arrayBuffers);
      result = undefined;
    }
  }
  const retained = (name: (typeof names)[number]): Retained => ({
    heap: median(heap[name]),
    arrayBuffers: median(buffers[name]),
    samples: heap[name].map((h, i) => h + buffers[name][i]!),
  });
  const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');

  const output: HeapResult = {
    textBytes: Buffer.byteLength(text),
    peakHeapUsed: peak - base,
    gcs: profile.statistics.length,
    youngGeneration: newSpace?.space_size ?? 0,
    maxRssBefore: rssBefore,
    maxRssAfter: rssAfter,
    findings,
    retained: { analysis: retained('analysis'), parseTree: retained('parseTree') },
  };
  process.stdout.write(JSON.stringify(output) + '\n');
}
