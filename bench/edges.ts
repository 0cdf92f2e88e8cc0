/**
 * Plans at the edges of what clusterplan accepts, each of which once took work that grew faster than the
 * plan (issue 16): a check of a plan with 5,000 aliases and 2,000 misspelt references ("did you mean"),
 * simulate's table of a 30,000-step plan with a finding on every step, and the three runbooks of the
 * benchmark's 100,000-step plan. Each subject is timed on its own, warm, with a GC before each round.
 *
 *   node --expose-gc out/bench/edges.js      runs them on their own, with a few rounds
 */
import { formatTimeline } from '../src/cli/simulateTable';
import { analyze, exportRunbook, type RunbookFormat } from '../src/core';
import { generatePlan } from './generate';
import { measure, type Timing } from './measure';

/** The check of the alias plan must take under a second, as the issue asks. */
export const ALIASES_BUDGET_MS = 1000;
export const ALIASES = 5000;
export const MISSPELT = 2000;
export const EVERY_STEP = 30_000;
const FORMATS: readonly RunbookFormat[] = ['cmd', 'powershell', 'markdown'];

export interface EdgeTimings {
  readonly aliases: Timing;
  readonly simulateTable: Timing;
  /** One per format, on the 100,000-step plan; `characters` is the runbook's length. */
  readonly runbooks: readonly { readonly format: RunbookFormat; readonly timing: Timing; readonly characters: number }[];
}

/** ALIASES aliases of the plan's own, 13 characters each, and MISSPELT upgrades to as many misspellings. */
export function aliasPlan(): string {
  const versions: string[] = [];
  for (let i = 0; i < ALIASES; i++) versions.push(`    "build-${String(i).padStart(4, '0')}-sp": { "highest": "4.${3791 + i}", "lowest": "3.2195" }`);
  const steps: string[] = [];
  for (let i = 0; i < MISSPELT; i++) steps.push(`    { "action": "upgrade", "node": "NODE1", "to": "bulid-${String(i).padStart(4, '0')}-sp" }`);
  return `{\n  "versions": {\n${versions.join(',\n')}\n  },\n  "nodes": { "NODE1": { "version": "ws2003-rtm", "state": "stopped" } },\n  "steps": [\n${steps.join(',\n')}\n  ]\n}\n`;
}

/** EVERY_STEP starts of a node that already runs: an already-running warning on every step. */
export function findingOnEveryStep(): string {
  const steps = Array.from({ length: EVERY_STEP }, () => '    { "action": "start", "node": "NODE1" }');
  return `{\n  "nodes": { "NODE1": { "version": "ws2003-rtm" } },\n  "steps": [\n${steps.join(',\n')}\n  ]\n}\n`;
}

export async function measureEdges(rounds: number, progress: () => void): Promise<EdgeTimings> {
  const options = { rounds, warmup: 1, minSampleMs: 50, progress };
  const aliasText = aliasPlan();
  const [aliases] = await measure([{ name: 'aliases', run: () => analyze(aliasText) }], options);
  const everyStep = analyze(findingOnEveryStep());
  const [simulateTable] = await measure([{ name: 'simulate table', run: () => formatTimeline(everyStep) }], options);
  const large = analyze(generatePlan({ steps: 100_000, variant: 'clean' }).text);
  const runbooks = [];
  for (const format of FORMATS) {
    const result = exportRunbook(large, format);
    if (!result.ok) throw new Error(`the 100,000-step plan was not exported as ${format}: ${result.problems[0]?.message}`);
    const [timing] = await measure([{ name: format, run: () => exportRunbook(large, format) }], options);
    runbooks.push({ format, timing: timing!, characters: result.text.length });
  }
  return { aliases: aliases!, simulateTable: simulateTable!, runbooks };
}

if (require.main === module) {
  void measureEdges(3, () => process.stdout.write('.')).then((t) => {
    process.stdout.write('\n');
    process.stdout.write(`check, ${ALIASES} aliases and ${MISSPELT} misspellings: ${t.aliases.median.toFixed(0)} ms (budget ${ALIASES_BUDGET_MS} ms)\n`);
    process.stdout.write(`simulate table, ${EVERY_STEP} steps with a finding each: ${t.simulateTable.median.toFixed(0)} ms\n`);
    for (const r of t.runbooks) process.stdout.write(`export ${r.format}, 100,000 steps: ${r.timing.median.toFixed(0)} ms, ${r.characters} characters\n`);
  });
}
