import * as vscode from 'vscode';
import type { HandleDiagnosticsSignature } from 'vscode-languageclient/node';
import type { PublishedVersions } from './publishedVersions';
import { shownInTab, tabUri } from './tabs';

/** A plan's diagnostics were set: which plan, and the version of its text they are of, when known. */
export interface Validated {
  readonly uri: vscode.Uri;
  readonly version: number | undefined;
}

/**
 * The Problems of the plans, as the server publishes them, following the tabs: VS Code may keep a document
 * open for minutes after its last tab closes, and the Problems panel should follow what the administrator
 * sees. So a plan's problems go with its last tab, and come back with its next one; what the server last
 * published is kept until the document closes.
 */
export class PlanProblems implements vscode.Disposable {
  /** What the server last published per plan, and the version of the text it is of. */
  private readonly published = new Map<string, { readonly diagnostics: vscode.Diagnostic[]; readonly version: number | undefined }>();
  /** Plans open without a tab since their last tab closed: their problems are kept, not shown. */
  private readonly hidden = new Set<string>();
  private readonly validated = new vscode.EventEmitter<Validated>();
  /** Fires right after a plan's diagnostics are set, 50 ms before VS Code's debounced onDidChangeDiagnostics. */
  readonly onDidValidate = this.validated.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly versions: PublishedVersions,
    /** The client's diagnostic collection, once the client exists. */
    private readonly collection: () => vscode.DiagnosticCollection | undefined,
  ) {
    this.subscriptions = [
      this.validated,
      vscode.window.tabGroups.onDidChangeTabs((e) => this.followTabs(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri.toString())),
    ];
  }

  /** The client's handleDiagnostics middleware. */
  readonly handle = (uri: vscode.Uri, diagnostics: vscode.Diagnostic[], next: HandleDiagnosticsSignature): void => {
    const key = uri.toString();
    const version = this.versions.of(key);
    // An empty list without a version is the server forgetting a closed plan: the plan leaves the collection.
    const closed = diagnostics.length === 0 && version === undefined;
    if (closed) this.published.delete(key);
    else this.published.set(key, { diagnostics, version });
    if (closed) this.collection()?.delete(uri);
    else if (!this.hidden.has(key)) next(uri, diagnostics);
    this.validated.fire({ uri, version });
  };

  /** Resolves once the plan's problems are those of its current text. */
  current(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    if (this.published.get(key)?.version === document.version) return Promise.resolve();
    return new Promise((resolve) => {
      const subscription = this.onDidValidate((v) => {
        if (v.uri.toString() !== key || v.version !== document.version) return;
        subscription.dispose();
        resolve();
      });
    });
  }

  private followTabs(event: vscode.TabChangeEvent): void {
    for (const tab of event.closed) {
      const uri = tabUri(tab);
      if (!uri || shownInTab(uri) || !this.isOpen(uri)) continue;
      this.hidden.add(uri.toString());
      this.collection()?.delete(uri);
    }
    for (const tab of event.opened) {
      const uri = tabUri(tab);
      if (!uri || !this.hidden.delete(uri.toString())) continue;
      const published = this.published.get(uri.toString());
      if (published) this.collection()?.set(uri, published.diagnostics);
    }
  }

  private isOpen(uri: vscode.Uri): boolean {
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  }

  private forget(key: string): void {
    this.published.delete(key);
    this.hidden.delete(key);
    this.versions.forget(key);
  }

  /** How many plans have problems in the Problems panel, so tests can prove closed plans leave none. */
  get documentsWithDiagnostics(): number {
    let count = 0;
    this.collection()?.forEach(() => count++);
    return count;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
