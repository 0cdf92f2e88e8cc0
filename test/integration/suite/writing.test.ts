import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, diagnosticsWhere, rangeOf, showFile, showPlan } from '../helpers';

/** Writing a plan: completion, snippets, outline, definition, references and rename of node names. */

const KB = 'kb811272-rc2-to-rtm.clusterplan';
const EXTENSION_ID = 'clusterplan.clusterplan';

/** The items our provider gave: VS Code adds word-based (Text) and snippet items of its own. */
async function completionItems(uri: vscode.Uri, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, trigger);
  return list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Text && i.kind !== vscode.CompletionItemKind.Snippet);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function sortedLabels(items: readonly vscode.CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b))).map(labelOf);
}

/** Accepts `item` as the editor would: its range replaced by its insert text (a snippet through the snippet engine). */
async function acceptItem(editor: vscode.TextEditor, item: vscode.CompletionItem): Promise<void> {
  const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
  assert.ok(range, `"${labelOf(item)}" has a range`);
  if (item.insertText instanceof vscode.SnippetString) {
    assert.ok(await editor.insertSnippet(item.insertText, range));
  } else {
    const text = item.insertText ?? labelOf(item);
    assert.ok(await editor.edit((b) => b.replace(range, text)));
  }
}

/** The position just after the first occurrence of `needle` (or `into` characters into it). */
function after(document: vscode.TextDocument, needle: string, into = needle.length): vscode.Position {
  return rangeOf(document, needle).start.translate(0, into);
}

const PLAN = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE2": { "version": "ws2003-rc2" },
  },
  "steps": [
    { "action": "stop", "node": "NODE1" },
  ],
}`;

describe('writing a plan: completion', () => {
  afterEach(closeAllEditors);

  it('completes an action inside the string being typed, and the completed plan is clean', async () => {
    // A workspace file, not an untitled one: the first test of a file must not race the previous file's closed untitled plans.
    const editor = await showFile(KB);
    const document = editor.document;
    const original = document.getText();
    const note = '{ "action": "note", "text": "Check the MSDTC resources in Cluster Administrator" },';
    await editor.edit((b) => b.insert(after(document, note), '\n    { "action": "st'));
    const position = after(document, note).translate(1, 0).with({ character: '    { "action": "st'.length });
    const items = await completionItems(document.uri, position, '"');
    assert.deepEqual(sortedLabels(items), ['stop', 'start', 'join', 'restart', 'upgrade', 'set-registry', 'delete-registry', 'cluster-security', 'note']);
    await acceptItem(editor, items.find((i) => labelOf(i) === 'start')!);
    assert.equal(document.getText(), original.replace(note, note + '\n    { "action": "start"'));
  });

  it('completes a step\'s properties for its action, then node names and NoVersionCheck values', async () => {
    const text = PLAN.replace('{ "action": "stop", "node": "NODE1" },', '{ "action": "stop", "node": "NODE1" },\n    { "action": "set-registry",  },');
    const editor = await showPlan(text);
    const document = editor.document;

    const keys = await completionItems(document.uri, after(document, '"set-registry", '));
    assert.deepEqual(sortedLabels(keys), ['node', 'name', 'type', 'data', 'key', 'id', 'description']);
    assert.equal(keys.find((i) => labelOf(i) === 'node')!.kind, vscode.CompletionItemKind.Property);
    await acceptItem(editor, keys.find((i) => labelOf(i) === 'node')!);
    // The snippet leaves the cursor between the value's quotes.
    assert.equal(document.getText(), text.replace('"set-registry",  }', '"set-registry", "node": "" }'));

    const nodes = await completionItems(document.uri, editor.selection.active);
    assert.deepEqual(sortedLabels(nodes), ['NODE1', 'NODE2']);
    assert.equal(nodes[0]!.kind, vscode.CompletionItemKind.Reference);
    await acceptItem(editor, nodes.find((i) => labelOf(i) === 'NODE2')!);

    await editor.edit((b) => b.insert(after(document, '"node": "NODE2"'), ', "name": "No", "type": ""'));
    const names = await completionItems(document.uri, after(document, '"name": "No'));
    assert.deepEqual(sortedLabels(names), ['NoVersionCheck']);
    await acceptItem(editor, names[0]!);
    const types = await completionItems(document.uri, after(document, '"type": "', 9), '"');
    assert.deepEqual(sortedLabels(types), ['REG_DWORD', 'REG_QWORD', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_MULTI_SZ', 'REG_BINARY']);
    assert.equal(types.find((i) => labelOf(i) === 'REG_DWORD')!.preselect, true);
    await acceptItem(editor, types.find((i) => labelOf(i) === 'REG_DWORD')!);
    assert.equal(
      document.getText(),
      text.replace('"set-registry",  }', '"set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD" }'),
    );
  });

  it('completes version aliases with their versions, after the ":" trigger, newest first from the node\'s own', async () => {
    const text = PLAN.replace('{ "action": "stop", "node": "NODE1" },', '{ "action": "upgrade", "node": "NODE2", "to": },');
    const editor = await showPlan(text);
    const document = editor.document;
    const items = await completionItems(document.uri, after(document, '"to":'), ':');
    assert.deepEqual(sortedLabels(items), ['ws2003-rtm', 'ws2003', 'ws2003-rc2']);
    const rtm = items.find((i) => labelOf(i) === 'ws2003-rtm')!;
    assert.equal(rtm.detail, 'highest 0x00040ECE (4.3790), lowest 0x00030893 (3.2195)');
    await acceptItem(editor, rtm);
    assert.equal(document.getText(), text.replace('"to": }', '"to": "ws2003-rtm" }'));
  });

  it('lists a property\'s values as soon as the property is accepted', async () => {
    const text = PLAN.replace('{ "action": "stop", "node": "NODE1" },', '{ "action": "restart",  },');
    const editor = await showPlan(text);
    const document = editor.document;
    const keys = await completionItems(document.uri, after(document, '"restart", '));
    const node = keys.find((i) => labelOf(i) === 'node')!;
    // What VS Code runs after inserting the item; the free-text "description" runs nothing.
    assert.equal(node.command?.command, 'editor.action.triggerSuggest');
    assert.equal(keys.find((i) => labelOf(i) === 'description')!.command, undefined);

    // Accepted as the suggest widget does: the snippet, then the item's command. VS Code then asks the
    // completion providers again, with the cursor in the new value.
    const asked = new Promise<vscode.Position>((resolve, reject) => {
      const timer = setTimeout(() => {
        spy.dispose();
        reject(new Error('Timed out after 20000 ms waiting for VS Code to ask for the completions of the new value'));
      }, 20_000);
      const spy = vscode.languages.registerCompletionItemProvider('clusterplan', {
        provideCompletionItems: (_document, position) => {
          clearTimeout(timer);
          spy.dispose();
          resolve(position);
          return [];
        },
      });
    });
    await acceptItem(editor, node);
    await vscode.commands.executeCommand(node.command!.command, ...(node.command!.arguments ?? []));
    const position = await asked;
    assert.deepEqual(position, editor.selection.active);
    assert.equal(document.getText(), text.replace('"restart",  }', '"restart", "node": "" }'));
    assert.deepEqual(sortedLabels(await completionItems(document.uri, position)), ['NODE1', 'NODE2']);
  });

  it('offers nothing in a comment', async () => {
    const editor = await showPlan('// "action": "\n' + PLAN);
    assert.deepEqual(await completionItems(editor.document.uri, new vscode.Position(0, 14)), []);
  });
});

describe('writing a plan: snippets', () => {
  afterEach(closeAllEditors);

  function snippetBody(name: string): string {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed');
    const file = vscode.Uri.joinPath(extension.extensionUri, 'snippets', 'clusterplan.json').fsPath;
    const snippets = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { body: string | string[] }>;
    const body = snippets[name]?.body;
    assert.ok(body, `the snippet "${name}"`);
    return typeof body === 'string' ? body : body.join('\n');
  }

  it('the KB 811272 snippet, expanded by VS Code\'s snippet engine with new names, is a clean plan', async () => {
    const editor = await showPlan('');
    const document = editor.document;
    assert.ok(await editor.insertSnippet(new vscode.SnippetString(snippetBody('clusterplan: KB 811272 rolling upgrade'))));
    // Tab stop 1, the cluster name, is selected first; typing replaces it and its mirror in the comment.
    await vscode.commands.executeCommand('type', { text: 'FINCLUS' });
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    await vscode.commands.executeCommand('type', { text: 'FIN-A' });
    await vscode.commands.executeCommand('leaveSnippet');
    const text = document.getText();
    assert.match(text, /^\/\/ KB 811272: rolling upgrade of the two-node cluster FINCLUS /);
    assert.match(text, /"cluster": "FINCLUS"/);
    assert.equal(text.match(/"FIN-A"/g)?.length, 9, 'the declaration and 8 steps name FIN-A');
    assert.doesNotMatch(text, /"NODE1"|\$/);
    await diagnosticsWhere(document.uri, (d) => d.length === 0, 'no findings in the expanded KB plan');
    const api = await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await api.checked(document);
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri), []);
  });

  it('contributes the snippets to clusterplan files, offered by completion', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON.contributes?.snippets ?? []) as { language: string; path: string }[];
    assert.deepEqual(contributed, [{ language: 'clusterplan', path: './snippets/clusterplan.json' }]);
    const editor = await showPlan('kb');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 2));
    const snippet = list.items.find((i) => i.kind === vscode.CompletionItemKind.Snippet && labelOf(i) === 'kb811272');
    assert.ok(snippet, `the KB snippet among: ${list.items.map(labelOf).join(', ')}`);
  });
});

describe('writing a plan: outline and node names', () => {
  afterEach(closeAllEditors);

  it('outlines the KB example: its nodes, and its steps numbered as administrators count them', async () => {
    const editor = await showFile(KB);
    const document = editor.document;
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.deepEqual(symbols.map((s) => s.name), ['nodes', 'steps']);
    const [nodes, steps] = symbols as [vscode.DocumentSymbol, vscode.DocumentSymbol];
    assert.deepEqual(nodes.children.map((s) => s.name), ['NODE1', 'NODE2']);
    assert.equal(nodes.children[0]!.kind, vscode.SymbolKind.Object);
    assert.equal(document.getText(nodes.children[1]!.selectionRange), '"NODE2"');
    assert.equal(document.getText(nodes.children[1]!.range), '"NODE2": { "version": "ws2003-rc2" }');
    assert.equal(steps.children.length, 15);
    assert.deepEqual(steps.children.slice(0, 6).map((s) => s.name), ['1 stop NODE1', '2 set-registry NODE1', '3 start NODE1', '4 upgrade NODE2', '5 set-registry NODE2', '6 join NODE2']);
    assert.equal(steps.children[5]!.detail, 'sponsor NODE1');
    assert.equal(document.getText(steps.children[5]!.range), '{ "action": "join", "node": "NODE2", "sponsor": "NODE1" }');
    assert.equal(document.getText(steps.children[5]!.selectionRange), '"join"');
    assert.equal(steps.children[5]!.kind, vscode.SymbolKind.Event);
  });

  const NAMES = `{
  "nodes": {
    "NODE1": { "version": "ws2003-rtm" },
    "NODE2": { "version": "ws2003-rtm" },
  },
  "steps": [
    { "action": "stop", "node": "node1" },
    { "action": "join", "node": "NODE1", "sponsor": "NODE2" },
    { "action": "restart", "node": "NODE2", "sponsor": "Node1" },
  ],
}`;

  it('goes to the declaration of a node named in any case', async () => {
    const editor = await showPlan(NAMES);
    const document = editor.document;
    const declaration = rangeOf(document, '"NODE1"');
    for (const from of [after(document, '"node1"', 3), after(document, '"Node1"', 1), declaration.start]) {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, from);
      assert.equal(found.length, 1);
      const location = found[0]!;
      const range = 'targetRange' in location ? location.targetRange : location.range;
      assert.deepEqual(range, declaration);
    }
    const none = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeDefinitionProvider', document.uri, after(document, '"restart"', 2));
    assert.deepEqual(none, []);
  });

  it('finds every reference to a node, ignoring case', async () => {
    const editor = await showPlan(NAMES);
    const document = editor.document;
    const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, after(document, '"Node1"', 2));
    const texts = found.sort((a, b) => a.range.start.compareTo(b.range.start)).map((l) => `${l.range.start.line}:${document.getText(l.range)}`);
    assert.deepEqual(texts, ['2:"NODE1"', '6:"node1"', '7:"NODE1"', '8:"Node1"']);
  });

  it('renames a node everywhere, and the whole text is as expected', async () => {
    const editor = await showPlan(NAMES);
    const document = editor.document;
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', document.uri, after(document, '"node1"', 2));
    assert.equal(prepared.placeholder, 'node1');
    assert.equal(document.getText(prepared.range), 'node1');

    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, after(document, '"node1"', 2), 'SRV-A');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(document.getText(), NAMES.replace(/"(NODE1|node1|Node1)"/g, '"SRV-A"'));
    const api = await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    await api.checked(document);
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri), []);
  });

  it('rejects a rename to an invalid NetBIOS name or to another node\'s name, and off a node name', async () => {
    const editor = await showPlan(NAMES);
    const document = editor.document;
    const on = after(document, '"NODE1"', 1);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', document.uri, on, 'NODE 1')),
      /not a valid node name.*space/,
    );
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', document.uri, on, 'A-NAME-OF-16-CHR')),
      /not a valid node name.*15/,
    );
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', document.uri, on, 'node2')), /already declares the node "NODE2"/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('vscode.prepareRename', document.uri, after(document, '"restart"', 2))), /Only node names can be renamed/);
    assert.equal(document.getText(), NAMES);
  });

  it('refuses an invalid new name typed at the cursor inline, as VS Code shows a refusal of prepareRename', async () => {
    const editor = await showPlan(NAMES);
    const document = editor.document;
    const on = after(document, '"NODE1"', 1);
    editor.selection = new vscode.Selection(on, on);
    // F2 at the cursor, then "NODE 1": VS Code would show a refusal from provideRenameEdits as a notification.
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, on, 'NODE 1');
    assert.equal(edit.size, 0);
    assert.equal(document.getText(), NAMES);
    // Instead the rename started again at the cursor, and its prepareRename threw the refusal, which VS Code
    // shows inline; the next F2 opens the rename box as usual.
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', document.uri, on);
    assert.equal(prepared.placeholder, 'NODE1');
  });
});
