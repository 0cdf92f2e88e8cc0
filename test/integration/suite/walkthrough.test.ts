import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, codes, diagnosticsWhere, rangeOf } from '../helpers';

/** The walkthrough as its reader meets it: the page on the left, the example beside it. */

/** Read afresh: an assertion about it must not narrow what later reads return. */
const activeEditor = (): vscode.TextEditor | undefined => vscode.window.activeTextEditor;

/**
 * The editor group that shows the walkthrough, counted from 0 as the focus commands count them from 1: the
 * one tab that is no text editor (its label reads "Welcome" at first, "Walkthrough: …" later).
 */
const walkthroughGroup = (): number =>
  vscode.window.tabGroups.all.findIndex((g) => g.tabs.some((t) => !(t.input instanceof vscode.TabInputText) && !(t.input instanceof vscode.TabInputTextDiff)));

async function openWalkthrough(): Promise<void> {
  const shown = tabsWhere(() => walkthroughGroup() >= 0, 'the walkthrough\'s tab');
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'clusterplan.clusterplan#gettingStarted', false);
  await shown;
  await activeEditorBecomes(undefined, 'the walkthrough, not a text editor, to be active');
}

/** The reader clicks the walkthrough's tab: its group gets the focus, wherever the group is. */
async function focusWalkthrough(): Promise<void> {
  const group = walkthroughGroup();
  const command = ['workbench.action.focusFirstEditorGroup', 'workbench.action.focusSecondEditorGroup', 'workbench.action.focusThirdEditorGroup'][group];
  assert.ok(command, `the walkthrough is in the first three editor groups (${group})`);
  // The group's focus shows in the tab groups at once; window.activeTextEditor may keep the example a while.
  const focused = tabsWhere(() => vscode.window.tabGroups.activeTabGroup === vscode.window.tabGroups.all[group], 'the walkthrough\'s group to have the focus');
  await vscode.commands.executeCommand(command);
  await focused;
}

/** Resolves once `accept` holds for the tabs: checked at once, then on every change of the tabs or their groups. */
function tabsWhere(accept: () => boolean, waitingFor: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (accept()) return resolve();
    const check = () => {
      if (!accept()) return;
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      resolve();
    };
    const subscriptions = [vscode.window.tabGroups.onDidChangeTabs(check), vscode.window.tabGroups.onDidChangeTabGroups(check)];
    const timer = setTimeout(() => {
      for (const s of subscriptions) s.dispose();
      reject(new Error(`Timed out waiting for ${waitingFor}; tabs: ${vscode.window.tabGroups.all.map((g) => g.tabs.map((t) => t.label).join(', ')).join(' | ')}`));
    }, timeoutMs);
  });
}

/** Resolves once the active text editor shows `document` (undefined: no text editor is active). */
function activeEditorBecomes(document: vscode.TextDocument | undefined, waitingFor: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (activeEditor()?.document === document) return resolve();
    const subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor?.document !== document) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out waiting for ${waitingFor}; active: ${activeEditor()?.document.uri.toString() ?? 'none'}`));
    }, timeoutMs);
  });
}

/** `example.clusterplan`, or `example-2.clusterplan`, … once an example was opened earlier in the session. */
const EXAMPLE_NAME = /^example(-\d+)?\.clusterplan$/;

/** The preferred quick fix at the cursor, applied as the lightbulb would. */
async function applyPreferredFixAtCursor(editor: vscode.TextEditor): Promise<string> {
  const at = new vscode.Range(editor.selection.active, editor.selection.active);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, at)) ?? [];
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix?.edit, `a preferred fix at the cursor among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  return fix.title;
}

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

  it('"Quick Fix…" reveals the refused join in the example from the walkthrough; its text\'s two fixes clear the plan', async () => {
    await openWalkthrough();
    const example = await vscode.commands.executeCommand<vscode.TextEditor>('clusterplan.openExample');
    await diagnosticsWhere(example.document.uri, (d) => codes(d).includes('join-incompatible'), 'join-incompatible in the example');
    // The reader goes back to the walkthrough, which now has the focus, and clicks "Quick Fix…".
    await focusWalkthrough();
    await vscode.commands.executeCommand('clusterplan.fixExample');
    // The command has shown the example; the extension host hears of the new active editor a moment later.
    await activeEditorBecomes(example.document, 'the example to be the active editor');
    const editor = activeEditor()!;
    const join = rangeOf(editor.document, '{ "action": "join", "node": "NODE1", "sponsor": "NODE2" }');
    assert.deepEqual(editor.selection.active, join.start, 'the cursor is on the refused join');
    assert.equal(await applyPreferredFixAtCursor(editor), 'KB 811272: restart NODE2 with NoVersionCheck before step 8');

    const [leftover] = await diagnosticsWhere(editor.document.uri, (d) => codes(d).join() === 'noversioncheck-leftover', 'the leftover the first fix leaves');
    await vscode.commands.executeCommand('clusterplan.fixExample');
    assert.deepEqual(editor.selection.active, leftover!.range.start, `the cursor is on ${codeOf(leftover!)}`);
    assert.equal(await applyPreferredFixAtCursor(editor), 'Delete NoVersionCheck on NODE2 and restart its Cluster service');
    await diagnosticsWhere(editor.document.uri, (d) => d.length === 0, 'no problem after the two fixes');

    const manifest = vscode.extensions.getExtension('clusterplan.clusterplan')!.packageJSON;
    const fixStep = manifest.contributes.walkthroughs[0].steps.find((s: { id: string }) => s.id === 'fix');
    assert.deepEqual(fixStep.completionEvents, ['onCommand:clusterplan.fixExample']);
  });
});
