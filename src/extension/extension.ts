import * as vscode from 'vscode';
import type { Analysis } from '../core';
import { AnalysisCache } from './analyses';
import { registerCheckTask } from './checkTask';
import { CodeActionProvider } from './codeActions';
import { DiagnosticsController } from './diagnostics';

/** What `activate` returns, for the integration tests and other extensions. */
export interface ClusterplanApi {
  analysisOf(document: vscode.TextDocument): Analysis;
}

export function activate(context: vscode.ExtensionContext): ClusterplanApi {
  const analyses = new AnalysisCache();
  const readme = vscode.Uri.joinPath(context.extensionUri, 'README.md');
  const selector: vscode.DocumentSelector = { language: 'clusterplan' };
  context.subscriptions.push(
    new DiagnosticsController(analyses, readme),
    registerCheckTask(context.extensionUri),
    vscode.languages.registerCodeActionsProvider(selector, new CodeActionProvider(analyses), CodeActionProvider.metadata),
  );
  return { analysisOf: (document) => analyses.get(document) };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
