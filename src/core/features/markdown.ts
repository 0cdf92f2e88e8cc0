/**
 * Markdown for the editor's hovers. Anything that comes from the document (node names, aliases, notes,
 * descriptions) goes through `escapeMarkdown`, so a name such as `[x](command:foo)` shows as written and
 * can never become a link, an image, HTML or code.
 */

/** Every ASCII punctuation character: CommonMark lets each be backslash-escaped, and then shows it literally. */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/**
 * Plain text as markdown that renders exactly that text, on one line: every ASCII punctuation character is
 * backslash-escaped (links, emphasis, code spans, HTML, tables and autolinks all need one), and line breaks
 * become spaces, so the text cannot start a heading, a list or a block of its own.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r\n?|\n|\u2028|\u2029/g, ' ').replace(PUNCTUATION, '\\$&');
}
