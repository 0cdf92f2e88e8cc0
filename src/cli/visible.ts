/**
 * What the CLI prints may quote the plan (names, ids, values) or the command line (file names, arguments).
 * A terminal obeys control characters: ESC[8m hides what follows, CR and ESC[2K erase a line already
 * printed, a line break starts a line that looks like a finding. So the text formats show them instead, as
 * `\u001b`, and a plan can neither hide nor forge a line on an administrator's screen (docs/cli-output.md).
 *
 * A backslash stays as it is. `\u001b` written out in a name then prints as an ESC in a name would, but
 * both are only characters on the screen, so neither can hide or forge anything; and Windows paths, full of
 * backslashes, stay as editors and problem matchers read them.
 */

/** C0 (line breaks included), DEL, C1 and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** The controls JSON.stringify writes as they are. */
const NOT_ESCAPED_BY_JSON = /[\u007f-\u009f\u2028\u2029]/g;

function escaped(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One line's text, or a piece of it: every control character and line break shown as `\u001b`. */
export function visible(text: string): string {
  return text.replace(CONTROL, escaped);
}

/** A message that ends with its line break: everything before that break is shown, line breaks included. */
export function visibleLine(message: string): string {
  return message.endsWith('\n') ? visible(message.slice(0, -1)) + '\n' : visible(message);
}

/**
 * JSON for stdout, where it may well meet a terminal. JSON.stringify writes C0 as escapes but DEL, C1 (U+009B
 * is an 8-bit CSI) and U+2028/U+2029 as they are; outside strings JSON holds no such character, so escaping
 * them in the whole text changes no value, and leaves the JSON of an ordinary plan as it was.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(NOT_ESCAPED_BY_JSON, escaped) + '\n';
}
