import * as vscode from 'vscode';
import { LANGUAGE_ID } from './language';
import { shownInTab } from './tabs';
import { defaultFolder, openNamedUntitled } from './untitled';

export const OPEN_EXAMPLE = 'clusterplan.openExample';
export const FIX_EXAMPLE = 'clusterplan.fixExample';

/** The walkthrough's example, shipped in the package: a KB 811272 upgrade whose sponsor lacks NoVersionCheck. */
const EXAMPLE = ['examples', 'mistakes', 'forgot-sponsor-noversioncheck.clusterplan'];

/**
 * The walkthrough's commands. "Open the Example" opens the example as an untitled copy named
 * `example.clusterplan`, so the walkthrough never edits a file of the installed extension, beside the
 * walkthrough rather than in its place; while that copy is shown, it shows it again. "Quick Fix…" must work
 * while the walkthrough has the focus, where VS Code's own Quick Fix has no editor to act on: it shows the
 * example, puts the cursor on its worst problem, then runs Quick Fix there.
 */
export function registerExampleCommands(extensionUri: vscode.Uri, checked: (document: vscode.TextDocument) => Promise<void>): vscode.Disposable[] {
  let example: vscode.TextDocument | undefined;

  const showExample = async (): Promise<vscode.TextEditor> => {
    if (example && !example.isClosed && shownInTab(example.uri)) return vscode.window.showTextDocument(example, { viewColumn: columnOf(example.uri), preview: false });
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...EXAMPLE));
    example = await openNamedUntitled(defaultFolder(), 'example', '.clusterplan', LANGUAGE_ID, new TextDecoder().decode(bytes));
    // Beside what is shown (the walkthrough), unless nothing is.
    const column = vscode.window.tabGroups.activeTabGroup.activeTab ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    return vscode.window.showTextDocument(example, { viewColumn: column, preview: false });
  };

  const fixExample = async (): Promise<void> => {
    const editor = await showExample();
    await checked(editor.document);
    const problem = worstProblem(editor.document.uri);
    if (!problem) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The example has no problem left to fix.'));
      return;
    }
    editor.selection = new vscode.Selection(problem.range.start, problem.range.start);
    editor.revealRange(problem.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    await vscode.commands.executeCommand('editor.action.quickFix');
  };

  return [vscode.commands.registerCommand(OPEN_EXAMPLE, showExample), vscode.commands.registerCommand(FIX_EXAMPLE, fixExample)];
}

function columnOf(uri: vscode.Uri): vscode.ViewColumn | undefined {
  const group = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));
  return group?.viewColumn;
}

/** The first problem of the highest severity: the refused join before the warnings it causes. */
function worstProblem(uri: vscode.Uri): vscode.Diagnostic | undefined {
  let worst: vscode.Diagnostic | undefined;
  for (const d of vscode.languages.getDiagnostics(uri)) {
    if (d.source !== 'clusterplan') continue;
    if (!worst || d.severity < worst.severity || (d.severity === worst.severity && d.range.start.isBefore(worst.range.start))) worst = d;
  }
  return worst;
}
