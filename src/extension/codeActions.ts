import * as vscode from 'vscode';
import type { AnalysisCache } from './analyses';
import { FIX_ALL } from './codeActionKinds';
import { loadChunk } from './lazy';

/**
 * Quick fixes, suppressions and fix-all (also as `source.fixAll.clusterplan` for `editor.codeActionsOnSave`),
 * computed by the chunk dist/codeActions.js (chunks/codeActions.ts): activation does not need them.
 */
export class CodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL],
  };

  constructor(private readonly analyses: AnalysisCache) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return loadChunk('codeActions', 'once')?.codeActions(this.analyses.get(document), document, range, context) ?? [];
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    return loadChunk('codeActions', 'once')?.resolveCodeAction(action) ?? action;
  }
}
