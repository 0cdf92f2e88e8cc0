import * as vscode from 'vscode';

export const OPEN_EXAMPLE = 'clusterplan.openExample';

/** The walkthrough's example, shipped in the package: a KB 811272 upgrade whose sponsor lacks NoVersionCheck. */
const EXAMPLE = ['examples', 'mistakes', 'forgot-sponsor-noversioncheck.clusterplan'];

/** Opens the example as an untitled copy, so the walkthrough never edits a file of the installed extension. */
export function registerOpenExample(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_EXAMPLE, async () => {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...EXAMPLE));
    const document = await vscode.workspace.openTextDocument({ language: 'clusterplan', content: new TextDecoder().decode(bytes) });
    return vscode.window.showTextDocument(document);
  });
}
