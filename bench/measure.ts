/**
 * Timing for the benchmark: subjects measured in one process, alternating round by round (the order
 * rotates each round so no subject always runs right after another's garbage or right after the GC),
 * after a warm-up, with a full GC at the start of every round when node runs with --expose-gc. Reports
 * the median and the minimum.
 *
 * Not a bare GC before every sample: a forced full GC resets V8's heap sizing (young generation, old-generation
 * limit), and the next allocation-heavy runs then pay for growing it again. On this machine that made one
 * 10,000-step run up to 9× slower than the same run without the forced GC, while JSON.parse, which
 * allocates little, did not change: it would have measured the GC's reset, not the analysis. One run is
 * not enough to grow it back; a few are. Hence SETTLE_RUNS.
 *
 * A forced full GC also frees what an editor never frees between two analyses, and the JavaScript engine
 * then throws away compiled code that only the freed objects made use of: the next runs of the analysis pay
 * for compiling it again, which JSON.parse, in C++, never does. Measured here, the 1,000-step analysis takes
 * 10–15 runs after a forced GC to come back to its usual 3 ms, and the 10,000-step one about 5. So the
 * untimed runs after the GC last at least SETTLE_MS too: the sample then measures the analysis as an editor
 * that has been analysing for a while runs it.
 *
 * An async subject (`runAsync`, for the peer: VS Code's JSON language service validates through a promise)
 * is timed with its `await`s inside the timed region. Before and after each of its samples
 * the event loop turns once (`drain`), so whatever it left queued runs outside every timed region; a sync
 * subject's sample never yields, so no other subject's microtask can run inside it.
 */

export interface Subject {
  readonly name: string;
  readonly run: () => unknown;
}

/** A subject whose run is awaited: its promise's settling is part of the time. */
export interface AsyncSubject {
  readonly name: string;
  readonly runAsync: () => PromiseLike<unknown>;
}

export type AnySubject = Subject | AsyncSubject;

export interface Timing {
  readonly name: string;
  /** Milliseconds per run. */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** ms per run, one per round, in round order (so two subjects can be compared round by round). */
  readonly samples: readonly number[];
}

export interface MeasureOptions {
  readonly rounds: number;
  readonly warmup: number;
  /** A sample shorter than this is repeated; hrtime is precise, but one 20 µs run is mostly noise. */
  readonly minSampleMs?: number;
  /**
   * Before each sample: a full GC, so no other subject's garbage (or its unfinished incremental marking) is
   * charged to this one, then untimed runs (SETTLE_RUNS, and SETTLE_MS) which grow the heap back to this
   * subject's working size and let the engine compile its code again (see above); the cleanest numbers.
   * Without it, a GC starts each round instead.
   */
  readonly settle?: boolean;
  readonly progress?: (done: number, total: number) => void;
}

/** Untimed runs (of `reps` each) between the GC and the sample, with `settle`: at least this many… */
const SETTLE_RUNS = 3;
/** …and for at least this long. */
export const SETTLE_MS = 250;

const gcFunction = (globalThis as { gc?: () => void }).gc;

export function hasGc(): boolean {
  return typeof gcFunction === 'function';
}

export function collectGarbage(): void {
  gcFunction?.();
}

/** Milliseconds per run of `fn`, over `reps` runs. */
export function time(fn: () => unknown, reps = 1): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / reps;
}

/** Milliseconds per run of `fn`, over `reps` runs, each awaited before the next starts. */
export async function timeAsync(fn: () => PromiseLike<unknown>, reps = 1): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) await fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / reps;
}

/** One turn of the event loop: every pending microtask (and nextTick) runs before this resolves. */
export function drain(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times `subjects` side by side, as the header says. A sync subject is timed without yielding; an async one
 * with `timeAsync`, after and before a `drain`.
 */
export async function measure(subjects: readonly AnySubject[], options: MeasureOptions): Promise<Timing[]> {
  const minSampleMs = options.minSampleMs ?? 10;
  const reps = subjects.map(() => 1);
  const samples: number[][] = subjects.map(() => []);
  const total = options.warmup + options.rounds;
  const sample = async (subject: AnySubject, count: number): Promise<number> => {
    if (!('runAsync' in subject)) return time(subject.run, count);
    await drain();
    const ms = await timeAsync(subject.runAsync, count);
    await drain();
    return ms;
  };

  for (let w = 0; w < options.warmup; w++) {
    collectGarbage();
    for (let i = 0; i < subjects.length; i++) {
      if (options.settle) await settle(() => sample(subjects[i]!, reps[i]!));
      reps[i] = calibrated(await sample(subjects[i]!, reps[i]!), minSampleMs);
    }
    options.progress?.(w + 1, total);
  }
  for (let r = 0; r < options.rounds; r++) {
    if (!options.settle) collectGarbage();
    for (let k = 0; k < subjects.length; k++) {
      const i = (k + r) % subjects.length;
      if (options.settle) {
        collectGarbage();
        await settle(() => sample(subjects[i]!, reps[i]!));
      }
      samples[i]!.push(await sample(subjects[i]!, reps[i]!));
    }
    options.progress?.(options.warmup + r + 1, total);
  }
  return summarise(subjects, samples);
}

/** Untimed runs after a forced GC: SETTLE_RUNS of them, and more until SETTLE_MS have passed. */
async function settle(run: () => PromiseLike<unknown>): Promise<void> {
  const started = process.hrtime.bigint();
  for (let runs = 0; runs < SETTLE_RUNS || msSince(started) < SETTLE_MS; runs++) await run();
}

function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs per sample, from the last warm-up run (when the code is optimised): a sample lasts `minSampleMs`. */
function calibrated(ms: number, minSampleMs: number): number {
  return Math.min(10_000, Math.max(1, Math.ceil(minSampleMs / Math.max(ms, 0.001))));
}

function summarise(subjects: readonly { readonly name: string }[], samples: readonly (readonly number[])[]): Timing[] {
  return subjects.map((subject, i) => ({
    name: subject.name,
    median: median(samples[i]!),
    min: Math.min(...samples[i]!),
    max: Math.max(...samples[i]!),
    samples: samples[i]!,
  }));
}
