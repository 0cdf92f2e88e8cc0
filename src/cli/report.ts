import type { Finding, PlanDocument, Range, Severity } from '../core';

/** One checked file, as every output format sees it. */
export interface FileReport {
  readonly path: string;
  readonly document: PlanDocument;
  readonly findings: readonly Finding[];
}

export function rangeOf(report: FileReport, finding: Finding): Range {
  return report.document.rangeOf(finding.offset, finding.length);
}

export function countBySeverity(reports: readonly FileReport[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of reports) for (const f of r.findings) counts[f.severity]++;
  return counts;
}

export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}
