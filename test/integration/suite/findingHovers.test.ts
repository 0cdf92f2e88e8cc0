import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, diagnosticsWhere, showPlan } from '../helpers';

/**
 * What the hover on a finding shows: VS Code puts the message of every diagnostic under the mouse above the
 * hovers of the providers, so the two together are what the administrator reads.
 */
async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const messages = vscode.languages
    .getDiagnostics(document.uri)
    .filter((d) => d.range.contains(position))
    .map((d) => d.message);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
  // Markdown escapes punctuation with a backslash; the reader sees the character.
  return [...messages, ...markdown.map((m) => m.replace(/\\(.)/g, '$1'))].join('\n');
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('the hover on a finding', () => {
  afterEach(closeAllEditors);

  it('explains a refused join\'s event 1071 and error 5075 once', async () => {
    // An untitled copy: the clusterplan: check task of another test may have left its own diagnostics on the file.
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const example = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'mistakes/forgot-joiner-noversioncheck.clusterplan'));
    const editor = await showPlan(new TextDecoder().decode(example));
    const document = editor.document;
    const diagnostics = await diagnosticsWhere(document.uri, (d) => d.some((x) => codeOf(x) === 'join-incompatible'), 'join-incompatible');
    const refused = diagnostics.find((d) => codeOf(d) === 'join-incompatible')!;
    assert.equal(document.getText(refused.range), '{ "action": "join", "node": "NODE2", "sponsor": "NODE1" }');

    const shown = await hoverText(document, refused.range.start);
    assert.equal(count(shown, 'ERROR_CLUSTER_INCOMPATIBLE_VERSIONS'), 1, shown);
    assert.equal(count(shown, 'log event 1071 with error 5075'), 1, shown);
    // The step's own part is still there: what happens to NODE2, and the rule's title.
    assert.match(shown, /\n\*\*Step 8\*\*: join NODE2 with sponsor NODE1\n\nNODE2 is refused and stays stopped\.\n/);
    assert.match(shown, /\n\*\*`join-incompatible`\*\* · error: A start, join or restart is refused: error 5075, event 1071\n/);
  });
});
