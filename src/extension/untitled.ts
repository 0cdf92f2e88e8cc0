import * as os from 'node:os';
import * as vscode from 'vscode';
import { lineBreakOf } from '../core/lineBreak';

/**
 * Opens a new untitled document with a name: `<folder>/<base><extension>`, or `<base>-2<extension>`, … when
 * that file exists or the name was given before in this session. With a name, VS Code shows it on the tab, picks the
 * language by its extension and saves to it; without one it names the tab after the first line and may
 * offer another language, such as JSON for a plan. VS Code refuses an untitled name of an existing file.
 */
export async function openNamedUntitled(folder: vscode.Uri, base: string, extension: string, language: string, content: string): Promise<vscode.TextDocument> {
  const uri = await freeName(folder, base, extension);
  let document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
  const edit = new vscode.WorkspaceEdit();
  // The document starts empty with the default line break: CRLF content would otherwise be turned into LF.
  const eol = lineBreakOf(content) === '\r\n' ? vscode.EndOfLine.CRLF : vscode.EndOfLine.LF;
  edit.set(uri, [vscode.TextEdit.setEndOfLine(eol), vscode.TextEdit.insert(new vscode.Position(0, 0), content)]);
  await vscode.workspace.applyEdit(edit);
  return document;
}

/** Where a new document is saved: the workspace's first local folder, or the home folder. */
export function defaultFolder(): vscode.Uri {
  const local = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return local?.uri ?? vscode.Uri.file(os.homedir());
}

/**
 * Names given in this session are not given again: for a while after an untitled document closes, opening
 * its name again can hand back the closed document, or a new one without its content.
 */
const given = new Set<string>();

async function freeName(folder: vscode.Uri, base: string, extension: string): Promise<vscode.Uri> {
  for (let n = 1; ; n++) {
    const file = vscode.Uri.joinPath(folder, `${base}${n === 1 ? '' : `-${n}`}${extension}`);
    const untitled = file.with({ scheme: 'untitled' });
    if (given.has(untitled.toString()) || vscode.workspace.textDocuments.some((d) => d.uri.toString() === untitled.toString())) continue;
    if (await exists(file)) continue;
    given.add(untitled.toString());
    return untitled;
  }
}

async function exists(file: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(file);
    return true;
  } catch {
    return false;
  }
}
