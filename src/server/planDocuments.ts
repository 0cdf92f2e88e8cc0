import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type Analysis, type AnalysisOptions } from '../core';

/** An open plan with the analysis of its current text. */
export interface OpenPlan {
  readonly document: TextDocument;
  readonly analysis: Analysis;
}

/**
 * The plans the client has open, and one analysis per version of each: diagnostics, code actions and the
 * other features share one parse and one simulation per version instead of each running its own. The server
 * knows only what the client sends (didOpen, didChange); it never reads a file from disk, so Restricted Mode
 * and virtual workspaces keep working. An analysis goes with its document's didClose.
 */
export class PlanDocuments {
  readonly documents = new TextDocuments(TextDocument);
  private readonly analyses = new Map<string, { readonly version: number; readonly analysis: Analysis }>();

  constructor(private readonly options: () => AnalysisOptions) {
    this.documents.onDidClose((e) => this.analyses.delete(e.document.uri));
  }

  /** The plan open under `uri` with the analysis of its current version; undefined if it is not open. */
  get(uri: string): OpenPlan | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const cached = this.analyses.get(uri);
    if (cached && cached.version === document.version) return { document, analysis: cached.analysis };
    const analysis = analyze(document.getText(), this.options());
    this.analyses.set(uri, { version: document.version, analysis });
    return { document, analysis };
  }

  /** Settings changed: every analysis must be redone. */
  clear(): void {
    this.analyses.clear();
  }

  get cachedAnalyses(): number {
    return this.analyses.size;
  }
}
