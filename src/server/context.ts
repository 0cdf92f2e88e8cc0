import type { ClientCapabilities, Connection } from 'vscode-languageserver';
import type { PlanDocuments } from './planDocuments';
import type { SettingsStore } from './settings';

/** What every feature of the server reads: the connection, the open plans and their analyses, the settings. */
export interface ServerContext {
  readonly connection: Connection;
  readonly plans: PlanDocuments;
  readonly settings: SettingsStore;
  /** The commands the client said it runs itself (InitializationOptions.clientCommands in protocol.ts). */
  readonly clientCommands: ReadonlySet<string>;
  /** What the client said at `initialize` it supports (empty before), e.g. versioned edits or resolving an edit later. */
  readonly clientCapabilities: () => ClientCapabilities;
}
