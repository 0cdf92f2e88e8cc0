import * as vscode from 'vscode';
import { type Analysis, planSymbols, type PlanSymbol, type PlanSymbolKind } from '../core';

/** The outline and breadcrumbs. The symbols are the core's (src/core/features/symbols.ts); this converts them. */
const SYMBOL_KINDS: Record<PlanSymbolKind, vscode.SymbolKind> = {
  versions: vscode.SymbolKind.Namespace,
  alias: vscode.SymbolKind.Constant,
  nodes: vscode.SymbolKind.Namespace,
  node: vscode.SymbolKind.Object,
  steps: vscode.SymbolKind.Array,
  step: vscode.SymbolKind.Event,
};

export function documentSymbols(analysis: Analysis, document: vscode.TextDocument): vscode.DocumentSymbol[] {
  return planSymbols(analysis).map((s) => documentSymbol(document, s));
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
