/**
 * Where the analysis spends its time: the phases of `analyze` timed one by one with the core's own
 * modules, in the order `analyze` runs them (each phase needs the previous one's output). One full GC
 * before the warm-up round and none after (see measure.ts: a forced GC would charge its heap reset to the
 * next phase). `node --expose-gc out/bench/phases.js 10000 clean` runs it on its own.
 */
import { parseTree } from 'jsonc-parser';
import { analyze } from '../src/core/analyze';
import { PlanDocument } from '../src/core/planDocument';
import type { Plan } from '../src/core/plan';
import { readPlan } from '../src/core/readPlan';
import { RULES } from '../src/core/rules';
import { simulate } from '../src/core/simulate';
import { PARSE_OPTIONS } from '../src/core/tree';
import { generatePlan, type Variant } from './generate';
import { collectGarbage, median, time } from './measure';

export interface PhaseTimings {
  /** Per phase: median and min in ms. */
  readonly phases: readonly { readonly name: string; readonly median: number; readonly min: number }[];
  /** The slowest rules: median ms. */
  readonly rules: readonly { readonly code: string; readonly median: number }[];
}

const PHASES = [
  'document', // jsonc-parser's scanner (nesting, comments), then the tree from its visit events (tree.ts)
  'readPlan',
  'simulate',
  'rules', // text and plan rules
  'sum of phases',
  'analyze (whole)',
  'parseTree alone',
] as const;

/** The phases that add up to the sum. */
export const SHARED: ReadonlySet<string> = new Set(['document', 'readPlan', 'simulate', 'rules']);

export function phaseBreakdown(text: string, rounds: number, warmup = 1): PhaseTimings {
  const samples = new Map<string, number[]>(PHASES.map((p) => [p, []]));
  const ruleSamples = new Map<string, number[]>(RULES.map((r) => [r.code, []]));
  // One full GC before the warm-up round, none after: the warm-up grows the heap to its working size and the
  // measured rounds then run in that steady state.
  collectGarbage();
  for (let round = 0; round < warmup + rounds; round++) {
    const record = round >= warmup;
    const put = (name: string, ms: number) => record && samples.get(name)!.push(ms);

    // As analyze runs: the document, the model, the simulation, the rules.
    let document!: PlanDocument;
    const documentMs = time(() => (document = new PlanDocument(text)));
    let plan!: Plan;
    const readMs = time(() => (plan = readPlan(document.root!, text)));
    let timeline!: ReturnType<typeof simulate>;
    const simulateMs = time(() => (timeline = simulate(plan)));
    const rulesMs = time(() => {
      // The rules' own work: each message is kept, as analyze keeps it, but the finding around it (pointer,
      // range, severity) and the sort are left to the whole analysis. So are the rules about other findings
      // (suppression comments): none of these plans has one.
      const messages: string[] = [];
      for (const rule of RULES) {
        const start = process.hrtime.bigint();
        if (rule.needs === 'text') rule.check(document, (_offset, _length, message) => messages.push(message));
        else if (rule.needs === 'plan') rule.check({ document, plan, timeline }, (_where, message) => messages.push(message));
        if (record) ruleSamples.get(rule.code)!.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      return messages;
    });
    const wholeMs = time(() => analyze(text));
    // jsonc-parser's parseTree alone, for comparison with "document".
    const treeOnly = time(() => parseTree(text, [], PARSE_OPTIONS));

    put('document', documentMs);
    put('readPlan', readMs);
    put('simulate', simulateMs);
    put('rules', rulesMs);
    put('sum of phases', documentMs + readMs + simulateMs + rulesMs);
    put('analyze (whole)', wholeMs);
    put('parseTree alone', treeOnly);
  }
  return {
    phases: PHASES.map((name) => ({ name, median: median(samples.get(name)!), min: Math.min(...samples.get(name)!) })),
    rules: [...ruleSamples]
      .map(([code, s]) => ({ code, median: median(s) }))
      .sort((a, b) => b.median - a.median),
  };
}

if (require.main === module) {
  const [steps = '10000', variant = 'clean', rounds = '5'] = process.argv.slice(2);
  const { text } = generatePlan({ steps: Number(steps), variant: variant as Variant });
  const result = phaseBreakdown(text, Number(rounds));
  const whole = result.phases.find((p) => p.name === 'sum of phases')!.median;
  for (const p of result.phases) {
    const share = SHARED.has(p.name) ? `  ${((100 * p.median) / whole).toFixed(0)}%` : '';
    console.log(`${p.name.padEnd(18)} ${p.median.toFixed(1).padStart(9)} ms  (min ${p.min.toFixed(1)})${share}`);
  }
  console.log('slowest rules: ' + result.rules.slice(0, 5).map((r) => `${r.code} ${r.median.toFixed(2)} ms`).join(', '));
}
