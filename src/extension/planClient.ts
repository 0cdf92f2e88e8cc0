import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type MessageTransports, type Middleware } from 'vscode-languageclient/node';
import { FOCUS_CLUSTER_VERSIONS_COMMAND, TRIGGER_SUGGEST_COMMAND, TYPE_REASON_COMMAND, type InitializationOptions } from '../server/protocol';
import { LANGUAGE_ID } from './language';
import type { PlanProblems } from './planProblems';
import type { PublishedVersions } from './publishedVersions';
import { renameRefusal } from './renameRefusal';

/**
 * The language client: it starts clusterplan's language server, bundled in dist/cli.js, in a process of its
 * own (`clusterplan lsp --node-ipc`), and hands it every plan, whatever its scheme (files, untitled plans,
 * virtual workspaces). The server reads only what the client sends (docs/vscode.md).
 */
export class PlanClient extends LanguageClient {
  constructor(
    extensionUri: vscode.Uri,
    private readonly publishedVersions: PublishedVersions,
    problems: PlanProblems,
  ) {
    const module = vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
    const initializationOptions: InitializationOptions = { clientCommands: [TYPE_REASON_COMMAND, FOCUS_CLUSTER_VERSIONS_COMMAND, TRIGGER_SUGGEST_COMMAND] };
    super(
      LANGUAGE_ID,
      'Cluster Plan',
      { module, args: ['lsp'], transport: TransportKind.ipc },
      {
        documentSelector: [{ language: LANGUAGE_ID }],
        initializationOptions,
        // Hovers come from the plan's text: never trusted, never HTML.
        markdown: { isTrusted: false, supportHtml: false },
        // A refused rename is an answer, not a failure: no pop-up sends the administrator to the log.
        revealOutputChannelOn: RevealOutputChannelOn.Never,
        middleware: {
          handleDiagnostics: problems.handle,
          provideCodeLenses: summaryTooltip,
          ...renameRefusal(),
        },
      },
    );
  }

  protected override async createMessageTransports(encoding: string): Promise<MessageTransports> {
    const transports = await super.createMessageTransports(encoding);
    return { ...transports, reader: this.publishedVersions.reading(transports.reader) };
  }
}

/** LSP 3.17's commands have no tooltip: the summary above "steps" gets back the one it had. */
const summaryTooltip: Middleware['provideCodeLenses'] = async (document, token, next) => {
  const lenses = await next(document, token);
  for (const lens of lenses ?? []) {
    if (lens.command?.command === FOCUS_CLUSTER_VERSIONS_COMMAND) lens.command.tooltip = vscode.l10n.t('Show the cluster versions before the first step and after every step');
  }
  return lenses;
};
