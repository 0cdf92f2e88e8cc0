import type * as vscode from 'vscode';
import { analyze, type Analysis } from '../core';
import { analysisOptions } from './settings';

export const LANGUAGE_ID = 'clusterplan';

/**
 * Analyses by document and version: diagnostics, code actions and the other features share one parse
 * and one simulation per version instead of each running its own.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, { document: vscode.TextDocument; version: number; analysis: Analysis }>();

  get(document: vscode.TextDocument): Analysis {
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    // The document itself must match, not only its URI and version: a new untitled plan reuses
    // "Untitled-1" and starts again at version 1.
    if (cached && cached.document === document && cached.version === document.version) return cached.analysis;
    const analysis = analyze(document.getText(), analysisOptions());
    // A feature VS Code asked for just before the close may run after it: nothing would forget that entry.
    if (!document.isClosed) this.entries.set(key, { document, version: document.version, analysis });
    return analysis;
  }

  forget(document: vscode.TextDocument): void {
    this.entries.delete(document.uri.toString());
  }

  get size(): number {
    return this.entries.size;
  }

  /** Settings changed: every analysis must be redone. */
  clear(): void {
    this.entries.clear();
  }
}
