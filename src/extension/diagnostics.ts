import * as vscode from 'vscode';
import { LANGUAGE_ID, type AnalysisCache } from './analyses';
import { validationDelay } from './settings';
import { shownInTab, tabUri } from './tabs';
import { toDiagnostic } from './toDiagnostic';

/**
 * Keeps the Problems of every open plan current: a short delay after typing stops, one pending run per
 * document, results for a version that is no longer current dropped, and nothing left behind on close.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(LANGUAGE_ID);
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly validated = new vscode.EventEmitter<vscode.TextDocument>();
  /** A plan's diagnostics were updated: views drawn from the same analysis refresh with them. */
  readonly onDidValidate = this.validated.event;

  constructor(
    private readonly analyses: AnalysisCache,
    /** Where the rule pages are: docs/rules/ below it. */
    private readonly extensionUri: vscode.Uri,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, validationDelay())),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      // VS Code may keep a document open for minutes after its last tab closes; the Problems panel
      // should follow what the administrator sees, so a plan's problems go with its last tab.
      vscode.window.tabGroups.onDidChangeTabs((e) => this.followTabs(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('clusterplan')) return;
        this.analyses.clear();
        this.validateAll();
      }),
    );
    this.validateAll();
  }

  private validateAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== LANGUAGE_ID) {
      // A plan whose language mode was switched away must not keep its old problems.
      if (this.collection.has(document.uri)) this.forget(document);
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    const version = document.version;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        // Typing went on since this run was scheduled: a newer run is pending, so this result would be stale.
        if (document.isClosed || document.version !== version) return;
        const analysis = this.analyses.get(document);
        this.collection.set(
          document.uri,
          analysis.findings.map((f) => toDiagnostic(document, f, this.extensionUri)),
        );
        this.validated.fire(document);
      }, delay),
    );
  }

  /** Checks the plan now; resolves once its diagnostics are those of its current text. */
  checkNow(document: vscode.TextDocument): Promise<void> {
    if (document.languageId !== LANGUAGE_ID) return Promise.resolve();
    return new Promise((resolve) => {
      const subscription = this.onDidValidate((d) => {
        if (d !== document) return;
        subscription.dispose();
        resolve();
      });
      this.schedule(document, 0);
    });
  }

  /** What this controller holds, so tests can prove closed plans leave nothing behind. */
  stats(): { pendingChecks: number; documentsWithDiagnostics: number } {
    let documentsWithDiagnostics = 0;
    this.collection.forEach(() => documentsWithDiagnostics++);
    return { pendingChecks: this.pending.size, documentsWithDiagnostics };
  }

  private followTabs(event: vscode.TabChangeEvent): void {
    for (const tab of event.closed) {
      const uri = tabUri(tab);
      if (!uri || shownInTab(uri)) continue;
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (document) this.forget(document);
      else this.collection.delete(uri);
    }
    for (const tab of event.opened) {
      const uri = tabUri(tab);
      const document = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (document && !this.collection.has(document.uri)) this.schedule(document, 0);
    }
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.collection.delete(document.uri);
    this.analyses.forget(document);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const s of this.subscriptions) s.dispose();
    this.validated.dispose();
    this.collection.dispose();
  }
}
