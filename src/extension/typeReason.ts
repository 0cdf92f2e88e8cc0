import * as vscode from 'vscode';
import { TYPE_REASON_COMMAND } from '../server/protocol';

/**
 * `clusterplan.typeReason(uri, position)`: the server attaches it to "Suppress … on this line…", and VS Code
 * runs it once the comment is in: the cursor goes after its "-- ", where the administrator types the reason.
 */
export function registerTypeReason(): vscode.Disposable {
  return vscode.commands.registerCommand(TYPE_REASON_COMMAND, (uri: unknown, position: unknown) => {
    const target = String(uri);
    // The editor the fix was picked in, when the plan is shown in two.
    const shows = (e: vscode.TextEditor) => e.document.uri.toString() === target;
    const active = vscode.window.activeTextEditor;
    const editor = active && shows(active) ? active : vscode.window.visibleTextEditors.find(shows);
    if (!editor || !isPosition(position)) return;
    const at = editor.document.validatePosition(new vscode.Position(position.line, position.character));
    editor.selection = new vscode.Selection(at, at);
  });
}

function isPosition(value: unknown): value is { line: number; character: number } {
  const { line, character } = (value ?? {}) as { line?: unknown; character?: unknown };
  return typeof line === 'number' && typeof character === 'number' && line >= 0 && character >= 0;
}
