/**
 * Child process of the benchmark: the memory one analysis of a plan file needs. Run with --expose-gc:
 *   node --expose-gc out/bench/heap.js FILE
 * Prints one JSON line. What is measured:
 * - `peakHeapUsed`: V8's used heap, read before and after every garbage collection during the analysis
 *   (v8.GCProfiler) and once at its end, minus the used heap before it (text and modules loaded, after a
 *   full GC). Between two collections the heap can grow by at most the young generation, so the true peak
 *   is at most `youngGeneration` above the reported one.
 * - `retained`: the used heap after a full GC while the result is still referenced: the Analysis itself
 *   (tree, plan, timeline, findings), which the editor keeps per open document.
 * - `maxRss`: the process's peak resident set size (getrusage), before and after: includes everything.
 */
import { readFileSync } from 'node:fs';
import * as v8 from 'node:v8';
import { analyze } from '../src/core/analyze';

interface GcStatistics {
  readonly gcType: string;
  readonly beforeGC: { readonly heapStatistics: { readonly usedHeapSize: number } };
  readonly afterGC: { readonly heapStatistics: { readonly usedHeapSize: number } };
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const text = readFileSync(process.argv[2]!, 'utf8');
// One run on a tiny plan first, so that loading and compiling the code do not count as the analysis's memory.
analyze('{"nodes": {"A": {"version": "ws2003-rc2"}}, "steps": [{"action": "stop", "node": "A"}]}');
gc();
gc();
const rssBefore = process.resourceUsage().maxRSS * 1024;
const base = process.memoryUsage().heapUsed;
const profiler = new v8.GCProfiler();
profiler.start();
let result: ReturnType<typeof analyze> | undefined = analyze(text);
const atEnd = process.memoryUsage().heapUsed;
const profile = profiler.stop() as { statistics: GcStatistics[] };
const rssAfter = process.resourceUsage().maxRSS * 1024;
let peak = atEnd;
for (const s of profile.statistics) peak = Math.max(peak, s.beforeGC.heapStatistics.usedHeapSize, s.afterGC.heapStatistics.usedHeapSize);
gc();
const retained = process.memoryUsage().heapUsed - base;
const findings = result.findings.length;
result = undefined;
const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');

process.stdout.write(
  JSON.stringify({
    textBytes: Buffer.byteLength(text),
    base,
    peakHeapUsed: peak - base,
    retained,
    gcs: profile.statistics.length,
    youngGeneration: newSpace?.space_size ?? 0,
    maxRssBefore: rssBefore,
    maxRssAfter: rssAfter,
    findings,
  }) + '\n',
);
