import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../src/core';

const root = path.resolve(__dirname, '../../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

// The README is what users read first, and what the .vsix shows: its rules' index links every page.
test('the README\'s index lists every rule, in order, with its severity and a link to its page', () => {
  const rows = [...readme.matchAll(/^\| \[`([a-z-]+)`\]\(docs\/rules\/([a-z-]+)\.md\) \| (\w+) \|/gm)].map((m) => [m[1], m[2], m[3]]);
  assert.deepEqual(
    rows,
    RULES.map((r) => [r.code, r.code, r.severity]),
  );
});

test('every rule has its own file named by its code', () => {
  for (const rule of RULES) {
    const file = path.join(root, 'src/core/rules', `${rule.code}.ts`);
    assert.match(readFileSync(file, 'utf8'), new RegExp(`code: '${rule.code}'`));
  }
});

test('the README is for users: no development notes, no bench tables', () => {
  for (const heading of ['## Performance', '## Development', '## Status']) assert.ok(!readme.includes(`\n${heading}\n`), heading);
  assert.doesNotMatch(readme, /bench:start|bench-editor:start/);
});
