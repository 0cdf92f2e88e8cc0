import * as vscode from 'vscode';
import {
  completionsAt,
  nodeDefinition,
  nodeReferences,
  planSymbols,
  prepareNodeRename,
  renameNode,
  type CompletionItem,
  type CompletionKind,
  type PlanSymbol,
  type PlanSymbolKind,
  type RenameRejection,
} from '../core';
import { LANGUAGE_ID, type AnalysisCache } from './analyses';

/**
 * Writing a plan: completion, the outline, go to definition, find references and rename of node names.
 * The logic is the core's (src/core/features), over the cached analysis of the document's version; this
 * file converts offsets to positions and the core's results to VS Code's types.
 */
export function registerWritingFeatures(analyses: AnalysisCache): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };
  return [
    vscode.languages.registerCompletionItemProvider(selector, new CompletionProvider(analyses), '"', ':'),
    vscode.languages.registerDocumentSymbolProvider(selector, new SymbolProvider(analyses), { label: vscode.l10n.t('Cluster Plan') }),
    vscode.languages.registerDefinitionProvider(selector, new DefinitionProvider(analyses)),
    vscode.languages.registerReferenceProvider(selector, new ReferenceProvider(analyses)),
    vscode.languages.registerRenameProvider(selector, new RenameProvider(analyses)),
  ];
}

const COMPLETION_KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  action: vscode.CompletionItemKind.Function,
  node: vscode.CompletionItemKind.Reference,
  version: vscode.CompletionItemKind.Constant,
  value: vscode.CompletionItemKind.Value,
};

class CompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly analyses: AnalysisCache) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const analysis = this.analyses.get(document);
    const result = completionsAt(analysis, document.offsetAt(position));
    if (!result) return undefined;
    const start = document.positionAt(result.offset);
    const end = document.positionAt(result.offset + result.length);
    // VS Code wants a single-line range that contains the cursor; an unclosed string stops at the line's end.
    const range = new vscode.Range(start, end.line === start.line && end.isAfterOrEqual(position) ? end : position);
    return result.items.map((item) => completionItem(item, range));
  }
}

function completionItem(item: CompletionItem, range: vscode.Range): vscode.CompletionItem {
  const result = new vscode.CompletionItem(item.label, COMPLETION_KINDS[item.kind]);
  result.insertText = item.isSnippet ? new vscode.SnippetString(item.insertText) : item.insertText;
  result.filterText = item.filterText;
  result.sortText = item.sortText;
  result.range = range;
  if (item.detail !== undefined) result.detail = item.detail;
  if (item.documentation) result.documentation = item.documentation;
  if (item.preselect) result.preselect = true;
  return result;
}

const SYMBOL_KINDS: Record<PlanSymbolKind, vscode.SymbolKind> = {
  versions: vscode.SymbolKind.Namespace,
  alias: vscode.SymbolKind.Constant,
  nodes: vscode.SymbolKind.Namespace,
  node: vscode.SymbolKind.Object,
  steps: vscode.SymbolKind.Array,
  step: vscode.SymbolKind.Event,
};

class SymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly analyses: AnalysisCache) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    return planSymbols(this.analyses.get(document)).map((s) => documentSymbol(document, s));
  }
}

function documentSymbol(document: vscode.TextDocument, symbol: PlanSymbol): vscode.DocumentSymbol {
  const result = new vscode.DocumentSymbol(
    symbol.name,
    symbol.detail,
    SYMBOL_KINDS[symbol.kind],
    rangeOf(document, symbol.offset, symbol.length),
    rangeOf(document, symbol.selectionOffset, symbol.selectionLength),
  );
  result.children = symbol.children.map((c) => documentSymbol(document, c));
  return result;
}

class DefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly analyses: AnalysisCache) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const definition = nodeDefinition(this.analyses.get(document), document.offsetAt(position));
    return definition ? new vscode.Location(document.uri, rangeOf(document, definition.offset, definition.length)) : undefined;
  }
}

class ReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly analyses: AnalysisCache) {}

  provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] | undefined {
    const occurrences = nodeReferences(this.analyses.get(document), document.offsetAt(position));
    return occurrences
      ?.filter((o) => context.includeDeclaration || o.role !== 'declaration')
      .map((o) => new vscode.Location(document.uri, rangeOf(document, o.offset, o.length)));
  }
}

class RenameProvider implements vscode.RenameProvider {
  constructor(private readonly analyses: AnalysisCache) {}

  prepareRename(document: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } {
    const prepared = prepareNodeRename(this.analyses.get(document), document.offsetAt(position));
    if (!prepared.ok) throw new Error(rejectionMessage(prepared.rejection));
    // The range is the name inside its quotes, so the rename box holds just the name.
    const inner = rangeOf(document, prepared.offset + 1, Math.max(0, prepared.length - 2));
    return { range: inner, placeholder: prepared.name };
  }

  provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): vscode.WorkspaceEdit {
    const result = renameNode(this.analyses.get(document), document.offsetAt(position), newName);
    if (!result.ok) throw new Error(rejectionMessage(result.rejection));
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(document.uri, rangeOf(document, e.offset, e.length), e.content);
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
