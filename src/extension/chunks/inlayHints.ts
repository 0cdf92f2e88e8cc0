import * as vscode from 'vscode';
import type { Analysis } from '../../core/analyze';
import { inlayHints } from '../../core/features/inlayHints';

/**
 * The chunk dist/inlayHints.js (../lazy.ts): the cluster state after each step and the M.m of DWORD versions,
 * loaded when VS Code first asks for the hints of a plan. The hints are the core's
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
