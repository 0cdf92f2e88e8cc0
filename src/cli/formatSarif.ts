import { RULES, ruleDocsUri, type Severity } from '../core';
import type { FileReport } from './report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 for code-scanning tools: every rule in the driver, 1-based regions in UTF-16 columns. */
export function formatSarif(reports: readonly FileReport[], tool: { version: string; readmeUri: string }): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'clusterplan',
            version: tool.version,
            informationUri: tool.readmeUri,
            rules: RULES.map((r) => ({
              id: r.code,
              shortDescription: { text: r.title },
              fullDescription: { text: r.explanation },
              helpUri: ruleDocsUri(tool.readmeUri, r.code),
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((report) =>
          report.findings.map((f) => {
            const location = (offset: number, length: number) => {
              const { start, end } = report.document.rangeOf(offset, length);
              return {
                physicalLocation: {
                  artifactLocation: { uri: toUri(report.path) },
                  region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
                },
              };
            };
            return {
              ruleId: f.code,
              ...(ruleIndex.has(f.code) ? { ruleIndex: ruleIndex.get(f.code) } : {}),
              level: LEVEL[f.severity],
              message: { text: f.message },
              locations: [{ ...location(f.offset, f.length), logicalLocations: [{ fullyQualifiedName: f.pointer, kind: 'member' }] }],
              ...(f.related.length > 0
                ? { relatedLocations: f.related.map((r, id) => ({ id, ...location(r.offset, r.length), message: { text: r.message } })) }
                : {}),
            };
          }),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** SARIF wants URI references: forward slashes, percent-encoded. */
function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
