/**
 * Helpers for the tests of writing a plan: completion at a cursor, and snippets as accepted. `|` in a test
 * text marks the cursor.
 */
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, completionsAt, type Completions } from '../../../src/core';

export function cursor(textWithCursor: string): { text: string; offset: number } {
  const offset = textWithCursor.indexOf('|');
  assert.ok(offset >= 0, 'the test text marks the cursor with |');
  return { text: textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1), offset };
}

export function completions(textWithCursor: string): Completions | undefined {
  const { text, offset } = cursor(textWithCursor);
  return completionsAt(analyze(text), offset);
}

export function labels(textWithCursor: string): string[] {
  return completions(textWithCursor)?.items.map((i) => i.label) ?? [];
}

/** A snippet's text with each tab stop replaced by its default, as accepting it without typing would. */
export function expandSnippet(body: string, values: Readonly<Record<string, string>> = {}): string {
  const defaults = new Map<string, string>();
  for (const m of body.matchAll(/\$\{(\d+):([^}]*)\}/g)) defaults.set(m[1]!, m[2]!);
  for (const m of body.matchAll(/\$\{(\d+)\|([^|]*)\|\}/g)) defaults.set(m[1]!, m[2]!.split(',')[0]!);
  const valueOf = (n: string) => values[n] ?? defaults.get(n) ?? '';
  return body
    .replace(/\$\{(\d+):[^}]*\}/g, (_, n: string) => valueOf(n))
    .replace(/\$\{(\d+)\|[^|]*\|\}/g, (_, n: string) => valueOf(n))
    .replace(/\$(\d+)/g, (_, n: string) => valueOf(n));
}

/** Accepts the completion `label`: the text with the item's range replaced by its insert text, expanded. */
export function accept(textWithCursor: string, label: string): string {
  const { text } = cursor(textWithCursor);
  const result = completions(textWithCursor);
  assert.ok(result, 'completions expected');
  const item = result.items.find((i) => i.label === label);
  assert.ok(item, `"${label}" among ${result.items.map((i) => i.label).join(', ')}`);
  const inserted = item.isSnippet ? expandSnippet(item.insertText) : item.insertText;
  return applyEdits(text, [{ offset: result.offset, length: result.length, content: inserted }]);
}
