export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Another place a finding refers to: a node's declaration, the step that last touched NoVersionCheck. */
export interface RelatedLocation {
  readonly pointer: string;
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

/** What a rule found. Offsets are UTF-16 code units into the text; lines and characters come at the edge. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** JSON Pointer with keys as written in the file: `/steps/4`, `/nodes/NODE2`. */
  readonly pointer: string;
  readonly offset: number;
  readonly length: number;
  readonly related: readonly RelatedLocation[];
}

/** A change to the text, as jsonc-parser's `modify` returns them. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly content: string;
}

export interface Fix {
  readonly title: string;
  /** Non-overlapping edits against the analysed text. */
  readonly edits: readonly TextEdit[];
  /** The one clearly right fix for the finding. */
  readonly isPreferred: boolean;
  /** Fix-all applies it: it guesses nothing and keeps the cluster up. */
  readonly safe: boolean;
}

/** One edit that turns `before` into `after`: the span between their common prefix and suffix. */
export function minimalEdit(before: string, after: string): TextEdit {
  let prefix = 0;
  const shorter = Math.min(before.length, after.length);
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { offset: prefix, length: before.length - prefix - suffix, content: after.slice(prefix, after.length - suffix) };
}

/** Applies non-overlapping edits; inserts at the same offset keep their array order, as in VS Code and LSP. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  const ordered = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.offset - a.e.offset || b.i - a.i);
  for (const { e } of ordered) {
    result = result.slice(0, e.offset) + e.content + result.slice(e.offset + e.length);
  }
  return result;
}
