import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

// The core is tested under plain Node and shared by the CLI: an import of 'vscode' would break both.
test('nothing under src/core imports vscode', () => {
  const offenders = sources(path.join(root, 'src/core')).filter((file) => /from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)/.test(readFileSync(file, 'utf8')));
  assert.deepEqual(offenders.map((f) => path.relative(root, f)), []);
});

test('the CLI does not import the extension or vscode', () => {
  const offenders = sources(path.join(root, 'src/cli')).filter((file) => /['"]vscode['"]|\/extension\//.test(readFileSync(file, 'utf8')));
  assert.deepEqual(offenders.map((f) => path.relative(root, f)), []);
});

// The language server runs outside VS Code (docs/language-server.md): it speaks the protocol through
// vscode-languageserver, never through VS Code's API, and knows nothing of the client.
test('the language server imports neither vscode nor the extension', () => {
  const offenders = sources(path.join(root, 'src/server')).filter((file) => /['"]vscode['"]|\/extension\//.test(readFileSync(file, 'utf8')));
  assert.deepEqual(offenders.map((f) => path.relative(root, f)), []);
});

// Speed comes from the algorithms, not from tricks aimed at one JavaScript engine (docs/development.md).
test('the code says nothing about V8\'s internals, and the core uses no typed arrays', () => {
  const engineWords = /hidden class|deopt|megamorphic|optimi[sz]ed code|inline cache/i;
  const talkers = sources(path.join(root, 'src')).filter((file) => engineWords.test(readFileSync(file, 'utf8')));
  assert.deepEqual(talkers.map((f) => path.relative(root, f)), []);
  const typed = /\b(?:Int8|Uint8|Uint8Clamped|Int16|Uint16|Int32|Uint32|Float32|Float64|BigInt64|BigUint64)Array\b/;
  const users = sources(path.join(root, 'src/core')).filter((file) => typed.test(readFileSync(file, 'utf8')));
  assert.deepEqual(users.map((f) => path.relative(root, f)), []);
});

// The repository stands on its own: what a maintainer needs is in docs/, and the code cites that. The README
// ships in the .vsix: it speaks of nothing its readers cannot see.
test('the code, the tests and the docs cite docs/, never material outside the repository', () => {
  const files = ['src', 'test', 'bench', 'docs', 'scripts'].flatMap((dir) => allFiles(path.join(root, dir))).filter((f) => !f.includes(`${path.sep}regressions${path.sep}`) && /\.(ts|js|md)$/.test(f));
  files.push(path.join(root, 'README.md'));
  const outside = /\.\.\/shared|\bshared\/|DOMAIN(-MODERN)?\.md|REAL-VSCODE\.md|\bthe contract\b|\(addition\)/;
  const citing = files.filter((file) => !file.endsWith('architecture.test.ts') && !file.endsWith('rule-pages.test.ts') && outside.test(readFileSync(file, 'utf8')));
  assert.deepEqual(citing.map((f) => path.relative(root, f)), []);
});

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

// A spread passes one argument per element, and a call takes only so many: Math.max(...widths) over a row
// per step crashed simulate on a 150,000-step plan. A loop finds the largest (docs/development.md).
test('no Math.max or Math.min takes its arguments from a spread array', () => {
  const spreading = /Math\.(?:max|min)\(\s*\.\.\./;
  const offenders = sources(path.join(root, 'src')).filter((file) => spreading.test(readFileSync(file, 'utf8')));
  assert.deepEqual(offenders.map((f) => path.relative(root, f)), []);
});

test('every source file is small enough to read in one sitting', () => {
  const long = sources(path.join(root, 'src'))
    .map((file) => [path.relative(root, file), readFileSync(file, 'utf8').split('\n').length] as const)
    .filter(([, lines]) => lines > 400);
  assert.deepEqual(long, []);
});

// A rule finds; its quick fixes, in fixes/<code>.ts beside it, edit. Diagnostics never compute a fix, so a
// rule must not reach the fixes.
test('the rules do not import the fixes, and each rule\'s fixes are fixes/<code>.ts of a plan rule', async () => {
  // A type is erased from the bundle: `import type` may name one.
  const reachers = sources(path.join(root, 'src/core/rules')).filter((file) => /^import (?!type )[^;]*from\s+['"]\.\.\/fixes\//m.test(readFileSync(file, 'utf8')));
  assert.deepEqual(reachers.map((f) => path.relative(root, f)), []);
  const { FIXES } = await import('../../src/core/fixes');
  const { ruleFor } = await import('../../src/core/rules');
  for (const code of Object.keys(FIXES)) {
    assert.equal(ruleFor(code)?.needs, 'plan', code);
    assert.ok(readdirSync(path.join(root, 'src/core/fixes')).includes(`${code}.ts`), `src/core/fixes/${code}.ts`);
  }
  assert.ok(Object.keys(FIXES).length >= 8);
});
