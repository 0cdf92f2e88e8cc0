import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, rangeOf, showPlan } from '../helpers';

/** A plan of Windows Server 2016 and later in the editor: the hover on a new alias, and the actions completion offers. */

const PLAN = `{
  "functionalLevel": 9,
  "nodes": {
    "N1": { "version": "ws2016" },
    "N2": { "version": "ws2016" },
  },
  "steps": [
    { "action": "drain", "node": "N1" },
    { "action": "upgrade", "node": "N1", "to": "ws2019" },
  ],
}`;

async function activated(): Promise<void> {
  await vscode.extensions.getExtension('clusterplan.clusterplan')!.activate();
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('a functional-level plan in the editor', () => {
  afterEach(closeAllEditors);

  it('shows the release, the versions and the functional level on an alias of Windows Server 2019', async () => {
    const editor = await showPlan(PLAN);
    await activated();
    const alias = rangeOf(editor.document, '"ws2019"');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, alias.start.translate(0, 1));
    assert.equal(hovers.length, 1, 'one hover');
    const hover = hovers[0]!;
    assert.ok(hover.range?.isEqual(alias), 'the hover is about the alias');
    const markdown = hover.contents[0] as vscode.MarkdownString;
    assert.ok(!markdown.isTrusted && !markdown.supportHtml, 'untrusted, no HTML');
    assert.equal(
      markdown.value,
      [
        '**ws2019**: Windows Server 2019, from the built-in catalog',
        '',
        '- highest: 0x000A0003 (10.3), decimal 655363',
        '- lowest: 0x000A0003 (10.3), decimal 655363',
        '- functional level: FL 10 (Windows Server 2019)',
        '- minor: 3, the upgrade version',
        '- pre-release: no',
      ].join('\n'),
    );
  });

  it('completes the actions of Cluster OS Rolling Upgrade, and accepting one writes it', async () => {
    const editor = await showPlan(PLAN);
    const document = editor.document;
    const last = '{ "action": "upgrade", "node": "N1", "to": "ws2019" },';
    const end = rangeOf(document, last).end;
    await editor.edit((b) => b.insert(end, '\n    { "action": "re'));
    const position = end.translate(1, 0).with({ character: '    { "action": "re'.length });
    await activated();
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, '"');
    // VS Code adds word-based and snippet items of its own.
    const items = list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Text && i.kind !== vscode.CompletionItemKind.Snippet);
    const sorted = [...items].sort((a, b) => (a.sortText ?? labelOf(a)).localeCompare(b.sortText ?? labelOf(b))).map(labelOf);
    assert.deepEqual(sorted, ['stop', 'start', 'join', 'restart', 'upgrade', 'set-registry', 'delete-registry', 'cluster-security', 'note', 'drain', 'resume', 'evict', 'add', 'update-functional-level']);
    const resume = items.find((i) => labelOf(i) === 'resume')!;
    assert.equal(resume.detail, 'Resume a paused node (Resume-ClusterNode -Failback Immediate)');
    const range = resume.range instanceof vscode.Range ? resume.range : resume.range!.replacing;
    assert.ok(await editor.edit((b) => b.replace(range, resume.insertText as string)));
    assert.equal(document.getText(), PLAN.replace(last, `${last}\n    { "action": "resume"`));
  });
});
