import * as path from 'node:path';
import * as vscode from 'vscode';
import { exportRunbook, isRunbookFormat, RUNBOOK_FORMATS, type RunbookFormat } from '../core';
import { LANGUAGE_ID, type AnalysisCache } from './analyses';
import { defaultFolder, openNamedUntitled } from './untitled';

export const EXPORT_RUNBOOK = 'clusterplan.exportRunbook';
const SHOW_PROBLEMS = 'workbench.actions.view.problems';

/**
 * "Cluster Plan: Export Runbook…" on the active plan: the core's exportRunbook, opened in a new untitled
 * editor of the format's language named after the plan (`myplan.ps1` beside `myplan.clusterplan`), for the
 * administrator to review and save. A format may be passed as the
 * argument (keybindings, tests); otherwise a quick pick asks.
 */
export function registerExportRunbook(analyses: AnalysisCache): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_RUNBOOK, async (formatArgument?: unknown): Promise<vscode.TextEditor | undefined> => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== LANGUAGE_ID) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Open a .clusterplan file to export its runbook.'));
      return undefined;
    }
    return exportRunbookOf(document, analyses, formatArgument);
  });
}

async function exportRunbookOf(document: vscode.TextDocument, analyses: AnalysisCache, formatArgument: unknown): Promise<vscode.TextEditor | undefined> {
  const analysis = analyses.get(document);
  const format = typeof formatArgument === 'string' && isRunbookFormat(formatArgument) ? formatArgument : await pickFormat(analysis.plan?.functionalLevelPlan === true);
  if (!format) return undefined;

  const planName = path.basename(document.uri.path) || document.uri.toString();
  let result = exportRunbook(analysis, format, { planName });
  if (!result.ok) {
    const summary = result.problems.slice(0, 3).map((p) => p.message).join(' ') + (result.problems.length > 3 ? ' …' : '');
    if (!result.problems.every((p) => p.kind === 'plan-error')) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The runbook cannot be exported: {0}', summary));
      return undefined;
    }
    const show = vscode.l10n.t('Show Problems');
    const anyway = vscode.l10n.t('Export Anyway');
    // Enter presses a modal's default button, its first item that is not a close affordance: it must not export.
    const choice = await vscode.window.showWarningMessage(vscode.l10n.t('The plan has errors: {0}', summary), { modal: true }, show, anyway);
    if (choice === show) await vscode.commands.executeCommand(SHOW_PROBLEMS);
    if (choice !== anyway) return undefined;
    result = exportRunbook(analysis, format, { planName, force: true });
    if (!result.ok) return undefined;
  }
  const runbook = await openNamedUntitled(runbookFolder(document.uri), path.parse(planName).name || 'runbook', RUNBOOK_FORMATS[format].extension, RUNBOOK_FORMATS[format].languageId, result.text);
  return vscode.window.showTextDocument(runbook, { preview: false });
}

/** Beside the plan, where an administrator looks for its runbook; else where new files go. */
function runbookFolder(plan: vscode.Uri): vscode.Uri {
  return plan.scheme === 'file' ? vscode.Uri.joinPath(plan, '..') : defaultFolder();
}

/** The formats a plan can be exported to: a plan of Windows Server 2008 and later has no cmd runbook (docs/export.md). */
async function pickFormat(functionalLevelPlan: boolean): Promise<RunbookFormat | undefined> {
  const cmd = { label: vscode.l10n.t('cmd batch file'), description: '.cmd', detail: vscode.l10n.t('sc, reg and cluster.exe, step by step, stopping at the first failure'), format: 'cmd' as const };
  const powershell = functionalLevelPlan
    ? vscode.l10n.t('the FailoverClusters cmdlets from this workstation; -WhatIf shows every change')
    : vscode.l10n.t('sc.exe, reg.exe and cluster.exe from this workstation; -WhatIf shows every change');
  const items: (vscode.QuickPickItem & { format: RunbookFormat })[] = [
    ...(functionalLevelPlan ? [] : [cmd]),
    { label: vscode.l10n.t('PowerShell script'), description: '.ps1', detail: powershell, format: 'powershell' },
    { label: vscode.l10n.t('Markdown document'), description: '.md', detail: vscode.l10n.t('for the change board: nodes, steps, commands and expected cluster state'), format: 'markdown' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Runbook'), placeHolder: vscode.l10n.t('Format of the runbook') });
  return picked?.format;
}
