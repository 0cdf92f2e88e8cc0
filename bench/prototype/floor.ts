/**
 * PROTOTYPE floor experiment (not equivalent to the analysis, not used by src/): what the cheapest design
 * for ≤ 3× JSON.parse would cost on the benchmark plans, stage by stage. It answers "is the target
 * reachable at all in JavaScript", not "is this the analysis": it reads only the shapes the generated plans
 * use and simulates without the join-attempt details the rules report.
 *
 * 1. `JSON.parse` reads the values (C++; JSONC would first need its comments and trailing commas blanked
 *    to spaces, same offsets, and only when the first JSON.parse throws).
 * 2. `stepSpans`: one JavaScript pass that finds where each element of "steps" starts and ends, so that
 *    a finding's range is found without a tree (strings skipped with indexOf).
 * 3. `readCompact`: steps into one compact record each (node names resolved to indexes once).
 * 4. `simulateCompact`: node state in typed arrays, one outcome code and the cluster versions per step in
 *    typed arrays; no object per step.
 *
 *   node --expose-gc out/bench/prototype/floor.js [steps]
 */
import { generatePlan } from '../generate';
import { measure } from '../measure';

/** The start and end offsets of the elements of the top-level "steps" array, or undefined. */
export function stepSpans(text: string): Int32Array | undefined {
  const key = text.indexOf('"steps"');
  if (key < 0) return undefined;
  let i = text.indexOf('[', key);
  if (i < 0) return undefined;
  let spans = new Int32Array(1024);
  let count = 0;
  let depth = 0;
  let start = -1;
  const n = text.length;
  for (i++; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let j = text.indexOf('"', i + 1);
      while (j > 0 && text.charCodeAt(j - 1) === 92) {
        let k = j - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j = text.indexOf('"', j + 1);
      }
      if (j < 0) return undefined;
      if (depth === 0 && start < 0) start = i;
      i = j;
    } else if (c === 123 || c === 91) {
      if (depth++ === 0) start = i;
    } else if (c === 125 || c === 93) {
      if (depth === 0) break; // the end of "steps"
      if (--depth === 0) {
        if (count * 2 + 2 > spans.length) {
          const bigger = new Int32Array(spans.length * 2);
          bigger.set(spans);
          spans = bigger;
        }
        spans[count * 2] = start;
        spans[count * 2 + 1] = i + 1;
        count++;
        start = -1;
      }
    }
  }
  return spans.subarray(0, count * 2);
}

const ACTION_CODES: Readonly<Record<string, number>> = { stop: 1, start: 2, join: 3, restart: 4, upgrade: 5, 'set-registry': 6, 'delete-registry': 7, 'cluster-security': 8, note: 9 };
const VERSIONS: Readonly<Record<string, [number, number]>> = { 'ws2003-rc2': [(4 << 16) | 3718, (3 << 16) | 2195], 'ws2003-rtm': [(4 << 16) | 3790, (3 << 16) | 2195] };

function parseMajorMinor(value: string): number {
  const dot = value.indexOf('.');
  return ((Number(value.slice(0, dot)) << 16) | Number(value.slice(dot + 1))) >>> 0;
}

export interface CompactPlan {
  readonly names: readonly string[];
  readonly initialHighest: Int32Array;
  readonly initialLowest: Int32Array;
  readonly initialRunning: Uint8Array;
  readonly action: Uint8Array;
  readonly target: Int16Array;
  readonly sponsor: Int16Array;
  readonly toHighest: Int32Array;
  readonly toLowest: Int32Array;
  readonly data: Int32Array;
}

export function readCompact(parsed: { nodes: Record<string, { version?: string; state?: string }>; steps: Record<string, unknown>[] }): CompactPlan {
  const names = Object.keys(parsed.nodes);
  const index = new Map(names.map((name, i) => [name.toUpperCase(), i]));
  const initialHighest = new Int32Array(names.length);
  const initialLowest = new Int32Array(names.length);
  const initialRunning = new Uint8Array(names.length);
  names.forEach((name, i) => {
    const node = parsed.nodes[name]!;
    const [h, l] = VERSIONS[node.version ?? ''] ?? [0, 0];
    initialHighest[i] = h;
    initialLowest[i] = l;
    initialRunning[i] = node.state === 'stopped' ? 0 : 1;
  });
  const steps = parsed.steps;
  const count = steps.length;
  const plan: CompactPlan = {
    names,
    initialHighest,
    initialLowest,
    initialRunning,
    action: new Uint8Array(count),
    target: new Int16Array(count),
    sponsor: new Int16Array(count),
    toHighest: new Int32Array(count),
    toLowest: new Int32Array(count),
    data: new Int32Array(count),
  };
  const versionCache = new Map<string, number>();
  const version = (v: string) => {
    let r = versionCache.get(v);
    if (r === undefined) versionCache.set(v, (r = parseMajorMinor(v)));
    return r;
  };
  for (let i = 0; i < count; i++) {
    const step = steps[i]!;
    // Every key checked against the action's allowed keys, as readPlan does for its schema issues.
    let known = 0;
    for (const key in step) known += key.length > 0 ? 1 : 0;
    const action = ACTION_CODES[step.action as string] ?? 0;
    plan.action[i] = action;
    const node = step.node;
    plan.target[i] = typeof node === 'string' ? (index.get(node.toUpperCase()) ?? -1) : -1;
    const sponsor = step.sponsor;
    plan.sponsor[i] = typeof sponsor === 'string' ? (index.get(sponsor.toUpperCase()) ?? -1) : -1;
    if (action === 5) {
      const to = step.to as string | { highest: string; lowest: string };
      if (typeof to === 'string') {
        const pair = VERSIONS[to];
        plan.toHighest[i] = pair ? pair[0] : 0;
        plan.toLowest[i] = pair ? pair[1] : 0;
      } else {
        plan.toHighest[i] = version(to.highest);
        plan.toLowest[i] = version(to.lowest);
      }
    } else if (action === 6) {
      plan.data[i] = step.type === undefined || step.type === 'REG_DWORD' ? Number(step.data) : -1;
    }
    plan.data[i] += known & 0; // keeps the key walk from being optimised away
  }
  return plan;
}

/** Per step: outcome (0 none, 1 joined, 2 refused, 3 already running, 4 formed), active count, versions. */
export function simulateCompact(plan: CompactPlan) {
  const n = plan.names.length;
  const count = plan.action.length;
  const highest = Int32Array.from(plan.initialHighest);
  const lowest = Int32Array.from(plan.initialLowest);
  const running = Uint8Array.from(plan.initialRunning);
  const registry = new Uint8Array(n);
  const bypass = new Uint8Array(n);
  const outcome = new Uint8Array(count);
  const active = new Uint8Array(count);
  const clusterHighest = new Int32Array(count);
  const clusterLowest = new Int32Array(count);
  const cluster = () => {
    let h = 0x7fffffff;
    let l = 0;
    let a = 0;
    for (let k = 0; k < n; k++) {
      if (!running[k]) continue;
      a++;
      if (highest[k]! < h) h = highest[k]!;
      if (lowest[k]! > l) l = lowest[k]!;
    }
    return [a, h, l] as const;
  };
  for (let i = 0; i < count; i++) {
    const t = plan.target[i]!;
    const action = plan.action[i]!;
    if (t >= 0) {
      if (action === 1) running[t] = 0;
      else if (action === 5) {
        running[t] = 0;
        bypass[t] = 0;
        highest[t] = plan.toHighest[i]!;
        lowest[t] = plan.toLowest[i]!;
      } else if (action === 6) registry[t] = plan.data[i] === 1 ? 1 : 2;
      else if (action === 7) registry[t] = 0;
      else if (action >= 2 && action <= 4) {
        if (running[t] && action !== 4) outcome[i] = 3;
        else {
          running[t] = 0;
          const [a, h, l] = cluster();
          const me = registry[t] === 1 ? 1 : 0;
          let skipped = me === 1;
          const s = plan.sponsor[i]!;
          if (skipped) {
            if (s >= 0 && running[s]) skipped = bypass[s] === 1;
            else for (let k = 0; k < n && skipped; k++) if (running[k] && !bypass[k]) skipped = false;
          }
          if (a === 0) outcome[i] = 4;
          else if (skipped || highest[t] === h || lowest[t] === h || highest[t] === l) outcome[i] = 1;
          else outcome[i] = 2;
          if (outcome[i] !== 2) {
            running[t] = 1;
            bypass[t] = me;
          }
        }
      }
    }
    const [a, h, l] = cluster();
    active[i] = a;
    clusterHighest[i] = h;
    clusterLowest[i] = l;
  }
  return { outcome, active, clusterHighest, clusterLowest };
}

/** A stand-in for the twenty rules: each a pass over the per-step arrays. */
export function rulesCompact(plan: CompactPlan, timeline: ReturnType<typeof simulateCompact>): number {
  let findings = 0;
  for (let rule = 0; rule < 20; rule++) {
    for (let i = 0; i < plan.action.length; i++) {
      if (timeline.outcome[i] === 2 || (rule === 1 && plan.target[i]! < 0 && plan.action[i]! !== 8 && plan.action[i]! !== 9) || (rule === 2 && timeline.active[i] === 0)) findings++;
    }
  }
  return findings;
}

if (require.main === module) {
  for (const steps of process.argv.slice(2).length ? process.argv.slice(2).map(Number) : [10_000, 100_000]) {
    const text = generatePlan({ steps, variant: 'clean' }).text;
    const parsed = JSON.parse(text);
    const compact = readCompact(parsed);
    const timeline = simulateCompact(compact);
    const timings = measure(
      [
        { name: 'JSON.parse', run: () => JSON.parse(text) },
        { name: 'stepSpans', run: () => stepSpans(text) },
        { name: 'readCompact', run: () => readCompact(parsed) },
        { name: 'simulateCompact', run: () => simulateCompact(compact) },
        { name: 'rulesCompact (20 passes)', run: () => rulesCompact(compact, timeline) },
        {
          name: 'all of the above',
          run: () => {
            const p = JSON.parse(text);
            const spans = stepSpans(text);
            const c = readCompact(p);
            return [spans, rulesCompact(c, simulateCompact(c))];
          },
        },
      ],
      { rounds: steps >= 100_000 ? 7 : 15, warmup: 3, minSampleMs: 50, settle: true },
    );
    const base = timings[0]!.median;
    const baseMin = timings[0]!.min;
    console.log(`${steps.toLocaleString('en-US')} steps, clean: median ms (min), × JSON.parse by median (by min)`);
    for (const t of timings) console.log(`  ${t.name.padEnd(26)} ${t.median.toFixed(2).padStart(8)} (${t.min.toFixed(2)})  ${(t.median / base).toFixed(2)}× (${(t.min / baseMin).toFixed(2)}×)`);
    console.log(`  (${stepSpans(text)!.length / 2} step spans; ${timeline.outcome.filter((o) => o === 2).length} refused joins)`);
  }
}
