import * as vscode from 'vscode';
import { LANGUAGE_ID } from './analyses';
import { shownInTab } from './tabs';
import { defaultFolder, openNamedUntitled } from './untitled';

export const OPEN_EXAMPLE = 'clusterplan.openExample';

/** The walkthrough's example, shipped in the package: a KB 811272 upgrade whose sponsor lacks NoVersionCheck. */
const EXAMPLE = ['examples', 'mistakes', 'forgot-sponsor-noversioncheck.clusterplan'];

/**
 * "Open the Example" opens the example as an untitled copy named `example.clusterplan`, so the walkthrough
 * never edits a file of the installed extension, beside the walkthrough rather than in its place. While
 * that copy is shown, the command shows it again.
 */
export function registerOpenExample(extensionUri: vscode.Uri): vscode.Disposable {
  let example: vscode.TextDocument | undefined;
  return vscode.commands.registerCommand(OPEN_EXAMPLE, async (): Promise<vscode.TextEditor> => {
    if (example && !example.isClosed && shownInTab(example.uri)) return vscode.window.showTextDocument(example, { viewColumn: columnOf(example.uri), preview: false });
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...EXAMPLE));
    example = await openNamedUntitled(defaultFolder(), 'example', '.clusterplan', LANGUAGE_ID, new TextDecoder().decode(bytes));
    // Beside what is shown (the walkthrough), unless nothing is.
    const column = vscode.window.tabGroups.activeTabGroup.activeTab ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    return vscode.window.showTextDocument(example, { viewColumn: column, preview: false });
  });
}

function columnOf(uri: vscode.Uri): vscode.ViewColumn | undefined {
  const group = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));
  return group?.viewColumn;
}
