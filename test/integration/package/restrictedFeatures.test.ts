import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codes, diagnosticsWhere, showPlan } from '../helpers';

describe('Restricted Mode: the editor features still work', () => {
  it('offers and applies quick fixes, and fills the Cluster Versions tree', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const text = '{\n  "nodes": { "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true }, "NODE2": { "version": "ws2003-rtm" } },\n  "steps": [\n    { "action": "stop", "node": "NODE2" }\n  ]\n}';
    const editor = await showPlan(text);
    const [leftover] = await diagnosticsWhere(editor.document.uri, (d) => codes(d).includes('noversioncheck-leftover'), 'noversioncheck-leftover');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, leftover!.range)) ?? [];
    const fix = actions.find((a) => a.title.startsWith('Delete NoVersionCheck on NODE1'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(
      editor.document.getText(),
      text.replace('"node": "NODE2" }\n', '"node": "NODE2" },\n    { "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck" },\n    { "action": "restart", "node": "NODE1" }\n'),
    );

    const api = vscode.extensions.getExtension('clusterplan.clusterplan')!.exports;
    const tree = api.clusterVersions as { getChildren(): Promise<unknown[]>; getTreeItem(row: unknown): vscode.TreeItem };
    const labels = async () => (await tree.getChildren()).map((r) => tree.getTreeItem(r).label);
    await diagnosticsWhere(editor.document.uri, (d) => !codes(d).includes('noversioncheck-leftover'), 'the fix to be checked');
    assert.deepEqual(await labels(), ['Initial state', '1 · stop NODE2', '2 · delete-registry NODE1', '3 · restart NODE1']);
  });
});
