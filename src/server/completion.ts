import { CompletionItemKind, InsertTextFormat, type CompletionItem as LspCompletionItem, type Position, type Range } from 'vscode-languageserver';
import { completionsAt, type CompletionItem, type CompletionKind } from '../core';
import type { ServerContext } from './context';
import { TRIGGER_SUGGEST_COMMAND } from './protocol';

/** Completion: the logic is the core's (src/core/features/completion.ts); this converts its items to LSP's. */
export function registerCompletion(context: ServerContext): void {
  const { connection, plans, clientCommands, clientCapabilities } = context;
  connection.onCompletion((params): LspCompletionItem[] | null => {
    const open = plans.get(params.textDocument.uri);
    if (!open) return null;
    const { document, analysis } = open;
    const result = completionsAt(analysis, document.offsetAt(params.position));
    if (!result) return null;
    // Known only once the client has said which commands it runs, at initialize.
    const listsValues = clientCommands.has(TRIGGER_SUGGEST_COMMAND);
    const snippets = clientCapabilities().textDocument?.completion?.completionItem?.snippetSupport === true;
    const range = replacedRange(document.positionAt(result.offset), document.positionAt(result.offset + result.length), params.position);
    return result.items.map((item) => completionItem(item, range, listsValues, snippets));
  });
}

/**
 * Editors want a single-line range that contains the cursor: a string left unclosed runs to the line's end
 * or beyond, so its range stops at the cursor.
 */
function replacedRange(start: Position, end: Position, cursor: Position): Range {
  const endsAfterCursor = end.line > cursor.line || (end.line === cursor.line && end.character >= cursor.character);
  return { start, end: end.line === start.line && endsAfterCursor ? end : cursor };
}

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  property: CompletionItemKind.Property,
  action: CompletionItemKind.Function,
  node: CompletionItemKind.Reference,
  version: CompletionItemKind.Constant,
  value: CompletionItemKind.Value,
};

function completionItem(item: CompletionItem, range: Range, listsValues: boolean, snippets: boolean): LspCompletionItem {
  const snippet = item.isSnippet && snippets;
  const result: LspCompletionItem = {
    label: item.label,
    kind: COMPLETION_KINDS[item.kind],
    textEdit: { range, newText: item.isSnippet && !snippets ? plainTextOf(item.insertText) : item.insertText },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    filterText: item.filterText,
    sortText: item.sortText,
  };
  if (item.detail !== undefined) result.detail = item.detail;
  if (item.documentation) result.documentation = item.documentation;
  if (item.preselect) result.preselect = true;
  // The value's choices, listed as soon as the key is accepted, by a client that said it runs the command.
  if (item.listsValues && listsValues) result.command = { title: 'List the values', command: TRIGGER_SUGGEST_COMMAND };
  return result;
}

/**
 * A snippet as plain text, for a client without snippet support (Neovim 0.7's omnifunc): tab stops go,
 * placeholders keep their text, escapes are undone. Otherwise `"action": "$1"` would be inserted as written.
 */
export function plainTextOf(snippet: string): string {
  return snippet.replace(/\$\{\d+:((?:\\.|[^}\\])*)\}|\$\d+|\\([$}\\])/g, (_, placeholder: string | undefined, escaped: string | undefined) =>
    placeholder !== undefined ? placeholder.replace(/\\([$}\\])/g, '$1') : (escaped ?? ''),
  );
}
