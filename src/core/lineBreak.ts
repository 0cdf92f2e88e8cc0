/**
 * The file's own line break, which every line a fix inserts ends with: the first one in the text (`\r\n`,
 * a bare `\r` or `\n`), or `\n` when the text has none. A plan saved with bare CRs stays so after a fix.
 * jsonc-parser's `modify`, which adds a missing "steps", chooses the same way.
 */
export function lineBreakOf(text: string): string {
  return /\r\n?|\n/.exec(text)?.[0] ?? '\n';
}
