import * as vscode from 'vscode';
import { STATS_REQUEST, type StatsResult } from '../server/protocol';
import { registerCheckTask } from './checkTask';
import { ClusterVersionsView } from './clusterVersionsView';
import { registerExportRunbook } from './exportRunbook';
import { registerExampleCommands } from './openExample';
import { PlanClient } from './planClient';
import { PlanProblems, type Validated } from './planProblems';
import { PublishedVersions } from './publishedVersions';
import { registerTypeReason } from './typeReason';

/** What `activate` returns, for the integration tests and other extensions. */
export interface ClusterplanApi {
  /** The "Cluster Versions" tree, for the integration tests. */
  readonly clusterVersions: ClusterVersionsView;
  /** What the server holds per document, and how many plans have problems shown: both must go back down when plans close. */
  stats(): Promise<StatsResult & { documentsWithDiagnostics: number }>;
  /** Resolves once the plan's problems are those of its current text: the walkthrough and the tests wait for it. */
  checked(document: vscode.TextDocument): Promise<void>;
  /** Milliseconds from the start to the end of activate(), for the editor benchmark. */
  readonly activationMs: number;
  /**
   * Fires right after a plan's diagnostics are set. `languages.onDidChangeDiagnostics` reports the same
   * change 50 ms later at the earliest (VS Code debounces it), so the editor benchmark times this one too.
   */
  readonly onDidValidate: vscode.Event<Validated>;
}

/**
 * A thin client: the analysis, the diagnostics and the editor features are the language server's
 * (src/server), in a process of its own. The client keeps what only VS Code has: the Cluster Versions view,
 * the walkthrough, the task and its problem matcher, the export command, and the Problems following the tabs.
 */
export function activate(context: vscode.ExtensionContext): ClusterplanApi {
  const started = performance.now();
  const versions = new PublishedVersions();
  let client: PlanClient | undefined;
  const problems = new PlanProblems(versions, () => client?.diagnostics);
  client = new PlanClient(context.extensionUri, versions, problems);
  const planClient = client;
  const clusterVersions = new ClusterVersionsView(planClient, problems.onDidValidate);
  context.subscriptions.push(
    problems,
    clusterVersions,
    registerTypeReason(),
    registerCheckTask(context.extensionUri),
    ...registerExampleCommands(context.extensionUri, (document) => problems.current(document)),
    registerExportRunbook(planClient),
  );
  running = planClient;
  // Started, not awaited: requests wait for the server, and activation stays short. A server that fails to
  // start is reported by the client itself, in a notification.
  planClient.start().catch(() => undefined);
  return {
    clusterVersions,
    checked: (document) => problems.current(document),
    stats: async () => ({ ...(await planClient.sendRequest<StatsResult>(STATS_REQUEST)), documentsWithDiagnostics: problems.documentsWithDiagnostics }),
    activationMs: performance.now() - started,
    onDidValidate: problems.onDidValidate,
  };
}

let running: PlanClient | undefined;

/** Stops the server: VS Code waits for its shutdown before it ends the extension host. */
export function deactivate(): Promise<void> | undefined {
  return running?.stop();
}
