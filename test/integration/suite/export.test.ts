import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyze, exportRunbook } from '../../../src/core';
import { closeAllEditors, showFile, showPlan } from '../helpers';

describe('Cluster Plan: Export Runbook…', () => {
  afterEach(closeAllEditors);

  for (const [format, languageId, name] of [['markdown', 'markdown', 'kb811272-rc2-to-rtm.md'], ['cmd', 'bat', 'kb811272-rc2-to-rtm.cmd'], ['powershell', 'powershell', 'kb811272-rc2-to-rtm.ps1']] as const) {
    it(`opens the ${format} runbook of the active plan in a new ${languageId} editor named ${name}, beside the plan`, async () => {
      const plan = await showFile('kb811272-rc2-to-rtm.clusterplan');
      const expected = exportRunbook(analyze(plan.document.getText()), format, { planName: 'kb811272-rc2-to-rtm.clusterplan' });
      assert.ok(expected.ok);
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('clusterplan.exportRunbook', format);
      assert.ok(editor, 'the command returns the runbook editor');
      assert.equal(editor.document.isUntitled, true);
      assert.equal(editor.document.languageId, languageId);
      assert.equal(editor.document.getText(), expected.text);
      assert.equal(editor.document.uri.path, path.posix.join(path.posix.dirname(plan.document.uri.path), name), 'saved beside the plan');
      assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, name, 'the tab is named after the plan, not the first line');
    });
  }

  it('exports a plan with errors only when "Export Anyway" is chosen, never by pressing Enter', async () => {
    const plan = await showPlan('{ "nodes": { "NODE1": { "version": "ws2003-rtm" } }, "steps": [ { "action": "stop", "node": "NDOE1" } ] }');
    // A modal dialog cannot be answered from the extension host: this stands in for it, and answers as
    // Enter does, with the default button, which VS Code makes the first item that is not a close affordance.
    const asked: unknown[][] = [];
    const window = vscode.window as { showWarningMessage: (...args: unknown[]) => Thenable<unknown> };
    const showWarningMessage = window.showWarningMessage;
    window.showWarningMessage = (...args: unknown[]) => {
      asked.push(args);
      const items = args.slice(2) as (string | vscode.MessageItem)[];
      return Promise.resolve(items.find((i) => typeof i === 'string' || !i.isCloseAffordance));
    };
    try {
      const runbook = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('clusterplan.exportRunbook', 'markdown');
      assert.equal(runbook, undefined, 'Enter exports nothing');
      assert.equal(vscode.window.activeTextEditor?.document, plan.document);
    } finally {
      window.showWarningMessage = showWarningMessage;
    }
    assert.equal(asked.length, 1);
    const [message, options, ...items] = asked[0]!;
    assert.match(String(message), /^The plan has errors: No node "NDOE1" is declared/);
    assert.deepEqual(options, { modal: true });
    assert.deepEqual(items, ['Show Problems', 'Export Anyway']);
  });

  for (const [plan, formats] of [
    ['kb811272-rc2-to-rtm.clusterplan', ['cmd', 'powershell', 'markdown']],
    ['ws2016-to-ws2019-in-place.clusterplan', ['powershell', 'markdown']],
  ] as const) {
    it(`offers ${formats.join(', ')} for ${plan}`, async () => {
      await showFile(plan);
      // The quick pick cannot be answered from the extension host: this stands in for it and dismisses it.
      const offered: string[][] = [];
      const window = vscode.window as { showQuickPick: (...args: unknown[]) => Thenable<unknown> };
      const showQuickPick = window.showQuickPick;
      window.showQuickPick = (items: unknown) => {
        offered.push((items as { format: string }[]).map((i) => i.format));
        return Promise.resolve(undefined);
      };
      try {
        assert.equal(await vscode.commands.executeCommand('clusterplan.exportRunbook'), undefined);
      } finally {
        window.showQuickPick = showQuickPick;
      }
      assert.deepEqual(offered, [formats]);
    });
  }

  it('is on the editor title bar and in the palette of plan editors', () => {
    const manifest = vscode.extensions.getExtension('clusterplan.clusterplan')!.packageJSON;
    assert.deepEqual(manifest.contributes.menus['editor/title'], [{ command: 'clusterplan.exportRunbook', when: 'resourceLangId == clusterplan', group: 'navigation' }]);
  });
});
