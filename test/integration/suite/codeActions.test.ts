import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, codes, diagnosticsWhere, lineOf, showFile, showPlan } from '../helpers';

const SPONSOR_SET = '    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },\n';

async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

async function apply(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" carries a WorkspaceEdit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

describe('code actions', () => {
  afterEach(closeAllEditors);

  it('the KB 811272 fix of a refused join restores the sponsor steps before the upgrade', async () => {
    const editor = await showFile('kb811272-rc2-to-rtm.clusterplan');
    const document = editor.document;
    const original = document.getText();
    await editor.edit((b) => b.delete(document.lineAt(lineOf(document, SPONSOR_SET.trim())).rangeIncludingLineBreak));
    const broken = document.getText();
    const diagnostics = await diagnosticsWhere(document.uri, (d) => codes(d).includes('join-incompatible'), 'join-incompatible');
    const refused = diagnostics.find((d) => codeOf(d) === 'join-incompatible')!;

    const actions = await actionsAt(document.uri, refused.range);
    const fix = actions.find((a) => a.title.startsWith('KB 811272'));
    assert.ok(fix, `a KB 811272 fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind?.value, 'quickfix');
    assert.equal(fix.isPreferred, true);
    await apply(fix);

    const upgradeComment = '    // 2. Upgrade NODE2.';
    const expected = broken.replace(
      upgradeComment,
      '    { "action": "stop", "node": "NODE1" },\n' + SPONSOR_SET + '    { "action": "start", "node": "NODE1" },\n' + upgradeComment,
    );
    assert.notEqual(expected, broken);
    assert.equal(document.getText(), expected);
    assert.notEqual(document.getText(), original, 'the fix keeps the start/stop the user left');
    await diagnosticsWhere(document.uri, (d) => !codes(d).includes('join-incompatible'), 'join-incompatible to go');
  });

  it('offers fix-all as a quick fix and as source.fixAll.clusterplan, honouring context.only', async () => {
    const text = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true },
    "NODE2": { "version": "ws2003-rtm" },
  },
  "steps": [
    { "action": "note", "text": "nothing yet" },
  ],
}`;
    const editor = await showPlan(text);
    const document = editor.document;
    await diagnosticsWhere(document.uri, (d) => codes(d).includes('noversioncheck-leftover'), 'noversioncheck-leftover');

    const onlyFixAll = await actionsAt(document.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.clusterplan');
    assert.deepEqual(onlyFixAll.map((a) => a.kind?.value), ['source.fixAll.clusterplan']);
    const onlyRefactor = await actionsAt(document.uri, new vscode.Range(0, 0, 0, 0), 'refactor');
    assert.deepEqual(onlyRefactor, []);

    // The quick-fix form is resolved only when picked: ask VS Code to resolve it, as the lightbulb does.
    const quickFixes = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, 0, 0), 'quickfix', 100)) ?? [];
    const lazy = quickFixes.find((a) => a.title === 'Fix all clusterplan problems in this file');
    assert.ok(lazy?.edit, `the resolved fix-all carries its edit: ${quickFixes.map((a) => a.title).join(' | ')}`);
    assert.deepEqual(lazy.edit.entries()[0]![1], onlyFixAll[0]!.edit!.entries()[0]![1]);

    await apply(onlyFixAll[0]!);
    assert.equal(
      document.getText(),
      text.replace(
        '    { "action": "note", "text": "nothing yet" },\n',
        '    { "action": "note", "text": "nothing yet" },\n' +
          '    { "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck" },\n' +
          '    { "action": "restart", "node": "NODE1" },\n',
      ),
    );
    await diagnosticsWhere(document.uri, (d) => d.length === 0, 'no findings after fix-all');
  });
});

describe('clusterplan.rules', () => {
  afterEach(async () => {
    await vscode.workspace.getConfiguration('clusterplan').update('rules', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('turns a rule off or changes its severity without a reload', async () => {
    const editor = await showPlan('{\n  "nodes": { "NODE1": { "version": "win2000" }, "NODE2": { "version": "ws2003-rtm" } },\n  "steps": []\n}');
    const uri = editor.document.uri;
    const [mixed] = await diagnosticsWhere(uri, (d) => codes(d).includes('mixed-at-end'), 'mixed-at-end');
    assert.equal(mixed!.severity, vscode.DiagnosticSeverity.Information);
    const settings = vscode.workspace.getConfiguration('clusterplan');
    await settings.update('rules', { 'mixed-at-end': 'error' }, vscode.ConfigurationTarget.Global);
    await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'mixed-at-end' && x.severity === vscode.DiagnosticSeverity.Error), 'mixed-at-end as an error');
    await settings.update('rules', { 'mixed-at-end': 'off' }, vscode.ConfigurationTarget.Global);
    await diagnosticsWhere(uri, (d) => d.length === 0, 'mixed-at-end turned off');
  });
});

describe('the Getting Started walkthrough', () => {
  afterEach(closeAllEditors);

  it('opens its example as an untitled plan that shows the refused join', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('clusterplan.openExample');
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, 'clusterplan');
    await diagnosticsWhere(editor.document.uri, (d) => codes(d).includes('join-incompatible'), 'join-incompatible in the example');
  });

  it('is contributed with its four steps', async () => {
    const manifest = vscode.extensions.getExtension('clusterplan.clusterplan')!.packageJSON;
    const walkthrough = manifest.contributes.walkthroughs[0];
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['open', 'problem', 'fix', 'tree']);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'clusterplan.clusterplan#gettingStarted', false);
  });
});
