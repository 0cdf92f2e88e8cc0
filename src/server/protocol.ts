import type { Range, TextDocumentIdentifier } from 'vscode-languageserver-protocol';
import type { NodeItem, RunbookFormat, Severity } from '../core';

/**
 * What clusterplan's language server answers beyond the protocol's own requests, and what a client tells it
 * at `initialize`. docs/language-server.md documents each one; the VS Code client (src/extension) uses them
 * all. Only names and shapes live here, so the server and the client share them without sharing code.
 */

/** `initializationOptions` of the `initialize` request. Every field is optional: other editors send none. */
export interface InitializationOptions {
  /**
   * Commands the client runs itself, which the server may attach to what it returns: VS Code's
   * `editor.action.triggerSuggest` (completion lists a key's values at once), `clusterplan.clusterVersions.focus`
   * (the summary CodeLens) and `clusterplan.typeReason` (the cursor after a suppression's "-- "). Without
   * them the server attaches no command, since another editor would send it back as an unknown command.
   */
  readonly clientCommands?: readonly string[];
}

/** The client command that puts the cursor where a suppression comment's reason goes: `(uri, position)`. */
export const TYPE_REASON_COMMAND = 'clusterplan.typeReason';
/** VS Code's command that focuses the Cluster Versions view: the summary CodeLens runs it. */
export const FOCUS_CLUSTER_VERSIONS_COMMAND = 'clusterplan.clusterVersions.focus';
/** VS Code's command that opens the suggestions again: a completed key lists its values at once. */
export const TRIGGER_SUGGEST_COMMAND = 'editor.action.triggerSuggest';

/** `clusterplan/timeline`: the Cluster Versions rows of an open plan, as of its current version. */
export const TIMELINE_REQUEST = 'clusterplan/timeline';
export interface TimelineParams {
  readonly textDocument: TextDocumentIdentifier;
}
/** `null` when the document is not open in the server. */
export interface TimelineResult {
  /** The document version the rows are of. */
  readonly version: number;
  /** The state before the first step, then the state after each step (at most 5,000 rows). */
  readonly states: readonly TimelineState[];
  /** The steps left out after the last row. */
  readonly more: number;
}
export interface TimelineState {
  /** `initial` or `step:<index>`: stable across edits that do not renumber steps. */
  readonly id: string;
  /** The step's 0-based index; `null` for the initial state. */
  readonly stepIndex: number | null;
  /** `Initial state`, or `5 · join NODE2`. */
  readonly label: string;
  /** `refused 5075 · mixed · 4.3718 / 3.2195 · 2 active`. */
  readonly description: string;
  /** The state in full, the versions in hex, one fact a line. */
  readonly tooltip: string;
  /** The worst finding on this step (for the initial state, on the declarations); `null` for none. */
  readonly worst: Severity | null;
  /** The step (or, for the initial state, `nodes`) in the document. */
  readonly range: Range;
}

/** `clusterplan/timelineNodes`: the nodes of one row of `clusterplan/timeline`. */
export const TIMELINE_NODES_REQUEST = 'clusterplan/timelineNodes';
export interface TimelineNodesParams {
  readonly textDocument: TextDocumentIdentifier;
  /** The row's `stepIndex`: `null` for the initial state. */
  readonly stepIndex: number | null;
}
/** `null` when the document is not open; otherwise the nodes of that state, in declaration order. */
export type TimelineNodesResult = { readonly version: number; readonly nodes: readonly NodeItem[] } | null;

/** `clusterplan/runbookFormats`: the formats the plan can be exported to (no cmd from Windows Server 2008 on). */
export const RUNBOOK_FORMATS_REQUEST = 'clusterplan/runbookFormats';
export interface RunbookFormatsParams {
  readonly textDocument: TextDocumentIdentifier;
}
export type RunbookFormatsResult = { readonly formats: readonly RunbookFormat[] } | null;

/** `clusterplan/exportRunbook`: the runbook of an open plan, as `clusterplan export` writes it. */
export const EXPORT_RUNBOOK_REQUEST = 'clusterplan/exportRunbook';
export interface ExportRunbookParams {
  readonly textDocument: TextDocumentIdentifier;
  readonly format: RunbookFormat;
  /** The plan's file name, shown in the runbook's header. */
  readonly planName: string;
  /** Export even if the plan has errors, as `export --force`. */
  readonly force?: boolean;
}
export type ExportRunbookResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problems: readonly { readonly kind: string; readonly message: string }[] }
  | null;

/** `clusterplan/stats`: what the server holds, so tests can prove closed plans leave nothing behind. */
export const STATS_REQUEST = 'clusterplan/stats';
export interface StatsResult {
  readonly openDocuments: number;
  readonly cachedAnalyses: number;
  readonly pendingChecks: number;
}
