import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { exportRunbook, isRunbookFormat, RUNBOOK_FORMATS, runbookFormatsOf } from '../core';
import type { ServerContext } from './context';
import {
  EXPORT_RUNBOOK_REQUEST,
  RUNBOOK_FORMATS_REQUEST,
  type ExportRunbookParams,
  type ExportRunbookResult,
  type RunbookFormatsParams,
  type RunbookFormatsResult,
} from './protocol';

/**
 * The runbook of an open plan, as `clusterplan export` writes it (`clusterplan/exportRunbook`), and the formats
 * it can be exported to (`clusterplan/runbookFormats`). The client decides where the text goes.
 */
export function registerExportRunbook(context: ServerContext): void {
  context.connection.onRequest(RUNBOOK_FORMATS_REQUEST, async (params: RunbookFormatsParams): Promise<RunbookFormatsResult> => {
    await context.settings.ready;
    const open = context.plans.get(params.textDocument.uri);
    return open ? { formats: runbookFormatsOf(open.analysis) } : null;
  });

  context.connection.onRequest(EXPORT_RUNBOOK_REQUEST, async (params: ExportRunbookParams): Promise<ExportRunbookResult | ResponseError> => {
    const format: unknown = params.format;
    if (typeof format !== 'string' || !isRunbookFormat(format)) {
      const known = Object.keys(RUNBOOK_FORMATS).join(', ');
      return new ResponseError(ErrorCodes.InvalidParams, `Unknown runbook format ${JSON.stringify(format)}: use one of ${known}.`);
    }
    // The errors that refuse an export depend on clusterplan.rules.
    await context.settings.ready;
    const open = context.plans.get(params.textDocument.uri);
    if (!open) return null;
    const result = exportRunbook(open.analysis, format, { planName: params.planName, force: params.force === true });
    return result.ok ? { ok: true, text: result.text } : { ok: false, problems: result.problems.map((p) => ({ kind: p.kind, message: p.message })) };
  });
}
