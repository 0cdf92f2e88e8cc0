/**
 * How text from a plan is written into each runbook format. Two kinds of text:
 *
 * - values that become part of a command (node, cluster and account names, registry keys and data). safety.ts
 *   has already refused any value these functions could not write exactly, so they only escape;
 * - free text (descriptions, notes, finding messages) that is only shown (echo, comments, prose). It is never
 *   refused: it is made printable, then escaped like a value.
 */

/** Line breaks as cmd, PowerShell or a Markdown renderer may see them. */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/;

/**
 * Free text as lines of printable ASCII. cmd reads a batch file in the console's OEM code page and Windows
 * PowerShell 5.1 reads a BOM-less script in the ANSI code page, so a non-ASCII character would arrive as other
 * bytes, some of them quote characters (U+2018, read from UTF-8's 0x91); `?` stands for it instead.
 */
export function asciiLines(text: string): string[] {
  return text.split(LINE_BREAK).map((line) => line.replace(/\t/g, ' ').replace(/[^\x20-\x7e]/g, '?'));
}

/** Free text on one line: a title or a message. */
export function asciiLine(text: string): string {
  return asciiLines(text).join(' ');
}

// ── cmd ───────────────────────────────────────────────────────────────────────────────────────────────

/**
 * For a batch file, outside double quotes: `%` doubles (percent expansion comes first and ignores carets and
 * quotes), then each character cmd gives a meaning is escaped with `^`. An escaped `"` does not start a quoted
 * run, so carets keep working after it. `!` needs nothing: the runbook disables delayed expansion. `(` and `)`
 * need nothing either: the runbook has no parenthesised block, and a value never stands first on a line.
 */
export function cmdEscape(text: string): string {
  return text.replace(/%/g, '%%').replace(/[\^&|<>"]/g, '^$&');
}

/**
 * One argument of an external program (sc, reg, cluster). Without spaces it is caret-escaped, so the program
 * receives exactly the characters; with spaces (or empty) it must be quoted, and inside quotes only `%` is special. A `"`
 * never gets here (safety.ts). Trailing backslashes double, or the C runtime would read `\"` as a quote.
 */
export function cmdArg(text: string): string {
  if (text !== '' && !text.includes(' ')) return cmdEscape(text);
  return `"${text.replace(/%/g, '%%').replace(/(\\+)$/, '$1$1')}"`;
}

/** A value inside a double-quoted argument the runbook writes itself, such as the reg.exe key. */
export function cmdInQuotes(text: string): string {
  return text.replace(/%/g, '%%');
}

/** `echo` and `rem` text: free text, escaped like a value so that no character of it acts. */
export function cmdText(text: string): string {
  return cmdEscape(asciiLine(text));
}

// ── PowerShell ────────────────────────────────────────────────────────────────────────────────────────

/**
 * A single-quoted string: nothing in it expands, and a quote is written twice. PowerShell also takes the
 * typographic quotes U+2018 to U+201B as single quotes; the output is ASCII (asciiLines), so none can occur.
 */
export function psQuote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A single-quoted string of free text. */
export function psText(text: string): string {
  return psQuote(asciiLine(text));
}

// ── Markdown ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * Inline text in a paragraph, heading or table cell: backslash-escapes what CommonMark and GitHub give a
 * meaning (emphasis, code, links, HTML, entities, table pipes, strikethrough, math, heading closers). Line
 * breaks become spaces, so no line of the text can start a list, heading or block. Control characters and
 * bidirectional overrides, which would hide what the text says, become U+FFFD.
 */
export function mdText(text: string): string {
  return text
    .split(LINE_BREAK)
    .join(' ')
    .replace(/[\p{Cc}\p{Cf}]/gu, '\uFFFD')
    .replace(/[\\`*_[\]<>&|~$#]/g, '\\$&');
}

/** A fenced code block whose fence is longer than any run of backticks inside it (a name may hold one). */
export function mdCodeBlock(language: string, lines: readonly string[]): string[] {
  let longest = 0;
  for (const line of lines) for (const run of line.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [fence + language, ...lines, fence];
}
