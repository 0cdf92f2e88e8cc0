import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, ruleDocsUri, type Rule, type Severity } from '../core';
import { rulePage } from './installation';
import type { FileReport } from './report';
import { terminalJson } from './visible';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/**
 * internal-error is no rule of the plan's: a rule failed on the plan (analyze.ts), a defect of clusterplan's.
 * Every result names a rule of the driver, so a log with such a result describes it too. It has no page in
 * docs/rules/: no plan should trigger it, and there is nothing to change in the plan.
 */
const INTERNAL_ERROR_HELP =
  'One of clusterplan\'s rules failed on this plan: a defect in clusterplan, not in the plan. The other rules ran and their results stand. Please report the plan to the maintainers of clusterplan.';
const INTERNAL_ERROR = {
  id: 'internal-error',
  shortDescription: { text: 'clusterplan could not run one of its rules' },
  fullDescription: { text: INTERNAL_ERROR_HELP },
  help: { text: INTERNAL_ERROR_HELP, markdown: `# internal-error\n\n${INTERNAL_ERROR_HELP}\n` },
  defaultConfiguration: { level: 'error' },
};

/**
 * SARIF 2.1.0 for code-scanning tools: every rule in the driver, 1-based regions in UTF-16 columns. A rule's
 * help is its page's text, since a local path means nothing once the file is uploaded; its helpUri is given
 * only when the pages are published somewhere (`--help-base-uri`).
 */
export function formatSarif(reports: readonly FileReport[], tool: { version: string; helpBaseUri: string | undefined }): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.code, i]));
  const failed = reports.some((report) => report.findings.some((f) => f.code === INTERNAL_ERROR.id));
  if (failed) ruleIndex.set(INTERNAL_ERROR.id, RULES.length);
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'clusterplan',
            version: tool.version,
            rules: [
              ...RULES.map((r) => ({
                id: r.code,
                shortDescription: { text: r.title },
                fullDescription: { text: r.explanation },
                help: { text: r.explanation, markdown: uploadable(rulePage(r.code) ?? fallbackHelp(r), tool.helpBaseUri) },
                ...(tool.helpBaseUri !== undefined ? { helpUri: ruleDocsUri(tool.helpBaseUri, r.code) } : {}),
                defaultConfiguration: { level: LEVEL[r.severity] },
              })),
              ...(failed ? [INTERNAL_ERROR] : []),
            ],
          },
        },
        columnKind: 'utf16CodeUnits',
        results: reports.flatMap((report) =>
          report.findings.map((f) => {
            const location = (offset: number, length: number) => {
              const { start, end } = report.document.rangeOf(offset, length);
              return {
                physicalLocation: {
                  artifactLocation: { uri: artifactUri(report.path) },
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
  return terminalJson(sarif);
}

/**
 * A relative path is a relative reference, each segment percent-encoded, resolved against the folder
 * clusterplan ran in (for code scanning, the checkout); only the platform's separators divide it, since on
 * Linux and macOS `\` is a character of a file name. An absolute path is a file: URI, with no uriBaseId.
 */
function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep === '\\' ? /[\\/]/ : '/').map(encodeURIComponent).join('/');
}

/** Without its page (an installation that lacks docs/), a rule's help is its title and explanation. */
function fallbackHelp(rule: Rule): string {
  return `# ${rule.code}\n\n${rule.title}\n\n${rule.explanation}\n`;
}

/**
 * The page as it reads once uploaded, away from its folder: a link to another page points into the folder
 * `--help-base-uri` names or, without one, becomes its words.
 */
function uploadable(page: string, helpBaseUri: string | undefined): string {
  return page.replace(/\[([^\]]+)\]\((?![a-z][a-z0-9+.-]*:|#)([^)\s]+)\)/gi, (_link, words: string, target: string) =>
    helpBaseUri === undefined ? words : `[${words}](${new URL(target, helpBaseUri.replace(/\/*$/, '/')).href})`,
  );
}
