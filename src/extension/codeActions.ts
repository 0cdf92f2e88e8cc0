import * as vscode from 'vscode';
import { fixAll, fixesFor, isSuppressible, minimalEdit, suppressionEdit, type Analysis, type Finding, type SuppressionEdit, type TextEdit } from '../core';
import type { AnalysisCache } from './analyses';
import { FIX_ALL } from './codeActionKinds';
import { analysisOptions } from './settings';
import { codeOf } from './toDiagnostic';

/**
 * Quick fixes, suppressions and fix-all (also as `source.fixAll.clusterplan` for `editor.codeActionsOnSave`):
 * the edits are the core's pure fix functions' (src/core/fixes); this only converts them.
 */
export class CodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL],
  };

  constructor(private readonly analyses: AnalysisCache) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return codeActions(this.analyses.get(document), document, range, context);
  }

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    return resolveCodeAction(action);
  }
}

function codeActions(analysis: Analysis, document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
  const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind) || kind.contains(context.only);
  const actions: vscode.CodeAction[] = [];

  if (wants(vscode.CodeActionKind.QuickFix)) {
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'clusterplan') continue;
      const finding = findingOf(document, analysis, diagnostic);
      if (!finding) continue;
      for (const fix of fixesFor(analysis, finding)) {
        actions.push(action(fix.title, vscode.CodeActionKind.QuickFix, document, fix.edits, [diagnostic], fix.isPreferred));
      }
      if (isSuppressible(finding.code)) actions.push(suppressAction(document, finding.code, suppressionEdit(analysis.document, finding), diagnostic));
    }
    // Offered cheaply, computed when picked: fix-all analyses the plan once per fix it applies, far too
    // much for every lightbulb request.
    if ((range.isEmpty || context.diagnostics.length > 0) && hasSafeFix(analysis)) {
      actions.push(new FixAllAction(vscode.l10n.t('Fix all clusterplan problems in this file'), vscode.CodeActionKind.QuickFix, document));
    }
  }
  if (context.only && wants(FIX_ALL) && !context.only.contains(vscode.CodeActionKind.QuickFix)) {
    const all = fixAllAction(document, FIX_ALL, vscode.l10n.t('Fix all clusterplan problems'));
    if (all) actions.push(all);
  }
  return actions;
}

/**
 * "Suppress … on this line": the comment is inserted as a snippet whose final tab stop is where the reason
 * goes, so the cursor lands there and the administrator types it.
 */
function suppressAction(document: vscode.TextDocument, code: string, suppress: SuppressionEdit, diagnostic: vscode.Diagnostic): vscode.CodeAction {
  const result = new vscode.CodeAction(vscode.l10n.t('Suppress {0} on this line…', code), vscode.CodeActionKind.QuickFix);
  const snippet = new vscode.SnippetString()
    .appendText(suppress.content.slice(0, suppress.reasonAt))
    .appendTabstop(0)
    .appendText(suppress.content.slice(suppress.reasonAt));
  result.edit = new vscode.WorkspaceEdit();
  result.edit.set(document.uri, [vscode.SnippetTextEdit.insert(document.positionAt(suppress.offset), snippet)]);
  result.diagnostics = [diagnostic];
  return result;
}

function resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
  if (action instanceof FixAllAction && !action.edit) {
    const resolved = fixAllAction(action.document, action.kind ?? vscode.CodeActionKind.QuickFix, action.title);
    action.edit = resolved?.edit ?? new vscode.WorkspaceEdit();
  }
  return action;
}

/** Every safe fix, as one minimal edit so the undo stack and the cursor move as little as possible. */
function fixAllAction(document: vscode.TextDocument, kind: vscode.CodeActionKind, title: string): vscode.CodeAction | undefined {
  const text = document.getText();
  const result = fixAll(text, analysisOptions());
  if (result.applied.length === 0) return undefined;
  return action(title, kind, document, [minimalEdit(text, result.text)], [], false);
}

/** The quick-fix form of fix-all, whose edit `resolveCodeAction` computes when the administrator picks it. */
class FixAllAction extends vscode.CodeAction {
  constructor(
    title: string,
    kind: vscode.CodeActionKind,
    readonly document: vscode.TextDocument,
  ) {
    super(title, kind);
  }
}

function hasSafeFix(analysis: Analysis): boolean {
  return analysis.findings.some((f) => fixesFor(analysis, f).some((fix) => fix.safe));
}

function findingOf(document: vscode.TextDocument, analysis: Analysis, diagnostic: vscode.Diagnostic): Finding | undefined {
  const code = codeOf(diagnostic);
  return analysis.findings.find(
    (f) => f.code === code && document.positionAt(f.offset).isEqual(diagnostic.range.start) && document.positionAt(f.offset + f.length).isEqual(diagnostic.range.end),
  );
}

function action(
  title: string,
  kind: vscode.CodeActionKind,
  document: vscode.TextDocument,
  edits: readonly TextEdit[],
  diagnostics: vscode.Diagnostic[],
  isPreferred: boolean,
): vscode.CodeAction {
  const result = new vscode.CodeAction(title, kind);
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.content);
  }
  result.edit = edit;
  result.diagnostics = diagnostics;
  result.isPreferred = isPreferred;
  return result;
}
