import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../src/core';

const root = path.resolve(__dirname, '../../..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

// Every finding links to `README.md#<code>`; a rule without its section would be a dead link.
test('the README documents every rule under a heading named by its code', () => {
  const headings = new Set([...readme.matchAll(/^### (\S+)$/gm)].map((m) => m[1]));
  const missing = RULES.map((r) => r.code).filter((code) => !headings.has(code));
  assert.deepEqual(missing, []);
});

test('the README rule table gives each rule its severity', () => {
  for (const rule of RULES) {
    const row = new RegExp('^\\| \\[`' + rule.code + '`\\]\\(#' + rule.code + '\\) \\| ' + rule.severity + ' \\|', 'm');
    assert.match(readme, row, `${rule.code} should be listed as ${rule.severity}`);
  }
});

test('every rule has its own file named by its code', () => {
  for (const rule of RULES) {
    const file = path.join(root, 'src/core/rules', `${rule.code}.ts`);
    assert.match(readFileSync(file, 'utf8'), new RegExp(`code: '${rule.code}'`));
  }
});
