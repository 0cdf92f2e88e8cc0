/**
 * The values of well-formed JSONC text through the engine's own `JSON.parse`, which reads a plan 4 to 7
 * times faster than any tree built in JavaScript (bench/README.md). When JSON.parse alone fails, comments and
 * trailing commas are taken out and it reads the result. What `JSON.parse` cannot tell is left to the
 * caller, with the count it needs for it:
 * - a key given twice (`JSON.parse` keeps the last): `colons` counts the colons outside comments, one per
 *   key plus those inside strings, so a reader that counts the keys and the colons in the strings it read
 *   can tell;
 * - the nesting depth, which the reader knows from the shape it accepted;
 * - the order of integer-like keys, which JavaScript objects put first.
 *
 * It accepts exactly what `parseWellFormedTree` (jsoncTree.ts) accepts: JSON's grammar, the same whitespace,
 * `//` and `/* *\/` comments, and a comma after the last element. On anything else it gives undefined, and
 * the caller reads the text through the tree, with jsonc-parser's errors.
 */
export interface JsoncValues {
  readonly value: unknown;
  /** Colons outside comments: one per key, plus those inside strings. */
  readonly colons: number;
  /**
   * The JSON that JSON.parse read: the text, or the text with its comments and trailing commas blanked to
   * spaces. Offsets in one are offsets in the other.
   */
  readonly json: string;
}

export function parseJsoncValues(text: string): JsoncValues | undefined {
  // Most plans are plain JSON: JSON.parse alone reads them, and on a comment or a trailing comma it stops
  // where it meets the first. Only then does the pass in JavaScript that takes them out run.
  let json: string | undefined = text;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    json = text.indexOf('/') >= 0 || TRAILING_COMMA.test(text) ? withoutCommentsAndTrailingCommas(text) : undefined;
    if (json === undefined) return undefined;
    try {
      value = JSON.parse(json);
    } catch {
      return undefined;
    }
  }
  return { value, colons: colonCount(json), json };
}

// Also matches inside strings; then the pass below finds no trailing comma and nothing is lost but time.
const TRAILING_COMMA = /,\s*[\]}]/;

/** The colons in `text`: the engine's search finds each, so a text with few costs little. */
export function colonCount(text: string): number {
  let n = 0;
  for (let at = text.indexOf(':'); at >= 0; at = text.indexOf(':', at + 1)) n++;
  return n;
}

/**
 * The text with comments and each comma that ends a list blanked to spaces, or undefined when a comment is
 * not closed or a "/" starts none. A comma is blanked only after a value, so `[,]` stays an error, as it is
 * for jsonc-parser. Same length: an offset in the result is the same offset in the text.
 */
function withoutCommentsAndTrailingCommas(text: string): string | undefined {
  // Where to blank, as start/end pairs. A comma is found to end a list only at the closer, after any comment
  // that follows it, hence the sort.
  const blanks: number[] = [];
  let previous = 0; // the last character outside strings and comments that is not whitespace
  let comma = -1; // a comma after a value, not yet followed by anything but trivia
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    if (c === 47 /* / */) {
      const d = text.charCodeAt(i + 1);
      let end: number;
      if (d === 47) {
        end = i + 2;
        while (end < n && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
      } else if (d === 42 /* * */) {
        const close = text.indexOf('*/', i + 2);
        if (close < 0) return undefined;
        end = close + 2;
      } else {
        return undefined;
      }
      blanks.push(i, end);
      i = end - 1;
      continue;
    }
    if ((c === 93 /* ] */ || c === 125) /* } */ && comma >= 0) blanks.push(comma, comma + 1);
    comma = c === 44 /* , */ && previous !== 91 && previous !== 123 && previous !== 44 && previous !== 58 ? i : -1;
    previous = c;
    if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
    }
  }
  const ranges: [number, number][] = [];
  for (let k = 0; k < blanks.length; k += 2) ranges.push([blanks[k]!, blanks[k + 1]!]);
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let copied = 0;
  for (const [start, end] of ranges) {
    out += text.slice(copied, start) + ' '.repeat(end - start);
    copied = end;
  }
  return out + text.slice(copied);
}
