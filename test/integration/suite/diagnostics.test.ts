import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, codes, diagnosticsWhere, lineOf, rangeOf, showFile, showPlan } from '../helpers';

const KB = 'kb811272-rc2-to-rtm.clusterplan';
const SPONSOR_SET = '{ "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },';

describe('diagnostics in a real VS Code', () => {
  afterEach(closeAllEditors);

  it('activates on the clusterplan language and gives the KB example no problems', async () => {
    const editor = await showFile(KB);
    assert.equal(editor.document.languageId, 'clusterplan');
    const extension = vscode.extensions.getExtension('clusterplan.clusterplan');
    assert.ok(extension, 'the extension is installed');
    const api = await extension.activate();
    assert.deepEqual(api.analysisOf(editor.document).findings, []);
    assert.deepEqual(vscode.languages.getDiagnostics(editor.document.uri), []);
  });

  it('reports a refused join at the step, links the rule, and points to the related places', async () => {
    const editor = await showFile(KB);
    const document = editor.document;
    // Remove NoVersionCheck on the sponsor: NODE2's join is refused (error 5075, event 1071).
    await editor.edit((b) => b.delete(document.lineAt(lineOf(document, SPONSOR_SET)).rangeIncludingLineBreak));
    const diagnostics = await diagnosticsWhere(document.uri, (d) => codes(d).includes('join-incompatible'), 'join-incompatible');

    const refused = diagnostics.find((d) => codeOf(d) === 'join-incompatible')!;
    assert.equal(refused.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual(refused.range, rangeOf(document, '{ "action": "join", "node": "NODE2", "sponsor": "NODE1" }'));
    assert.match(refused.message, /0x00040ECE \(4\.3790\)/);
    assert.match(refused.message, /event 1071 with error 5075/);
    assert.equal(refused.source, 'clusterplan');

    const code = refused.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'join-incompatible');
    assert.match(code.target.path, /\/docs\/rules\/join-incompatible\.md$/);
    const page = new TextDecoder().decode(await vscode.workspace.fs.readFile(code.target));
    assert.match(page, /^# join-incompatible\n/, 'the link opens the rule\'s page');

    const related = refused.relatedInformation ?? [];
    assert.ok(related.some((r) => r.location.range.isEqual(rangeOf(document, '"NODE2"')) && /declared/.test(r.message)), 'the joiner declaration');
    assert.ok(related.some((r) => /never set on NODE1/.test(r.message)), 'the sponsor without NoVersionCheck');
  });

  it('reports several rules with their exact ranges', async () => {
    const editor = await showPlan(`{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE2": { "highest": 4.3718, "lowest": "3.2195" },
  },
  "steps": [
    { "action": "stop", "node": "NDOE2" },
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
  ],
}`);
    const document = editor.document;
    const diagnostics = await diagnosticsWhere(document.uri, (d) => d.length >= 4, 'four findings');
    const byCode = new Map(diagnostics.map((d) => [codeOf(d), d]));
    assert.deepEqual([...byCode.keys()].sort(), ['invalid-version', 'noversioncheck-leftover', 'registry-while-running', 'unknown-node']);
    assert.deepEqual(byCode.get('unknown-node')!.range, rangeOf(document, '"NDOE2"'));
    assert.match(byCode.get('unknown-node')!.message, /did you mean "NODE2"\?/);
    assert.deepEqual(byCode.get('invalid-version')!.range, rangeOf(document, '4.3718'));
    assert.equal(byCode.get('noversioncheck-leftover')!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(byCode.get('registry-while-running')!.range.start.line, 7);
    assert.deepEqual(byCode.get('noversioncheck-leftover')!.range, byCode.get('registry-while-running')!.range);
  });

  it('updates the diagnostics after an edit', async () => {
    const editor = await showPlan(`{
  "nodes": { "NODE1": { "version": "ws2003-rtm" } },
  "steps": [ { "action": "stop", "node": "NDOE1" } ],
}`);
    const document = editor.document;
    await diagnosticsWhere(document.uri, (d) => codes(d).includes('unknown-node'), 'unknown-node');
    await editor.edit((b) => b.replace(rangeOf(document, 'NDOE1'), 'NODE1'));
    const after = await diagnosticsWhere(document.uri, (d) => !codes(d).includes('unknown-node'), 'unknown-node to go');
    // The corrected step now stops the only node.
    assert.deepEqual(codes(after), ['cluster-offline']);
  });

  it('checks only the latest version when edits come within the delay', async () => {
    const settings = vscode.workspace.getConfiguration('clusterplan');
    // A long delay makes "within the delay" certain on a slow machine; it also shows the setting applies.
    await settings.update('validate.delay', 2000, vscode.ConfigurationTarget.Global);
    try {
      const editor = await showPlan(`{
  "nodes": { "NODE1": { "version": "ws2003-rtm" }, "NODE2": { "version": "ws2003-rtm" } },
  "steps": [ { "action": "stop", "node": "NODE1" } ],
}`);
      const document = editor.document;
      await diagnosticsWhere(document.uri, (d) => d.length === 0, 'a clean start');
      const seen: string[][] = [];
      const recording = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === document.uri.toString())) seen.push(codes(vscode.languages.getDiagnostics(document.uri)));
      });
      try {
        await editor.edit((b) => b.replace(rangeOf(document, '"stop"'), '"stpo"'));
        await editor.edit((b) => b.replace(rangeOf(document, '"stpo"'), '"start"'));
        await diagnosticsWhere(document.uri, (d) => codes(d).includes('already-running'), 'already-running from the second edit');
      } finally {
        recording.dispose();
      }
      assert.ok(!seen.some((snapshot) => snapshot.includes('schema')), `the first edit's "stpo" was never reported: ${JSON.stringify(seen)}`);
    } finally {
      await settings.update('validate.delay', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('clears the diagnostics when the plan is closed', async () => {
    const editor = await showPlan(`{ "nodes": {}, "steps": [ { "action": "reboot" } ] }`);
    const uri = editor.document.uri;
    await diagnosticsWhere(uri, (d) => codes(d).includes('schema'), 'schema');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await diagnosticsWhere(uri, (d) => d.length === 0, 'no diagnostics after closing');
  });
});

describe('the clusterplan: check task', () => {
  it('puts the findings of plans that are not open into the Problems panel', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!;
    const typo = vscode.Uri.joinPath(folder.uri, 'mistakes', 'node-name-typo.clusterplan');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === typo.toString()), 'the plan is not open');
    const tasks = await vscode.tasks.fetchTasks({ type: 'clusterplan' });
    const check = tasks.find((t) => t.name === 'check');
    assert.ok(check, `the check task is provided: ${tasks.map((t) => t.name).join(', ')}`);
    const found = diagnosticsWhere(typo, (d) => codes(d).includes('unknown-node'), 'unknown-node from the task', 60_000);
    await vscode.tasks.executeTask(check);
    const diagnostics = await found;
    const problem = diagnostics.find((d) => codeOf(d) === 'unknown-node')!;
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.match(problem.message, /did you mean/);
  });
});
