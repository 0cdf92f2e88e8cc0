import { countBySeverity, plural, rangeOf, type FileReport } from './report';
import { visible } from './visible';

/**
 * `path:line:col: severity code: message`, 1-based like compilers, so editors and the problem matcher jump to it.
 * The path and the message may hold control characters and line breaks: they are shown, each finding on its line.
 */
export function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const f of report.findings) {
      const { start } = rangeOf(report, f);
      lines.push(visible(`${report.path}:${start.line + 1}:${start.character + 1}: ${f.severity} ${f.code}: ${f.message}`));
    }
  }
  const c = countBySeverity(reports);
  const total = c.error + c.warning + c.information + c.hint;
  const files = plural(reports.length, 'file');
  lines.push(
    total === 0
      ? `No problems in ${files}.`
      : `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.information + c.hint} information in ${files}.`,
  );
  return lines.join('\n') + '\n';
}
