import * as vscode from 'vscode';
import type { AnalysisOptions, Severity } from '../core';

const SEVERITIES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** `clusterplan.validate.delay`: milliseconds after the last keystroke before a plan is checked again. */
export function validationDelay(): number {
  const value = vscode.workspace.getConfiguration('clusterplan').get<number>('validate.delay', 250);
  return Number.isFinite(value) ? Math.min(Math.max(0, value), 10_000) : 250;
}

/** `clusterplan.rules`: per rule code, another severity or "off". Unknown values are ignored. */
export function analysisOptions(): AnalysisOptions {
  const configured = vscode.workspace.getConfiguration('clusterplan').get<Record<string, unknown>>('rules', {});
  const severities: Record<string, Severity | 'off'> = {};
  for (const [code, value] of Object.entries(configured ?? {})) {
    if (typeof value === 'string' && SEVERITIES.has(value)) severities[code] = value as Severity | 'off';
  }
  return { severities };
}
