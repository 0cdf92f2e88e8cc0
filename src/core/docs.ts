/**
 * Every rule is documented under a README heading named by its code, so the anchor is the code itself.
 * The base is the README the extension or the CLI ships with, which works offline.
 */
export function ruleDocsUri(readmeUri: string, code: string): string {
  return `${readmeUri}#${code}`;
}
