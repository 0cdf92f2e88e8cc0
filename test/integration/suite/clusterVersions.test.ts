import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codes, diagnosticsWhere, lineOf, rangeOf, showFile, showPlan } from '../helpers';

interface TreeApi {
  readonly onDidChangeTreeData: vscode.Event<void>;
  readonly view: vscode.TreeView<unknown>;
  getChildren(row?: unknown): Promise<unknown[]>;
  getTreeItem(row: unknown): vscode.TreeItem;
}

async function tree(): Promise<TreeApi> {
  const api = await vscode.extensions.getExtension('clusterplan.clusterplan')!.activate();
  return api.clusterVersions as TreeApi;
}

/** Resolves once the tree's rows satisfy `accept`: checked at once, then on every refresh. */
function rowsWhere(t: TreeApi, accept: (items: vscode.TreeItem[]) => boolean, waitingFor: string, timeoutMs = 20_000): Promise<vscode.TreeItem[]> {
  return new Promise((resolve, reject) => {
    let last: vscode.TreeItem[] = [];
    const items = async () => (await t.getChildren()).map((r) => t.getTreeItem(r));
    const check = async () => {
      const current = await items();
      last = current;
      if (!accept(current) || done) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      resolve(current);
    };
    let done = false;
    const subscription = t.onDidChangeTreeData(() => void check());
    const timer = setTimeout(() => {
      done = true;
      subscription.dispose();
      reject(new Error(`Timed out waiting for ${waitingFor}; rows: ${last.map((i) => i.label).join(' | ')}`));
    }, timeoutMs);
    void check();
  });
}

/** Resolves once the view's visibility is `visible`: checked at once, then on every change. */
function visibility(view: vscode.TreeView<unknown>, visible: boolean, waitingFor: string, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (view.visible === visible) return resolve();
    const subscription = view.onDidChangeVisibility((e) => {
      if (e.visible !== visible) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out waiting for ${waitingFor}`));
    }, timeoutMs);
  });
}

/** Resolves once the view selects the row labelled `expected`: checked at once, then on every change. */
function selectedRow(t: TreeApi, expected: string, timeoutMs = 20_000): Promise<void> {
  const selected = () => t.view.selection.map((r) => label(t.getTreeItem(r)));
  return new Promise((resolve, reject) => {
    if (selected()[0] === expected) return resolve();
    const subscription = t.view.onDidChangeSelection(() => {
      if (selected()[0] !== expected) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out waiting for the row "${expected}" to be selected; selected: ${selected().join(', ') || 'none'}`));
    }, timeoutMs);
  });
}

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label);

describe('the Cluster Versions tree', () => {
  afterEach(closeAllEditors);

  it('shows the state before the first step and after each step of the active plan', async () => {
    const t = await tree();
    await showFile('kb811272-rc2-to-rtm.clusterplan');
    const items = await rowsWhere(t, (rows) => rows.length === 16, '16 rows');
    assert.equal(label(items[0]!), 'Initial state');
    assert.equal(items[0]!.description, '4.3718 / 3.2195 · 2 active');
    assert.equal(label(items[6]!), '6 · join NODE2');
    assert.equal(items[6]!.description, 'mixed · 4.3718 / 3.2195 · 2 active');
    assert.match(String(items[6]!.tooltip), /^After step 6:\nClusterHighestVersion 0x00040E86 \(4\.3718\)\n/);
    assert.equal((items[6]!.iconPath as vscode.ThemeIcon).id, 'pass');

    const joinRow = (await t.getChildren())[6];
    const nodes = (await t.getChildren(joinRow)).map((r) => t.getTreeItem(r));
    assert.deepEqual(nodes.map(label), ['NODE1', 'NODE2']);
    assert.equal(nodes[1]!.description, 'running · check bypassed · 4.3790 / 3.2195');
    assert.match(String(nodes[1]!.tooltip), /\nNoVersionCheck REG_DWORD 1\nversion check bypassed\nchanged: service, bypass$/);
    assert.deepEqual((nodes[1]!.label as vscode.TreeItemLabel).highlights, [[0, 5]], 'the node that changed is highlighted');
  });

  it('has a container of its own in the Activity Bar, not a place at the bottom of the Explorer', async () => {
    const t = await tree();
    await showFile('kb811272-rc2-to-rtm.clusterplan');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await visibility(t.view, false, 'the view hidden while the Explorer shows');
    // VS Code gives each view container the command that shows it.
    await vscode.commands.executeCommand('workbench.view.extension.clusterplan');
    await visibility(t.view, true, 'the view shown by its container');
    await vscode.commands.executeCommand('workbench.view.explorer');
    await visibility(t.view, false, 'the view hidden again by the Explorer');
  });

  it('empties when the last tab of its plan closes, though VS Code may keep the file open', async () => {
    const t = await tree();
    await showFile('kb811272-rc2-to-rtm.clusterplan');
    await rowsWhere(t, (rows) => rows.length === 16, '16 rows');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await rowsWhere(t, (rows) => rows.length === 0, 'no rows once the tab is closed');
  });

  it('reveals a step from its row, and selects the row of the step under the cursor', async () => {
    const t = await tree();
    const editor = await showFile('kb811272-rc2-to-rtm.clusterplan');
    const items = await rowsWhere(t, (rows) => rows.length === 16, '16 rows');
    const command = items[4]!.command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, lineOf(editor.document, '"action": "upgrade", "node": "NODE2"'));

    await vscode.commands.executeCommand('clusterplan.clusterVersions.focus');
    const selected = new Promise<string | undefined>((resolve) => {
      const s = t.view.onDidChangeSelection((e) => {
        s.dispose();
        resolve(label(t.getTreeItem(e.selection[0])));
      });
    });
    const shown = await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
    const line = lineOf(shown.document, '"action": "join", "node": "NODE1"');
    shown.selection = new vscode.Selection(line, 8, line, 8);
    const timeout = new Promise<string>((_, reject) => setTimeout(() => reject(new Error('the row was not selected')), 20_000));
    assert.equal(await Promise.race([selected, timeout]), '8 · join NODE1');
  });

  it('after a quick fix inserts steps above the cursor, selects the row of the step under it again', async () => {
    const t = await tree();
    const editor = await showFile('mistakes/forgot-sponsor-noversioncheck.clusterplan');
    await rowsWhere(t, (rows) => rows.length === 17, '17 rows');
    await vscode.commands.executeCommand('clusterplan.clusterVersions.focus');
    await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
    // Two moves, as a row selected earlier (in any plan) stays selected.
    for (const [step, row] of [['{ "action": "upgrade", "node": "NODE1"', '7 · upgrade NODE1'], ['{ "action": "join", "node": "NODE1"', '8 · join NODE1']] as const) {
      const selected = selectedRow(t, row);
      const at = rangeOf(editor.document, step).start;
      editor.selection = new vscode.Selection(at, at);
      await selected;
    }

    const [refused] = await diagnosticsWhere(editor.document.uri, (d) => codes(d).includes('join-incompatible'), 'join-incompatible');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, refused!.range);
    const fix = actions.find((a) => a.title.startsWith('KB 811272'));
    assert.ok(fix?.edit, actions.map((a) => a.title).join(' | '));
    const selected = selectedRow(t, '11 · join NODE1');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    // The fix inserts three steps before the join; the cursor stays on the join, now step 11.
    assert.equal(editor.document.offsetAt(editor.selection.active), editor.document.getText().indexOf('{ "action": "join", "node": "NODE1", "sponsor": "NODE2" }'));
    await selected;
  });

  it('shows the functional level of a Windows Server 2016 plan, and its paused and evicted nodes', async () => {
    const t = await tree();
    await showPlan(
      [
        '{',
        '  "nodes": { "NODE1": { "version": "ws2016" }, "NODE2": { "version": "ws2016" } },',
        '  "steps": [',
        '    { "action": "drain", "node": "NODE1" },',
        '    { "action": "upgrade", "node": "NODE1", "to": "ws2019" },',
        '    { "action": "start", "node": "NODE1" },',
        '    { "action": "resume", "node": "NODE1" },',
        '    { "action": "drain", "node": "NODE2" },',
        '    { "action": "evict", "node": "NODE2" }',
        '  ]',
        '}',
      ].join('\n'),
    );
    const items = await rowsWhere(t, (rows) => rows.length === 7 && label(rows[3]!) === '3 · start NODE1', 'the 7 rows of the Windows Server 2016 plan');
    assert.equal(items[3]!.description, 'mixed · FL 9 · 9.8 / 10.3 · 2 active');
    assert.match(String(items[3]!.tooltip), /\nClusterFunctionalLevel FL 9 \(Windows Server 2016\)\n/);
    const nodesAt = async (row: number) => (await t.getChildren((await t.getChildren())[row])).map((r) => t.getTreeItem(r));
    assert.deepEqual((await nodesAt(1)).map((n) => [label(n), n.description]), [['NODE1', 'running · paused · 9.8 / 9.8'], ['NODE2', 'running · 9.8 / 9.8']]);
    const evicted = (await nodesAt(6))[1]!;
    assert.equal(evicted.description, 'evicted · 9.8 / 9.8');
    assert.match(String(evicted.tooltip), /^NODE2: evicted, not a member of the cluster\n/);
  });

  it('follows edits: a refused join turns its row red', async () => {
    const t = await tree();
    const editor = await showFile('kb811272-rc2-to-rtm.clusterplan');
    await rowsWhere(t, (rows) => rows.length === 16, '16 rows');
    const line = lineOf(editor.document, '{ "action": "set-registry", "node": "NODE1"');
    await editor.edit((b) => b.delete(editor.document.lineAt(line).rangeIncludingLineBreak));
    const items = await rowsWhere(t, (rows) => rows.length === 15, '15 rows after the edit');
    assert.equal(label(items[5]!), '5 · join NODE2');
    assert.equal((items[5]!.iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal(items[5]!.description, 'refused 5075 · 4.3718 / 3.2195 · 1 active');
  });
});
