import * as vscode from 'vscode';
import { LANGUAGE_ID, type AnalysisCache } from './analyses';
import { loadChunk } from './lazy';

export const EXPORT_RUNBOOK = 'clusterplan.exportRunbook';

/**
 * "Cluster Plan: Export Runbook…" on the active plan. Most sessions never export, so the rest of the
 * command and the core's export are the chunk dist/export.js (./chunks/export.ts), loaded when the command
 * first runs on a plan.
 */
export function registerExportRunbook(analyses: AnalysisCache): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_RUNBOOK, async (formatArgument?: unknown): Promise<vscode.TextEditor | undefined> => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== LANGUAGE_ID) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Open a .clusterplan file to export its runbook.'));
      return undefined;
    }
    return loadChunk('export')?.exportRunbookOf(document, analyses, formatArgument);
  });
}
