/**
 * The README's set-up puts `clusterplan` on PATH with `npm link` (or `npm install -g .`) after `npm ci` and
 * `npm run build`: npm links package.json's "bin" entry, which the shell then runs as a program.
 * `npm test` runs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

test('the bin entry "clusterplan" is the CLI the build writes', () => {
  assert.deepEqual(pkg.bin, { clusterplan: 'dist/cli.js' });
  assert.match(fs.readFileSync(path.join(ROOT, 'esbuild.js'), 'utf8'), /outfile: 'dist\/cli\.js'/);
});

test('the built CLI starts with a node shebang and is executable, so it runs as `clusterplan`', () => {
  const cli = path.join(ROOT, pkg.bin.clusterplan);
  assert.equal(fs.readFileSync(cli, 'utf8').split('\n')[0], '#!/usr/bin/env node');
  assert.equal(fs.statSync(cli).mode & 0o111, 0o111);
  // Run as the shell runs it, through the shebang rather than `node dist/cli.js`.
  const r = spawnSync(cli, ['--version'], { encoding: 'utf8' });
  assert.equal(r.error, undefined);
  assert.equal(r.stdout, `${pkg.version}\n`);
  assert.equal(r.status, 0);
});
