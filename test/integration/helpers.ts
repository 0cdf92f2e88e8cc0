import * as path from 'node:path';
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import * as vscode from 'vscode';

/** Runs the mocha files of one folder inside the extension host; rejects when any test fails. */
export function runMochaFolder(folder: string, files?: readonly string[]): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of files ?? readdirSync(folder).filter((f) => f.endsWith('.test.js'))) mocha.addFile(path.join(folder, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      // The launcher echoes this line as the run's summary.
      console.log(`clusterplan-integration: ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}

/**
 * Resolves with the document's diagnostics once `accept` holds for them: checked at once, then on every
 * onDidChangeDiagnostics for that document. Rejects after `timeoutMs` naming what it waited for.
 */
export function diagnosticsWhere(
  uri: vscode.Uri,
  accept: (diagnostics: readonly vscode.Diagnostic[]) => boolean,
  waitingFor: string,
  timeoutMs = 20_000,
): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!accept(current)) return false;
      clearTimeout(timer);
      subscription.dispose();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const seen = vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)}@${d.range.start.line}`);
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${waitingFor} on ${uri.toString()}; diagnostics: [${seen.join(', ')}]`));
    }, timeoutMs);
    check();
  });
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

export function codes(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map(codeOf).sort();
}

/** An untitled plan in the editor, so tests never write to the workspace. */
export async function showPlan(content: string): Promise<vscode.TextEditor> {
  // Right after an untitled plan closes, a new one may reuse its name and come back without the content;
  // a fresh attempt gets a document of its own.
  for (let attempt = 1; ; attempt++) {
    const document = await vscode.workspace.openTextDocument({ language: 'clusterplan', content });
    if (document.getText() === content || attempt === 3) return vscode.window.showTextDocument(document);
  }
}

export async function showFile(relativePath: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a workspace folder');
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, relativePath));
  return vscode.window.showTextDocument(document);
}

/** The 0-based line of the first line containing `needle`. */
export function lineOf(document: vscode.TextDocument, needle: string): number {
  for (let line = 0; line < document.lineCount; line++) if (document.lineAt(line).text.includes(needle)) return line;
  throw new Error(`"${needle}" is not in ${document.uri.toString()}`);
}

/** The range of the first occurrence of `needle`. */
export function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
  const offset = document.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in ${document.uri.toString()}`);
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + needle.length));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Resolves once VS Code has closed the document. Its last tab goes first; the document itself is closed
 * a moment later, and until then features may still ask about it. Rejects after `timeoutMs`.
 */
export function documentClosed(document: vscode.TextDocument, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (document.isClosed) return resolve();
    const subscription = vscode.workspace.onDidCloseTextDocument((d) => {
      if (d !== document) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${document.uri.toString()} to close`));
    }, timeoutMs);
  });
}
