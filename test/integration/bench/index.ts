import * as vscode from 'vscode';
import { generatePlan } from '../../../bench/generate';
import { codes, diagnosticsWhere } from '../helpers';

const EDITS = 20;
const TARGET_ACTIVATION_MS = 20;
const TARGET_P95_MS = 50;

/**
 * `npm run bench:editor`, run inside the real VS Code: activation time, and on a 1,000-step plan the time
 * from an edit to its new diagnostics minus the configured delay, over 20 edits. It prints; it never fails
 * the run on a missed target (timings stay out of the tests).
 */
export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('clusterplan.clusterplan')!;
  const api = await extension.activate();
  const delay = vscode.workspace.getConfiguration('clusterplan').get<number>('validate.delay', 250);
  const { text } = generatePlan({ steps: 1000, variant: 'clean', seed: 1 });
  const document = await vscode.workspace.openTextDocument({ language: 'clusterplan', content: text });
  const editor = await vscode.window.showTextDocument(document);
  await diagnosticsWhere(document.uri, () => true, 'the first check', 60_000);

  // Each edit misspells or restores one node reference, so the diagnostics change every time.
  const target = text.indexOf('"node": "NODE01"') + '"node": "'.length;
  const latencies: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const misspelt = i % 2 === 0;
    const range = new vscode.Range(document.positionAt(target), document.positionAt(target + 6));
    const started = performance.now();
    await editor.edit((b) => b.replace(range, misspelt ? 'NODX01' : 'NODE01'));
    await diagnosticsWhere(document.uri, (d) => codes(d).includes('unknown-node') === misspelt, `edit ${i + 1}`, 30_000);
    latencies.push(performance.now() - started - delay);
  }
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

  const sorted = [...latencies].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const lines = [
    `editor benchmark (VS Code ${vscode.version}, ${EDITS} edits on a 1,000-step plan, delay ${delay} ms)`,
    `activation: ${api.activationMs.toFixed(1)} ms (target ≤ ${TARGET_ACTIVATION_MS} ms) ${verdict(api.activationMs <= TARGET_ACTIVATION_MS)}`,
    `edit → diagnostics minus delay: p50 ${p(0.5).toFixed(1)} ms, p95 ${p(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1]!.toFixed(1)} ms (target p95 ≤ ${TARGET_P95_MS} ms) ${verdict(p(0.95) <= TARGET_P95_MS)}`,
  ];
  for (const line of lines) console.log(`bench:editor: ${line}`);
}
