import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient/node';
import { isRunbookFormat, RUNBOOK_FORMATS, type RunbookFormat } from '../core/export/formats';
import {
  EXPORT_RUNBOOK_REQUEST,
  RUNBOOK_FORMATS_REQUEST,
  type ExportRunbookParams,
  type ExportRunbookResult,
  type RunbookFormatsParams,
  type RunbookFormatsResult,
} from '../server/protocol';
import { LANGUAGE_ID } from './language';
import { defaultFolder, openNamedUntitled } from './untitled';

export const EXPORT_RUNBOOK = 'clusterplan.exportRunbook';
const SHOW_PROBLEMS = 'workbench.actions.view.problems';

/**
 * "Cluster Plan: Export Runbook…" on the active plan: the server's `clusterplan/exportRunbook`, opened in a
 * new untitled editor of the format's language named after the plan (`myplan.ps1` beside
 * `myplan.clusterplan`), for the administrator to review and save. A format may be passed as the argument
 * (keybindings, tests); otherwise a quick pick offers those of `clusterplan/runbookFormats`.
 */
export function registerExportRunbook(client: BaseLanguageClient): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_RUNBOOK, async (formatArgument?: unknown): Promise<vscode.TextEditor | undefined> => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== LANGUAGE_ID) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Open a .clusterplan file to export its runbook.'));
      return undefined;
    }
    try {
      return await exportRunbookOf(client, document, formatArgument);
    } catch (error) {
      // The server is down (it failed to start, or crashed too often to be restarted): say so, and where to look.
      void vscode.window.showErrorMessage(vscode.l10n.t('The runbook cannot be exported: the Cluster Plan language server did not answer ({0}). See View › Output › Cluster Plan, or reload the window.', error instanceof Error ? error.message : String(error)));
      return undefined;
    }
  });
}

async function exportRunbookOf(client: BaseLanguageClient, document: vscode.TextDocument, formatArgument: unknown): Promise<vscode.TextEditor | undefined> {
  const textDocument = { uri: document.uri.toString() };
  const offered = await client.sendRequest<RunbookFormatsResult>(RUNBOOK_FORMATS_REQUEST, { textDocument } satisfies RunbookFormatsParams);
  // The server has the plan as soon as VS Code has: no answer means it has not caught up, which a retry fixes.
  if (!offered) throw new Error(vscode.l10n.t('it does not have the plan open yet'));
  const formats = offered.formats;
  const format = typeof formatArgument === 'string' && isRunbookFormat(formatArgument) ? formatArgument : await pickFormat(formats);
  if (!format) return undefined;

  const planName = path.basename(document.uri.path) || document.uri.toString();
  const ask = (force: boolean) => client.sendRequest<ExportRunbookResult>(EXPORT_RUNBOOK_REQUEST, { textDocument, format, planName, force } satisfies ExportRunbookParams);
  let result = await ask(false);
  if (!result) return undefined;
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
    result = await ask(true);
    if (!result?.ok) return undefined;
  }
  const runbook = await openNamedUntitled(runbookFolder(document.uri), path.parse(planName).name || 'runbook', RUNBOOK_FORMATS[format].extension, RUNBOOK_FORMATS[format].languageId, result.text);
  return vscode.window.showTextDocument(runbook, { preview: false });
}

/** Beside the plan, where an administrator looks for its runbook; else where new files go. */
function runbookFolder(plan: vscode.Uri): vscode.Uri {
  return plan.scheme === 'file' ? vscode.Uri.joinPath(plan, '..') : defaultFolder();
}

/** The formats the server offers for the plan: a plan of Windows Server 2008 and later has no cmd runbook (docs/export.md). */
async function pickFormat(formats: readonly RunbookFormat[]): Promise<RunbookFormat | undefined> {
  const functionalLevelPlan = !formats.includes('cmd');
  const details: Record<RunbookFormat, vscode.QuickPickItem> = {
    cmd: { label: vscode.l10n.t('cmd batch file'), description: '.cmd', detail: vscode.l10n.t('sc, reg and cluster.exe, step by step, stopping at the first failure') },
    powershell: {
      label: vscode.l10n.t('PowerShell script'),
      description: '.ps1',
      detail: functionalLevelPlan
        ? vscode.l10n.t('the FailoverClusters cmdlets from this workstation; -WhatIf shows every change')
        : vscode.l10n.t('sc.exe, reg.exe and cluster.exe from this workstation; -WhatIf shows every change'),
    },
    markdown: { label: vscode.l10n.t('Markdown document'), description: '.md', detail: vscode.l10n.t('for the change board: nodes, steps, commands and expected cluster state') },
  };
  const items = formats.map((format) => ({ ...details[format], format }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export Runbook'), placeHolder: vscode.l10n.t('Format of the runbook') });
  return picked?.format;
}
