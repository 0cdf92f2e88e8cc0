import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codes, diagnosticsWhere, showPlan } from '../helpers';

/** "Suppress … on this line" as the lightbulb applies it: what the Problems panel counts, and where the cursor is. */

/**
 * Resolves once `check` holds: checked at once, then on every edit and selection change. Rejects after
 * `timeoutMs` naming what it waited for.
 */
function until(check: () => boolean, waitingFor: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const done = () => {
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
    };
    const test = () => {
      if (!check()) return;
      done();
      resolve();
    };
    subscriptions.push(vscode.workspace.onDidChangeTextDocument(test), vscode.window.onDidChangeTextEditorSelection(test));
    const timer = setTimeout(() => {
      done();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${waitingFor}`));
    }, timeoutMs);
    test();
  });
}

/** Errors and warnings: what the Problems panel counts. Hints are not listed there. */
function problems(diagnostics: readonly vscode.Diagnostic[]): number {
  return diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning).length;
}

describe('suppressing a finding', () => {
  afterEach(closeAllEditors);

  it('adds no error or warning, leaves the cursor where the reason goes, and typing the reason ends the hint', async () => {
    const text = '{\n  "nodes": { "NODE1": { "version": "ws2003-rtm" } },\n  "steps": [\n    { "action": "stop", "node": "NODE1" }\n  ]\n}';
    const editor = await showPlan(text);
    const document = editor.document;
    const before = await diagnosticsWhere(document.uri, (d) => codes(d).includes('cluster-offline'), 'cluster-offline');
    assert.equal(problems(before), 1);

    // As from the lightbulb: the cursor on the finding, and VS Code applies the quick fix itself.
    editor.selection = new vscode.Selection(before[0]!.range.start, before[0]!.range.start);
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, before[0]!.range, 'quickfix');
    assert.deepEqual(offered.map((a) => a.title), ['Suppress cluster-offline on this line…']);
    await vscode.commands.executeCommand('editor.action.codeAction', { kind: 'quickfix', apply: 'first' });

    const comment = '    // clusterplan-disable-next-line cluster-offline -- ';
    const expected = text.replace('    { "action": "stop"', `${comment}\n    { "action": "stop"`);
    const reasonAt = new vscode.Position(3, comment.length);
    await until(() => document.getText() === expected && editor.selection.isEmpty && editor.selection.active.isEqual(reasonAt), 'the comment, and the cursor after "-- "');

    const unfinished = await diagnosticsWhere(document.uri, (d) => !codes(d).includes('cluster-offline'), 'the finding to be hidden');
    assert.equal(problems(unfinished), 0, 'no error or warning after the fix');
    assert.deepEqual(
      unfinished.map((d) => [d.code && typeof d.code === 'object' ? d.code.value : d.code, d.severity, d.message, d.range.start.line]),
      [['suppression-reason-missing', vscode.DiagnosticSeverity.Hint, 'Add a reason after "--": why it is safe to hide cluster-offline here.', 3]],
    );

    await vscode.commands.executeCommand('type', { text: 'planned outage' });
    assert.equal(document.lineAt(3).text, `${comment}planned outage`);
    await diagnosticsWhere(document.uri, (d) => d.length === 0, 'no finding once the reason is written');
  });
});
