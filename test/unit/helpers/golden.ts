/**
 * Golden files of the runbook export (test/fixtures/export). They change only deliberately:
 *
 *   UPDATE_GOLDEN=1 node --test out/test/unit/export.test.js out/test/unit/export-cli.test.js
 *
 * then review `git diff test/fixtures/export` before committing. Without UPDATE_GOLDEN a difference fails.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RUNBOOK_FORMATS, type RunbookFormat } from '../../../src/core';
import { REPO_ROOT } from './plans';

export const GOLDEN_DIR = path.join(REPO_ROOT, 'test', 'fixtures', 'export');

/** Compares `actual` with the golden file, whole; writes it instead only when UPDATE_GOLDEN=1. */
export function assertGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `${file} is missing: create it with UPDATE_GOLDEN=1 and review it`);
  const expected = fs.readFileSync(file, 'utf8');
  // Line by line first, for a readable diff; then the whole text, which also compares the line endings.
  assert.deepEqual(actual.split(/\r?\n/), expected.split(/\r?\n/), `${name} differs from the golden file`);
  assert.equal(actual, expected, `${name}: same lines, different line endings`);
}

/** `kb811272.cmd`, `kb811272.ps1`, `kb811272.md`. */
export function goldenName(base: string, format: RunbookFormat): string {
  return base + RUNBOOK_FORMATS[format].extension;
}
