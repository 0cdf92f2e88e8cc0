import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, codes, diagnosticsWhere, showPlan } from '../helpers';

describe('the packaged extension', () => {
  it('is installed from the .vsix, not the source tree, and reports problems', async () => {
    const extension = vscode.extensions.getExtension('clusterplan.clusterplan');
    assert.ok(extension, 'the .vsix is installed');
    const repo = path.resolve(__dirname, '../../../..');
    assert.notEqual(path.resolve(extension.extensionPath), repo, 'loaded from the extensions folder');
    const editor = await showPlan('{ "nodes": { "N1": { "version": "ws2003" } }, "steps": [ { "action": "join", "node": "N1" } ] }');
    const diagnostics = await diagnosticsWhere(editor.document.uri, (d) => codes(d).includes('already-running'), 'already-running');
    assert.ok(diagnostics.length > 0);
  });

  it('links each diagnostic to its rule\'s page, a file of the installed package', async () => {
    const extension = vscode.extensions.getExtension('clusterplan.clusterplan')!;
    const editor = await showPlan('{ "nodes": { "N1": { "version": "ws2003" } }, "steps": [ { "action": "join", "node": "N1" } ] }');
    const diagnostics = await diagnosticsWhere(editor.document.uri, (d) => codes(d).includes('already-running'), 'already-running');
    const code = diagnostics.find((d) => codeOf(d) === 'already-running')!.code as { value: string; target: vscode.Uri };
    assert.equal(path.resolve(code.target.fsPath), path.join(path.resolve(extension.extensionPath), 'docs', 'rules', 'already-running.md'));
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(code.target));
    assert.match(page, /^# already-running\n/);
  });
});
