import Module from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { generatePlan } from '../../../bench/generate';
import { performanceDoc, writeTextBlock } from '../../../bench/results';
import type { ClusterplanApi } from '../../../src/extension/extension';
import { codes, diagnosticsWhere } from '../helpers';

const EDITS = 20;
/** Edits before the timed ones: the window is slow to take the first edits, and V8 compiles the providers. */
const WARMUP_EDITS = 3;
const TARGET_ACTIVATION_MS = 20;
const TARGET_P95_MS = 50;

/**
 * `npm run bench:editor`, run inside the real VS Code: activation time, and on a 1,000-step plan the time
 * from an edit to its new diagnostics minus the configured delay, over 20 edits. It prints; it never fails
 * the run on a missed target (timings stay out of the tests).
 */
export async function run(): Promise<void> {
  const { api, requireMs, outerMs } = await timedActivation();
  const activationMs = requireMs + api.activationMs;
  const delay = vscode.workspace.getConfiguration('clusterplan').get<number>('validate.delay', 250);
  const { text } = generatePlan({ steps: 1000, variant: 'clean', seed: 1 });
  const document = await vscode.workspace.openTextDocument({ language: 'clusterplan', content: text });
  const editor = await vscode.window.showTextDocument(document);
  await diagnosticsWhere(document.uri, () => true, 'the first check', 60_000);

  // Each edit misspells or restores one node reference, so the diagnostics change every time.
  const target = text.indexOf('"node": "NODE01"') + '"node": "'.length;
  // Clocks per edit: when the change reached the extension host (the edit's round trip through the window),
  // when the client's handleDiagnostics middleware set the server's new diagnostics (they go to the window at
  // once), and when languages.onDidChangeDiagnostics reported them, which VS Code debounces by 50 ms.
  let latencies: number[] = [];
  let reported: number[] = [];
  let own: number[] = [];
  for (let i = 0; i < WARMUP_EDITS + EDITS; i++) {
    const misspelt = i % 2 === 0;
    const range = new vscode.Range(document.positionAt(target), document.positionAt(target + 6));
    const started = performance.now();
    let set = NaN;
    let changed = NaN;
    const changes = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === document && Number.isNaN(changed)) changed = performance.now();
    });
    const validated = api.onDidValidate((v) => {
      if (v.uri.toString() === document.uri.toString() && Number.isNaN(set) && codes(vscode.languages.getDiagnostics(document.uri)).includes('unknown-node') === misspelt) set = performance.now();
    });
    await editor.edit((b) => b.replace(range, misspelt ? 'NODX01' : 'NODE01'));
    await diagnosticsWhere(document.uri, (d) => codes(d).includes('unknown-node') === misspelt, `edit ${i + 1}`, 30_000);
    const event = performance.now();
    validated.dispose();
    changes.dispose();
    if (Number.isNaN(set) || Number.isNaN(changed)) throw new Error(`edit ${i + 1}: onDidChangeDiagnostics came without onDidChangeTextDocument and onDidValidate`);
    latencies.push(set - started - delay);
    reported.push(event - started - delay);
    own.push(set - changed - delay);
  }
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  const warmup = latencies.slice(0, WARMUP_EDITS);
  latencies = latencies.slice(WARMUP_EDITS);
  reported = reported.slice(WARMUP_EDITS);
  own = own.slice(WARMUP_EDITS);

  const percentile = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  };
  const p = percentile(latencies);
  const r = percentile(reported);
  const o = percentile(own);
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const lines = [
    `editor benchmark (VS Code ${vscode.version}, ${EDITS} edits on a 1,000-step plan, delay ${delay} ms)`,
    `activation: ${activationMs.toFixed(1)} ms (target ≤ ${TARGET_ACTIVATION_MS} ms) ${verdict(activationMs <= TARGET_ACTIVATION_MS)}: the require of dist/extension.js ${requireMs.toFixed(1)} ms, then activate() ${api.activationMs.toFixed(1)} ms`,
    `Extension.activate() as the benchmark calls it, VS Code's own work included (the extension's storage, its context): ${outerMs.toFixed(1)} ms`,
    `edit → diagnostics set, minus delay: p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${p(1).toFixed(1)} ms (target p95 ≤ ${TARGET_P95_MS} ms) ${verdict(p(0.95) <= TARGET_P95_MS)}`,
    `of which the client and the server's part, change event → diagnostics set, minus delay: p50 ${o(0.5).toFixed(1)} ms, p95 ${o(0.95).toFixed(1)} ms, max ${o(1).toFixed(1)} ms`,
    `edit → languages.onDidChangeDiagnostics, minus delay (VS Code adds its 50 ms debounce): p50 ${r(0.5).toFixed(1)} ms, p95 ${r(0.95).toFixed(1)} ms, max ${r(1).toFixed(1)} ms`,
  ];
  lines.push(`each edit, diagnostics set minus delay (ms): ${warmup.map((l) => l.toFixed(0)).join(' ')} (the first ${WARMUP_EDITS}, untimed: the window and V8 warm up) | ${latencies.map((l) => l.toFixed(0)).join(' ')}`);
  for (const line of lines) console.log(`bench:editor: ${line}`);
  writeResults(lines);
}

/**
 * Activation as VS Code's "Show Running Extensions" counts it: the require of the bundle (its reading,
 * compiling and top-level code, so its size counts), then activate() until its promise resolves. The
 * require is timed where the extension host makes it, through Node's module loader; activate() times
 * itself (ClusterplanApi.activationMs). Nothing has opened a plan yet, so the extension is not active.
 */
async function timedActivation(): Promise<{ api: ClusterplanApi; requireMs: number; outerMs: number }> {
  const extension = vscode.extensions.getExtension<ClusterplanApi>('clusterplan.clusterplan')!;
  if (extension.isActive) throw new Error('the extension is already active, so its activation cannot be timed');
  const main = path.join(extension.extensionPath, 'dist', 'extension.js');
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  let requireMs = NaN;
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    if (path.resolve(request) !== main) return load.call(this, request, ...rest);
    const started = performance.now();
    try {
      return load.call(this, request, ...rest);
    } finally {
      requireMs = performance.now() - started;
    }
  };
  try {
    const started = performance.now();
    const api = await extension.activate();
    const outerMs = performance.now() - started;
    if (Number.isNaN(requireMs)) throw new Error(`the extension host did not load ${main} through Node's module loader, so its require could not be timed`);
    return { api, requireMs, outerMs };
  } finally {
    loader._load = load;
  }
}

/** The results go into docs/performance.md between its bench-editor markers, with the date and the machine. */
function writeResults(lines: readonly string[]): void {
  const file = performanceDoc(path.resolve(__dirname, '../../../..'));
  writeTextBlock(file, 'bench-editor', '`npm run bench:editor`', lines);
  console.log(`bench:editor: results written into ${file}`);
}
