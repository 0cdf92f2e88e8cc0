import { rangeOf, type FileReport } from './report';
import { terminalJson } from './visible';

/** The stable machine format: exactly these keys, 0-based lines and characters. */
export function formatJson(reports: readonly FileReport[]): string {
  return terminalJson({
    version: 1,
    files: reports.map((report) => ({
      path: report.path,
      diagnostics: report.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        pointer: f.pointer,
        range: rangeOf(report, f),
      })),
    })),
  });
}
