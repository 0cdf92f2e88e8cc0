/**
 * Every rule has a page, docs/rules/<code>.md, shipped in the .vsix and beside the CLI: the diagnostics link
 * to it, and SARIF carries its text.
 */
export const RULE_PAGES = 'docs/rules';

/** The page of the rule `code` in `folder`, the URI of a folder of rule pages (the extension's, or a published copy). */
export function ruleDocsUri(folder: string, code: string): string {
  return `${folder.replace(/\/+$/, '')}/${encodeURIComponent(code)}.md`;
}
