import * as vscode from 'vscode';
import { type Analysis, hoverAt } from '../core';

/** The hovers: the markdown is the core's (src/core/features/hover.ts); this converts it. */
export function hover(analysis: Analysis, document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
  const found = hoverAt(analysis, document.offsetAt(position));
  if (!found) return undefined;
  // The core escapes every piece of document text; on top of that, the markdown may run no command
  // and render no HTML, whatever a plan contains.
  const markdown = new vscode.MarkdownString(found.markdown, false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return new vscode.Hover(markdown, new vscode.Range(document.positionAt(found.offset), document.positionAt(found.offset + found.length)));
}
