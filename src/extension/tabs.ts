import * as vscode from 'vscode';

/** The text document a tab shows; the modified side of a diff. */
export function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  if (tab.input instanceof vscode.TabInputText) return tab.input.uri;
  if (tab.input instanceof vscode.TabInputTextDiff) return tab.input.modified;
  return undefined;
}

/** Whether a tab still shows the document: VS Code may keep a document open long after its last tab. */
export function shownInTab(uri: vscode.Uri): boolean {
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tabUri(tab)?.toString() === uri.toString()));
}
