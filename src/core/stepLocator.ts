/**
 * Where the elements of a plan's "steps" array start, for the lazy tree (jsoncTree.ts), which builds a step's
 * nodes only when a finding shows it. Passing over every character of the array to find them cost as much as
 * a tenth of analysing a plan with findings; when a reader of the values has vouched for the text's shape,
 * the steps are found from their "action" keys instead, with the engine's own search.
 */

/** What a reader of the values vouches for: the number of steps, and the JSON it read (see locateSteps). */
export interface StepKeys {
  readonly count: number;
  /** The text, or the text with its comments and trailing commas blanked: the same offsets. */
  readonly json: string;
}

/** The elements' starts, worked out when first asked for. */
export interface StepStarts {
  readonly count: number;
  start(index: number): number;
  /** The offset after the element's `}`, when the elements were found from their keys. */
  endOf?(index: number): number;
}

// Without its quotes: V8 searches for a pattern of 7 characters or more with tables it builds at every call,
// which cost three times the search itself here.
const ACTION = 'action';

/**
 * The starts of the `stepKeys` elements of the array opening at `arrayStart`, and the offset after its `]`; or
 * undefined when the text is not as the caller vouched: then the caller passes over the characters.
 *
 * The caller vouches that the text is plain JSON (no comment, no trailing comma), that each element is an
 * object with one "action" key, and that no other key in the text is "action". In plain JSON a quote after an
 * even number of backslashes always opens or closes a string, and a string followed by a colon is a key, so
 * the keys found are the steps' own, one in each, in order. Any other count, or any character out of place
 * below, gives undefined.
 */
export function locateSteps(text: string, arrayStart: number, stepKeys: number): (StepStarts & { readonly end: number }) | undefined {
  const keys = new Int32Array(stepKeys);
  let found = 0;
  for (let at = text.indexOf(ACTION, arrayStart); at >= 0; at = text.indexOf(ACTION, at + ACTION.length)) {
    const quote = at - 1;
    if (text.charCodeAt(quote) !== 34 /* " */ || text.charCodeAt(at + ACTION.length) !== 34) continue;
    if (backslashesBefore(text, quote) % 2 === 1) continue; // inside a string: \"action\"
    const after = skipWhitespace(text, at + ACTION.length + 1);
    if (text.charCodeAt(after) !== 58 /* : */) continue; // a value, not a key
    if (found === stepKeys) return undefined;
    keys[found++] = after + 1;
  }
  if (found !== stepKeys) return undefined;

  // starts[k]: 0 until worked out (no element starts at 0, after the array's "[").
  const starts = new Int32Array(stepKeys);
  const located = (index: number): number => {
    if (starts[index] !== 0) return starts[index]!;
    // The first after the "["; any other after the end of the one before, which its key is inside.
    let at = index === 0 ? skipWhitespace(text, arrayStart + 1) : skipWhitespace(text, endOfObject(text, keys[index - 1]!));
    if (index > 0) {
      if (text.charCodeAt(at) !== 44 /* , */) return -1;
      at = skipWhitespace(text, at + 1);
    }
    if (text.charCodeAt(at) !== 123 /* { */ || at >= keys[index]!) return -1;
    starts[index] = at;
    return at;
  };
  let end = skipWhitespace(text, stepKeys === 0 ? arrayStart + 1 : endOfObject(text, keys[stepKeys - 1]!));
  if (text.charCodeAt(end) !== 93 /* ] */) return undefined;
  end++;
  // Check the first and the last now; a start in between that is out of place would show a wrong range.
  if (stepKeys > 0 && (located(0) < 0 || located(stepKeys - 1) < 0)) return undefined;
  return {
    count: stepKeys,
    end,
    start(index) {
      const at = located(index);
      if (at < 0) throw new Error(`step ${index} is not where its "action" key says`);
      return at;
    },
    endOf(index) {
      return endOfObject(text, keys[index]!);
    },
  };
}

/** The offset after the `}` that closes the object `from` is inside (at its own level, outside strings). */
function endOfObject(text: string, from: number): number {
  let depth = 1;
  const n = text.length;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      i = closingQuote(text, i);
      if (i < 0) return n;
    } else if (c === 123 || c === 91) {
      depth++;
    } else if (c === 125 || c === 93) {
      if (--depth === 0) return i + 1;
    }
  }
  return n;
}

/** The offset of the quote that closes the string opening at `start`, or -1. */
export function closingQuote(text: string, start: number): number {
  for (let at = text.indexOf('"', start + 1); at >= 0; at = text.indexOf('"', at + 1)) {
    if (backslashesBefore(text, at) % 2 === 0) return at;
  }
  return -1;
}

function backslashesBefore(text: string, at: number): number {
  let count = 0;
  while (text.charCodeAt(at - 1 - count) === 92 /* \ */) count++;
  return count;
}

function skipWhitespace(text: string, at: number): number {
  for (let c = text.charCodeAt(at); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++at));
  return at;
}
