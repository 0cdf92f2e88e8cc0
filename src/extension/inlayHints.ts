import * as vscode from 'vscode';
import { type Analysis, inlayHints } from '../core';

/**
 * The cluster state after each step and the M.m of DWORD versions. The hints are the core's
 * (src/core/features/inlayHints.ts); this converts them.
 */
export function inlayHintsIn(analysis: Analysis, document: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
  return inlayHints(analysis, document.offsetAt(range.start), document.offsetAt(range.end)).map((h) => {
    const hint = new vscode.InlayHint(document.positionAt(h.offset), h.label);
    hint.paddingLeft = true;
    if (h.tooltip) hint.tooltip = h.tooltip;
    return hint;
  });
}
