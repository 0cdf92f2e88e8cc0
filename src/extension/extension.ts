import * as vscode from 'vscode';
import type { Analysis } from '../core';
import { AnalysisCache } from './analyses';
import { registerCheckTask } from './checkTask';
import { ClusterVersionsView } from './clusterVersionsView';
import { CodeActionProvider } from './codeActions';
import { DiagnosticsController } from './diagnostics';
import { registerExportRunbook } from './exportRunbook';
import { registerExampleCommands } from './openExample';
import { registerReadingFeatures } from './readingFeatures';
import { registerWritingFeatures } from './writingFeatures';

/** What `activate` returns, for the integration tests and other extensions. */
export interface ClusterplanApi {
  analysisOf(document: vscode.TextDocument): Analysis;
  /** The "Cluster Versions" tree, for the integration tests. */
  readonly clusterVersions: ClusterVersionsView;
  /** What the extension holds per document: it must go back down when plans close. */
  stats(): { cachedAnalyses: number; pendingChecks: number; documentsWithDiagnostics: number };
  /** Milliseconds from the start to the end of activate(), for the editor benchmark. */
  readonly activationMs: number;
  /**
   * Fires right after a plan's diagnostics are set. `languages.onDidChangeDiagnostics` reports the same
   * change 50 ms later at the earliest (VS Code debounces it), so the editor benchmark times this one too.
   */
  readonly onDidValidate: vscode.Event<vscode.TextDocument>;
}

export function activate(context: vscode.ExtensionContext): ClusterplanApi {
  const started = performance.now();
  const analyses = new AnalysisCache();
  const selector: vscode.DocumentSelector = { language: 'clusterplan' };
  const diagnostics = new DiagnosticsController(analyses, context.extensionUri);
  const clusterVersions = new ClusterVersionsView(analyses, diagnostics.onDidValidate);
  context.subscriptions.push(
    diagnostics,
    clusterVersions,
    registerCheckTask(context.extensionUri),
    ...registerExampleCommands(context.extensionUri, (document) => diagnostics.checkNow(document)),
    registerExportRunbook(analyses),
    vscode.languages.registerCodeActionsProvider(selector, new CodeActionProvider(analyses), CodeActionProvider.metadata),
    ...registerReadingFeatures(analyses),
    ...registerWritingFeatures(analyses),
  );
  return {
    analysisOf: (document) => analyses.get(document),
    clusterVersions,
    stats: () => ({ cachedAnalyses: analyses.size, ...diagnostics.stats() }),
    activationMs: performance.now() - started,
    onDidValidate: diagnostics.onDidValidate,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
