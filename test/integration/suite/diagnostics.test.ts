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
    await api.checked(editor.document);
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
  afterEach(closeAllEditors);

  // First in this block: a run while a plan is closed leaves the task's copy of its problems until a run
  // with the plan closed again (VS Code's applyTo), and the test after this one makes such a run.
  it('leaves an open plan one copy of each problem, the editor\'s, which follows its edits', async () => {
    await tasksEnded();
    const folder = vscode.workspace.workspaceFolders![0]!;
    const editor = await showFile('mistakes/version-alias-typo.clusterplan');
    const typo = editor.document.uri;
    await diagnosticsWhere(typo, (d) => codes(d).includes('unknown-version-alias'), 'the editor\'s unknown-version-alias');
    // The CLI reports this closed plan after the open one: once the task's problems for it arrive, the open
    // plan's line has been handled too.
    const later = vscode.Uri.joinPath(folder.uri, 'mistakes', 'version-as-json-number.clusterplan');
    const check = (await vscode.tasks.fetchTasks({ type: 'clusterplan' })).find((t) => t.name === 'check');
    assert.ok(check, 'the check task is provided');
    const reported = taskReported(later);
    await vscode.tasks.executeTask(check);
    await reported;
    const diagnostics = vscode.languages.getDiagnostics(typo);
    assert.deepEqual(codes(diagnostics), ['unknown-version-alias']);
    const code = diagnostics[0]!.code as { value: string; target: vscode.Uri };
    assert.match(code.target.path, /\/docs\/rules\/unknown-version-alias\.md$/, 'the editor\'s copy, which links the rule');

    await editor.edit((b) => b.replace(rangeOf(editor.document, '"to": "ws2003-rmt"'), '"to": "ws2003-rtm"'));
    await diagnosticsWhere(typo, (d) => d.length === 0, 'no problem left after the fix');
  });

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

/** Resolves when the check task reports `uri`'s invalid-version again; call it before starting the task. */
function taskReported(uri: vscode.Uri): Promise<void> {
  const reported = new Promise<void>((resolve) => {
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString()) || !codes(vscode.languages.getDiagnostics(uri)).includes('invalid-version')) return;
      subscription.dispose();
      resolve();
    });
  });
  return withTimeout(reported, `the task's invalid-version on ${uri.path}`);
}

/** Resolves when no clusterplan task runs, so that a new run is not refused as a duplicate. */
function tasksEnded(): Promise<void> {
  const running = () => vscode.tasks.taskExecutions.some((e) => e.task.definition.type === 'clusterplan');
  return withTimeout(
    new Promise<void>((resolve) => {
      if (!running()) return resolve();
      const subscription = vscode.tasks.onDidEndTask(() => {
        if (running()) return;
        subscription.dispose();
        resolve();
      });
    }),
    'the earlier check task to end',
  );
}

/** Below mocha's 60 s, so that a wait that never ends is named in the failure. */
function withTimeout<T>(promise: Promise<T>, waitingFor: string, timeoutMs = 45_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${waitingFor}`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
