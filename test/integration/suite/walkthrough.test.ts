import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, codes, diagnosticsWhere } from '../helpers';

/** The walkthrough as its reader meets it: the page on the left, the example beside it. */

/** Read afresh: an assertion about it must not narrow what later reads return. */
const activeEditor = (): vscode.TextEditor | undefined => vscode.window.activeTextEditor;

async function openWalkthrough(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'clusterplan.clusterplan#gettingStarted', false);
  assert.ok(vscode.window.tabGroups.activeTabGroup.activeTab, 'the walkthrough is shown');
  assert.equal(activeEditor(), undefined, 'the walkthrough, not a text editor, is active');
}

/** `example.clusterplan`, or `example-2.clusterplan`, … once an example was opened earlier in the session. */
const EXAMPLE_NAME = /^example(-\d+)?\.clusterplan$/;

describe('the Getting Started walkthrough, as its reader sees it', () => {
  afterEach(closeAllEditors);

  it('opens the example beside the walkthrough, named example.clusterplan, in the clusterplan language', async () => {
    await openWalkthrough();
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('clusterplan.openExample');
    const document = editor.document;
    assert.equal(document.uri.scheme, 'untitled');
    const name = path.basename(document.uri.path);
    assert.match(name, EXAMPLE_NAME);
    assert.equal(document.languageId, 'clusterplan');
    assert.equal(editor.viewColumn, vscode.ViewColumn.Two);
    const [left, right] = vscode.window.tabGroups.all;
    assert.equal(left?.tabs.length, 1);
    assert.match(left.tabs[0]!.label, /^Walkthrough: /, 'the walkthrough stays on the left');
    assert.equal(right?.activeTab?.label, name, 'the tab is named after the file, not its first comment');
    await diagnosticsWhere(document.uri, (d) => codes(d).includes('join-incompatible'), 'join-incompatible in the example');
  });
});
