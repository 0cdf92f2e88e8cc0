import * as vscode from 'vscode';
import { planSymbols, type PlanSymbol, type PlanSymbolKind } from '../core';
import { LANGUAGE_ID, type AnalysisCache } from './analyses';
import { loadChunk } from './lazy';

/**
 * Writing a plan: completion, the outline, go to definition, find references and rename of node names.
 * The logic is the core's (src/core/features), over the cached analysis of the document's version; this
 * file converts offsets to positions and the core's results to VS Code's types. Completion and the node
 * name features run only when the administrator types or asks, so their code is in chunks loaded on first
 * use (./lazy.ts); the outline stays here, as the breadcrumbs ask for it as soon as a plan opens.
 */
export function registerWritingFeatures(analyses: AnalysisCache): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };
  return [
    vscode.languages.registerCompletionItemProvider(
      selector,
      { provideCompletionItems: (document, position) => loadChunk('completion', 'once')?.completionItems(analyses.get(document), document, position) },
      '"',
      ':',
    ),
    vscode.languages.registerDocumentSymbolProvider(selector, new SymbolProvider(analyses), { label: vscode.l10n.t('Cluster Plan') }),
    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition: (document, position) => loadChunk('references', 'once')?.definition(analyses.get(document), document, position),
    }),
    vscode.languages.registerReferenceProvider(selector, {
      provideReferences: (document, position, context) => loadChunk('references', 'once')?.references(analyses.get(document), document, position, context),
    }),
    vscode.languages.registerRenameProvider(selector, {
      prepareRename: (document, position) => loadChunk('references', 'once')?.prepareRename(analyses.get(document), document, position),
      provideRenameEdits: (document, position, newName) => loadChunk('references', 'once')?.renameEdits(analyses.get(document), document, position, newName),
    }),
  ];
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

function rangeOf(document: vscode.TextDocument, offset: number, length: number): vscode.Range {
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
}
