/**
 * `npm start` (scripts/start.js) refuses a bad option in one line before it starts anything: the README
 * sends users to `npm start -- --port <n>` to reach VS Code through an SSH tunnel.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');

function start(...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'start.js'), ...args], { encoding: 'utf8', timeout: 30_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a --port that is not a port number is refused in one line, exit 2', () => {
  for (const port of ['abc', '0', '65536', '80.5', '']) {
    const r = start('--port', port);
    assert.deepEqual(r, { status: 2, stdout: '', stderr: `--port ${port}: give a port number from 1 to 65535, e.g. --port 8080\n` }, port);
  }
});

test('an unknown option is refused with the usage, exit 2', () => {
  const r = start('--host', '0.0.0.0');
  assert.deepEqual(r, { status: 2, stdout: '', stderr: 'unknown argument --host; usage: npm start -- [--folder <dir>] [--extension <dir>] [--port <n>]\n' });
});
