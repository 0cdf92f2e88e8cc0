import type { CodeLens, Command, Hover, InlayHint } from 'vscode-languageserver';
import { hoverAt, inlayHints, planSummary } from '../core';
import type { ServerContext } from './context';
import { rangeOf } from './positions';
import { FOCUS_CLUSTER_VERSIONS_COMMAND } from './protocol';

/**
 * "Reading the plan": hovers, inlay hints and the summary CodeLens above "steps", converted from what the
 * core computes on the cached analysis of the document's version (docs/language-server.md).
 */
export function registerReadingFeatures(context: ServerContext): void {
  const { connection, plans, settings, clientCommands } = context;

  // A hover lists the findings at the place, whose severities follow clusterplan.rules.
  connection.onHover(async (params): Promise<Hover | null> => {
    await settings.ready;
    const open = plans.get(params.textDocument.uri);
    if (!open) return null;
    const { document, analysis } = open;
    const found = hoverAt(analysis, document.offsetAt(params.position));
    // The core escapes every piece of document text, so the markdown holds no link and no HTML of the plan's.
    return found ? { contents: { kind: 'markdown', value: found.markdown }, range: rangeOf(document, found.offset, found.length) } : null;
  });

  connection.languages.inlayHint.on(async (params): Promise<InlayHint[]> => {
    await settings.ready;
    if (!settings.current.inlayHints) return [];
    const open = plans.get(params.textDocument.uri);
    if (!open) return [];
    const { document, analysis } = open;
    return inlayHints(analysis, document.offsetAt(params.range.start), document.offsetAt(params.range.end)).map((h) => {
      const hint: InlayHint = { position: document.positionAt(h.offset), label: h.label, paddingLeft: true };
      if (h.tooltip) hint.tooltip = h.tooltip;
      return hint;
    });
  });

  // The problem count follows clusterplan.rules.
  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    await settings.ready;
    const open = plans.get(params.textDocument.uri);
    const summary = open && planSummary(open.analysis);
    if (!open || !summary) return [];
    return [{ range: rangeOf(open.document, summary.offset, summary.length), command: summaryCommand(summary.text, clientCommands) }];
  });
}

/**
 * Focuses the Cluster Versions view where the client has one. Other editors have no such view, but show a
 * lens only with a command, as its title: an empty id makes the summary a label that runs nothing.
 */
function summaryCommand(title: string, clientCommands: ReadonlySet<string>): Command {
  return clientCommands.has(FOCUS_CLUSTER_VERSIONS_COMMAND) ? { title, command: FOCUS_CLUSTER_VERSIONS_COMMAND } : { title, command: '' };
}
