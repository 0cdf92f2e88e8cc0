import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, rangeOf, showFile } from '../helpers';

const KB = 'kb811272-rc2-to-rtm.clusterplan';

// The .vsix carries every feature, not only the diagnostics: each is used once here, from the installed package.
describe('the packaged extension: its editor features', () => {
  afterEach(closeAllEditors);

  it('hovers, completes, goes to a node\'s declaration and exports a runbook', async () => {
    const editor = await showFile(KB);
    const document = editor.document;
    // Opening the plan starts the activation, which starts the language server; the client registers the
    // providers once the server has answered, which it has when the plan's diagnostics are in.
    const api = await vscode.extensions.getExtension('clusterplan.clusterplan')!.activate();
    await api.checked(document);
    const inside = (needle: string) => rangeOf(document, needle).start.translate(0, 1);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, inside('"ws2003-rtm"'));
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(markdown.includes('0x00040ECE'), `hover: ${markdown}`);

    const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, inside('"stop"'));
    const labels = completions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('start'), `completion: ${labels.join(', ')}`);

    const from = rangeOf(document, '"node": "NODE2"').end.translate(0, -2);
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, from);
    assert.equal(definitions.length, 1);
    const definition = definitions[0]!;
    assert.deepEqual('targetRange' in definition ? definition.targetRange : definition.range, rangeOf(document, '"NODE2"'));

    const runbook = await vscode.commands.executeCommand<vscode.TextEditor>('clusterplan.exportRunbook', 'markdown');
    assert.ok(runbook, 'the command returns the runbook editor');
    assert.equal(runbook.document.languageId, 'markdown');
    assert.ok(runbook.document.getText().includes('NODE2'));
  });
});
