import {
  LSPErrorCodes,
  ResponseError,
  SymbolKind,
  type DocumentSymbol,
  type Location,
  type PrepareRenameResult,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeDefinition, nodeReferences, planSymbols, prepareNodeRename, renameNode, type PlanSymbol, type PlanSymbolKind, type RenameRejection } from '../core';
import type { ServerContext } from './context';
import { rangeOf } from './positions';
import { renameRefusal } from './renameMessages';

/**
 * Writing a plan: the outline, go to definition, find references and rename of node names. The logic is
 * the core's (src/core/features/symbols.ts, nodeReferences.ts); this converts offsets to ranges and
 * refusals to errors. Completion is in completion.ts.
 */
export function registerWritingFeatures(context: ServerContext): void {
  const { connection, plans } = context;

  connection.onDocumentSymbol((params): DocumentSymbol[] | null => {
    const open = plans.get(params.textDocument.uri);
    return open ? planSymbols(open.analysis).map((s) => documentSymbol(open.document, s)) : null;
  });

  connection.onDefinition((params): Location | null => {
    const open = plans.get(params.textDocument.uri);
    const found = open && nodeDefinition(open.analysis, open.document.offsetAt(params.position));
    return open && found ? { uri: params.textDocument.uri, range: rangeOf(open.document, found.offset, found.length) } : null;
  });

  connection.onReferences((params): Location[] | null => {
    const open = plans.get(params.textDocument.uri);
    const found = open && nodeReferences(open.analysis, open.document.offsetAt(params.position));
    if (!open || !found) return null;
    return found
      .filter((o) => params.context.includeDeclaration || o.role !== 'declaration')
      .map((o) => ({ uri: params.textDocument.uri, range: rangeOf(open.document, o.offset, o.length) }));
  });

  connection.onPrepareRename((params): PrepareRenameResult | ResponseError | null => {
    const open = plans.get(params.textDocument.uri);
    if (!open) return null;
    const prepared = prepareNodeRename(open.analysis, open.document.offsetAt(params.position));
    if (!prepared.ok) return refusal(prepared.rejection);
    // The range is the name inside its quotes, so the rename box holds just the name.
    return { range: rangeOf(open.document, prepared.offset + 1, Math.max(0, prepared.length - 2)), placeholder: prepared.name };
  });

  connection.onRenameRequest((params): WorkspaceEdit | ResponseError | null => {
    const open = plans.get(params.textDocument.uri);
    if (!open) return null;
    const result = renameNode(open.analysis, open.document.offsetAt(params.position), params.newName);
    if (!result.ok) return refusal(result.rejection);
    const edits: TextEdit[] = result.edits.map((e) => ({ range: rangeOf(open.document, e.offset, e.length), newText: e.content }));
    return { changes: { [params.textDocument.uri]: edits } };
  });
}

/**
 * RequestFailed is the protocol's code for a valid request the server declines, with a message for the
 * user; vscode-languageclient shows a prepareRename error's message as it is, inline at the cursor.
 */
function refusal(rejection: RenameRejection): ResponseError {
  return new ResponseError(LSPErrorCodes.RequestFailed, renameRefusal(rejection));
}

/** The outline and breadcrumbs (src/core/features/symbols.ts). */
const SYMBOL_KINDS: Record<PlanSymbolKind, SymbolKind> = {
  versions: SymbolKind.Namespace,
  alias: SymbolKind.Constant,
  nodes: SymbolKind.Namespace,
  node: SymbolKind.Object,
  steps: SymbolKind.Array,
  step: SymbolKind.Event,
};

function documentSymbol(document: TextDocument, symbol: PlanSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: SYMBOL_KINDS[symbol.kind],
    range: rangeOf(document, symbol.offset, symbol.length),
    selectionRange: rangeOf(document, symbol.selectionOffset, symbol.selectionLength),
    children: symbol.children.map((c) => documentSymbol(document, c)),
  };
}
