import * as vscode from 'vscode';
import { type Analysis, completionsAt, type CompletionItem, type CompletionKind } from '../core';

/** Completion: the logic is the core's (src/core/features/completion.ts); this converts offsets to positions and items to VS Code's. */
export function completionItems(analysis: Analysis, document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
  const result = completionsAt(analysis, document.offsetAt(position));
  if (!result) return undefined;
  const start = document.positionAt(result.offset);
  const end = document.positionAt(result.offset + result.length);
  // VS Code wants a single-line range that contains the cursor; an unclosed string stops at the line's end.
  const range = new vscode.Range(start, end.line === start.line && end.isAfterOrEqual(position) ? end : position);
  return result.items.map((item) => completionItem(item, range));
}

const COMPLETION_KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  action: vscode.CompletionItemKind.Function,
  node: vscode.CompletionItemKind.Reference,
  version: vscode.CompletionItemKind.Constant,
  value: vscode.CompletionItemKind.Value,
};

function completionItem(item: CompletionItem, range: vscode.Range): vscode.CompletionItem {
  const result = new vscode.CompletionItem(item.label, COMPLETION_KINDS[item.kind]);
  result.insertText = item.isSnippet ? new vscode.SnippetString(item.insertText) : item.insertText;
  result.filterText = item.filterText;
  result.sortText = item.sortText;
  result.range = range;
  if (item.detail !== undefined) result.detail = item.detail;
  if (item.documentation) result.documentation = item.documentation;
  if (item.preselect) result.preselect = true;
  // The value's choices, listed as soon as the key is accepted.
  if (item.listsValues) result.command = { command: 'editor.action.triggerSuggest', title: vscode.l10n.t('List the values') };
  return result;
}
