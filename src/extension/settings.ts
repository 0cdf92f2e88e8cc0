import * as vscode from 'vscode';

/** `clusterplan.validate.delay`: milliseconds after the last keystroke before a plan is checked again. */
export function validationDelay(): number {
  const value = vscode.workspace.getConfiguration('clusterplan').get<number>('validate.delay', 250);
  return Number.isFinite(value) ? Math.min(Math.max(0, value), 10_000) : 250;
}
