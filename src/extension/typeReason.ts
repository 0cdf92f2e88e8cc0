import * as vscode from 'vscode';
import { TYPE_REASON_COMMAND } from '../server/protocol';

/**
 * `clusterplan.typeReason(uri, position)`: the server attaches it to "Suppress … on this line…", and VS Code
 * runs it once the comment is in: the cursor goes after its "-- ", where the administrator types the reason.
 */
export function registerTypeReason(): vscode.Disposable {
  return vscode.commands.registerCommand(TYPE_REASON_COMMAND, (uri: unknown, position: unknown) => {
    const target = String(uri);
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target);
    if (!editor || !isPosition(position)) return;
    const at = editor.document.validatePosition(new vscode.Position(position.line, position.character));
    editor.selection = new vscode.Selection(at, at);
  });
}

function isPosition(value: unknown): value is { line: number; character: number } {
  const { line, character } = (value ?? {}) as { line?: unknown; character?: unknown };
  return typeof line === 'number' && typeof character === 'number' && line >= 0 && character >= 0;
}
