import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';

/**
 * Rename of node names (F2), as the server refuses a new name. VS Code 1.100 shows an error of prepareRename
 * inline, at the cursor, but one of provideRenameEdits in a notification, cut off at its edge. A new name can
 * only be judged once it is typed, in provideRenameEdits; so a refused name is kept, and the rename started
 * again at the cursor: VS Code asks prepareRename, which gives the refusal, and shows it inline as it shows
 * "only node names can be renamed". Renames asked for elsewhere (another extension,
 * vscode.executeDocumentRenameProvider away from the cursor) get the error itself.
 */
export function renameRefusal(): Pick<Middleware, 'prepareRename' | 'provideRenameEdits'> {
  let refused: { readonly document: vscode.TextDocument; readonly version: number; readonly message: string } | undefined;
  return {
    prepareRename: (document, position, token, next) => {
      const refusal = refused;
      refused = undefined;
      if (refusal?.document === document && refusal.version === document.version) throw new Error(refusal.message);
      return next(document, position, token);
    },
    provideRenameEdits: async (document, position, newName, token, next) => {
      try {
        return await next(document, position, newName, token);
      } catch (error) {
        if (error instanceof vscode.CancellationError) throw error;
        const message = error instanceof Error ? error.message : String(error);
        const editor = vscode.window.activeTextEditor;
        if (editor?.document !== document || !editor.selection.active.isEqual(position)) throw new Error(message);
        refused = { document, version: document.version, message };
        // The new rename cancels this one, whose empty edit VS Code then drops.
        await vscode.commands.executeCommand('editor.action.rename');
        return new vscode.WorkspaceEdit();
      }
    },
  };
}
