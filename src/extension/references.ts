import * as vscode from 'vscode';
import { type Analysis, nodeDefinition, nodeReferences, prepareNodeRename, renameNode, type RenameRejection } from '../core';
import type { AnalysisCache } from './analyses';

/**
 * Go to definition, find references and rename of node names. The logic is the core's
 * (src/core/features/nodeReferences.ts); this converts offsets to ranges and rejections to messages.
 */
export function definition(analysis: Analysis, document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
  const found = nodeDefinition(analysis, document.offsetAt(position));
  return found ? new vscode.Location(document.uri, rangeOf(document, found.offset, found.length)) : undefined;
}

export function references(analysis: Analysis, document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] | undefined {
  const occurrences = nodeReferences(analysis, document.offsetAt(position));
  return occurrences
    ?.filter((o) => context.includeDeclaration || o.role !== 'declaration')
    .map((o) => new vscode.Location(document.uri, rangeOf(document, o.offset, o.length)));
}

/**
 * Rename of node names (F2). VS Code 1.100 shows an error thrown by prepareRename inline, at the cursor,
 * but one thrown by provideRenameEdits in a notification, cut off at its edge. A new name can only be judged
 * once it is typed, in provideRenameEdits; so a refused name is kept, and the rename started again at the
 * cursor: VS Code asks prepareRename, which throws the refusal, and shows it inline as it shows "only node
 * names can be renamed". Renames asked for elsewhere (another extension, vscode.executeDocumentRenameProvider
 * away from the cursor) get the error itself.
 */
export class NodeRenameProvider implements vscode.RenameProvider {
  private refused: { readonly document: vscode.TextDocument; readonly version: number; readonly message: string } | undefined;

  constructor(private readonly analyses: AnalysisCache) {}

  prepareRename(document: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } {
    const refused = this.refused;
    this.refused = undefined;
    if (refused?.document === document && refused.version === document.version) throw new Error(refused.message);
    const prepared = prepareNodeRename(this.analyses.get(document), document.offsetAt(position));
    if (!prepared.ok) throw new Error(rejectionMessage(prepared.rejection));
    // The range is the name inside its quotes, so the rename box holds just the name.
    const inner = rangeOf(document, prepared.offset + 1, Math.max(0, prepared.length - 2));
    return { range: inner, placeholder: prepared.name };
  }

  async provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): Promise<vscode.WorkspaceEdit> {
    const result = renameNode(this.analyses.get(document), document.offsetAt(position), newName);
    const edit = new vscode.WorkspaceEdit();
    if (result.ok) {
      for (const e of result.edits) edit.replace(document.uri, rangeOf(document, e.offset, e.length), e.content);
      return edit;
    }
    const message = rejectionMessage(result.rejection);
    const editor = vscode.window.activeTextEditor;
    if (editor?.document !== document || !editor.selection.active.isEqual(position)) throw new Error(message);
    this.refused = { document, version: document.version, message };
    // The new rename cancels this one, whose empty edit VS Code then drops.
    await vscode.commands.executeCommand('editor.action.rename');
    return edit;
  }
}

function rejectionMessage(rejection: RenameRejection): string {
  switch (rejection.reason) {
    case 'not-a-node':
      return vscode.l10n.t('Only node names can be renamed: place the cursor on a name under "nodes" or on a step\'s "node" or "sponsor".');
    case 'undeclared':
      return vscode.l10n.t('"{0}" is not declared under "nodes", so there is no node to rename. Fix the name or declare the node.', rejection.name);
    case 'invalid-name':
      return vscode.l10n.t('"{0}" is not a valid node name: {1}.', rejection.name, rejection.problem);
    case 'collision':
      return vscode.l10n.t('The plan already declares the node "{0}"; node names are compared ignoring case, so "{1}" would be the same node.', rejection.other, rejection.name);
  }
}

function rangeOf(document: vscode.TextDocument, offset: number, length: number): vscode.Range {
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
}
