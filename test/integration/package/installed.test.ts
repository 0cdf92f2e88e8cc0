import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codes, diagnosticsWhere, showPlan } from '../helpers';

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
});
