import * as vscode from 'vscode';
import { planSummary } from '../core';
import { LANGUAGE_ID, type AnalysisCache } from './analyses';
import { hover } from './hover';
import { inlayHintsIn } from './inlayHints';

/** The setting that turns the inlay hints off; it applies without a reload. */
export const INLAY_HINTS_SETTING = 'clusterplan.inlayHints.enabled';
/** The command VS Code contributes for every view: here, the "Cluster Versions" tree. */
export const FOCUS_CLUSTER_VERSIONS = 'clusterplan.clusterVersions.focus';

/**
 * "Reading the plan": hovers, inlay hints and the summary CodeLens above "steps". Each converts what the
 * core computes from the cached analysis of the document's version; none analyses on its own.
 */
export function registerReadingFeatures(analyses: AnalysisCache): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };
  const hints = new PlanInlayHintsProvider(analyses);
  const lenses = new PlanSummaryLensProvider(analyses);
  return [
    vscode.languages.registerHoverProvider(selector, {
      provideHover: (document, position) => hover(analyses.get(document), document, position),
    }),
    hints,
    vscode.languages.registerInlayHintsProvider(selector, hints),
    lenses,
    vscode.languages.registerCodeLensProvider(selector, lenses),
  ];
}

function rangeOf(document: vscode.TextDocument, offset: number, length: number): vscode.Range {
  return new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
}

class PlanInlayHintsProvider implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.changed.event;
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(INLAY_HINTS_SETTING)) this.changed.fire();
  });

  constructor(private readonly analyses: AnalysisCache) {}

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    if (!vscode.workspace.getConfiguration('clusterplan', document).get<boolean>('inlayHints.enabled', true)) return [];
    return inlayHintsIn(this.analyses.get(document), document, range);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

class PlanSummaryLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  // The problem count follows clusterplan.rules, which can turn a rule off or change its severity.
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('clusterplan.rules')) this.changed.fire();
  });

  constructor(private readonly analyses: AnalysisCache) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const summary = planSummary(this.analyses.get(document));
    if (!summary) return [];
    return [
      new vscode.CodeLens(rangeOf(document, summary.offset, summary.length), {
        title: summary.text,
        command: FOCUS_CLUSTER_VERSIONS,
        tooltip: vscode.l10n.t('Show the cluster versions before the first step and after every step'),
      }),
    ];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
