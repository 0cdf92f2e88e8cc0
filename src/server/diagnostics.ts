import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RULE_PAGES, ruleDocsUri, type Finding, type Severity } from '../core';
import { installedFileUri } from '../cli/installation';
import type { PlanDocuments } from './planDocuments';
import { rangeOf } from './positions';
import type { SettingsStore } from './settings';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The rule pages shipped beside the server (docs/rules/<code>.md in the .vsix or the npm package). */
const rulePages = installedFileUri(RULE_PAGES);

/** A core finding as the protocol carries it; the code links to the rule's page. */
export function toDiagnostic(document: TextDocument, finding: Finding): Diagnostic {
  return {
    range: rangeOf(document, finding.offset, finding.length),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: ruleDocsUri(rulePages, finding.code) },
    source: 'clusterplan',
    message: finding.message,
    relatedInformation: finding.related.map((r) => ({ location: { uri: document.uri, range: rangeOf(document, r.offset, r.length) }, message: r.message })),
  };
}

/**
 * Keeps the diagnostics of every open plan current: pushed a delay after the last edit (no delay on open),
 * one pending run per document, a run for a version that is no longer current dropped, and an empty list
 * sent on close so the client forgets the plan's problems.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly connection: Connection,
    private readonly plans: PlanDocuments,
    private readonly settings: SettingsStore,
  ) {}

  schedule(document: TextDocument, delay: number): void {
    const uri = document.uri;
    clearTimeout(this.pending.get(uri));
    const version = document.version;
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        void this.settings.ready.then(() => this.publish(uri, version));
      }, delay),
    );
  }

  /** Every open plan again, at once: the settings changed. */
  scheduleAll(): void {
    for (const document of this.plans.documents.all()) this.schedule(document, 0);
  }

  private publish(uri: string, version: number): void {
    // Typing went on since this run was scheduled (a newer run is pending), or the plan closed.
    if (this.pending.has(uri)) return;
    try {
      const open = this.plans.get(uri);
      if (!open || open.document.version !== version) return;
      void this.connection.sendDiagnostics({ uri, version, diagnostics: open.analysis.findings.map((f) => toDiagnostic(open.document, f)) });
    } catch (error) {
      // A defect must not end the server, which serves every other plan: the client's log says what failed.
      this.connection.console.error(`clusterplan could not check ${uri}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  forget(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  get pendingChecks(): number {
    return this.pending.size;
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
