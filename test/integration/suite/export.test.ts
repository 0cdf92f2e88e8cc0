import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportRunbook } from '../../../src/core';
import { closeAllEditors, showFile } from '../helpers';

describe('Cluster Plan: Export Runbook…', () => {
  afterEach(closeAllEditors);

  for (const [format, languageId, name] of [['markdown', 'markdown', 'kb811272-rc2-to-rtm.md'], ['cmd', 'bat', 'kb811272-rc2-to-rtm.cmd'], ['powershell', 'powershell', 'kb811272-rc2-to-rtm.ps1']] as const) {
    it(`opens the ${format} runbook of the active plan in a new ${languageId} editor named ${name}, beside the plan`, async () => {
      const plan = await showFile('kb811272-rc2-to-rtm.clusterplan');
      const api = await vscode.extensions.getExtension('clusterplan.clusterplan')!.activate();
      const expected = exportRunbook(api.analysisOf(plan.document), format, { planName: 'kb811272-rc2-to-rtm.clusterplan' });
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

  it('is on the editor title bar and in the palette of plan editors', () => {
    const manifest = vscode.extensions.getExtension('clusterplan.clusterplan')!.packageJSON;
    assert.deepEqual(manifest.contributes.menus['editor/title'], [{ command: 'clusterplan.exportRunbook', when: 'resourceLangId == clusterplan', group: 'navigation' }]);
  });
});
