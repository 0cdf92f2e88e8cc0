import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codes, diagnosticsWhere, showFile } from '../helpers';

describe('Restricted Mode', () => {
  it('runs in an untrusted workspace and still reports problems', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this run must have the folder untrusted');
    const editor = await showFile('kb811272-rc2-to-rtm.clusterplan');
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '{'));
    const diagnostics = await diagnosticsWhere(editor.document.uri, (d) => codes(d).includes('syntax'), 'syntax');
    assert.ok(diagnostics.length > 0);
    assert.ok(vscode.extensions.getExtension('clusterplan.clusterplan')?.isActive);
  });
});
