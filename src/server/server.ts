import { CodeActionKind, DidChangeConfigurationNotification, TextDocumentSyncKind, type ClientCapabilities, type Connection, type InitializeResult } from 'vscode-languageserver';
import { version } from '../../package.json';
import { registerCodeActions } from './codeActions';
import { registerCompletion } from './completion';
import type { ServerContext } from './context';
import { DiagnosticsScheduler } from './diagnostics';
import { registerExportRunbook } from './exportRunbook';
import { PlanDocuments } from './planDocuments';
import { FIX_ALL_KIND, TRIGGER_CHARACTERS } from './capabilities';
import type { InitializationOptions, StatsResult } from './protocol';
import { STATS_REQUEST } from './protocol';
import { registerReadingFeatures } from './reading';
import { SettingsStore } from './settings';
import { registerTimeline } from './timeline';
import { registerWritingFeatures } from './writing';

/**
 * clusterplan's language server: the core's analysis of every open plan, served over the Language Server
 * Protocol to VS Code and any other editor (docs/language-server.md). Each feature module converts what the
 * core computes from the cached analysis of a document's version; none analyses on its own.
 */
export function startServer(connection: Connection): void {
  const settings = new SettingsStore(connection);
  const plans = new PlanDocuments(() => settings.current.analysis);
  const diagnostics = new DiagnosticsScheduler(connection, plans, settings);
  const clientCommands = new Set<string>();
  let clientCapabilities: ClientCapabilities = {};
  const context: ServerContext = { connection, plans, settings, clientCommands, clientCapabilities: () => clientCapabilities };
  let canAskConfiguration = false;
  let canRegisterConfiguration = false;

  connection.onInitialize((params): InitializeResult => {
    clientCapabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    for (const command of Array.isArray(options.clientCommands) ? options.clientCommands : []) if (typeof command === 'string') clientCommands.add(command);
    canAskConfiguration = params.capabilities.workspace?.configuration === true;
    canRegisterConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [...TRIGGER_CHARACTERS] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: { label: 'Cluster Plan' },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        inlayHintProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'clusterplan', version },
    };
  });

  connection.onInitialized(() => {
    // A request that came before the answer (the outline, right after didOpen) analysed the plan with the
    // defaults: that analysis must not outlive them, or a rule turned off would show until the next edit.
    void settings.reload(canAskConfiguration).then(() => plans.clear());
    if (canRegisterConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'clusterplan' });
  });

  connection.onDidChangeConfiguration((change) => {
    void settings.reload(canAskConfiguration, change.settings).then(() => {
      plans.clear();
      diagnostics.scheduleAll();
      // The hints follow clusterplan.inlayHints.enabled; the summary's problem count follows clusterplan.rules.
      // Asked only of a client that said it can refresh them.
      if (clientCapabilities.workspace?.inlayHint?.refreshSupport === true) void connection.languages.inlayHint.refresh().catch(() => undefined);
      if (clientCapabilities.workspace?.codeLens?.refreshSupport === true) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    });
  });

  // onDidChangeContent fires for an open too, right after onDidOpen: a plan just opened is checked at once,
  // an edit after the configured delay.
  const opening = new Set<string>();
  plans.documents.onDidOpen((e) => opening.add(e.document.uri));
  plans.documents.onDidChangeContent((e) => diagnostics.schedule(e.document, opening.delete(e.document.uri) ? 0 : settings.current.delay));
  plans.documents.onDidClose((e) => diagnostics.forget(e.document.uri));

  registerCodeActions(context);
  registerReadingFeatures(context);
  registerCompletion(context);
  registerWritingFeatures(context);
  registerTimeline(context);
  registerExportRunbook(context);
  connection.onRequest(STATS_REQUEST, (): StatsResult => ({ openDocuments: plans.documents.all().length, cachedAnalyses: plans.cachedAnalyses, pendingChecks: diagnostics.pendingChecks }));

  connection.onShutdown(() => diagnostics.dispose());
  plans.documents.listen(connection);
  connection.listen();
}
