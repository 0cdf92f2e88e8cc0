/**
 * The progress line of `check` on a terminal (docs/cli-output.md): shown for more than 20 files, and never
 * with --no-progress, which the editor's task passes so that its problem matcher reads clean lines.
 * script(1) gives the CLI a terminal, as VS Code's task terminal does.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLI, cliScratch } from './helpers/cli';
import { readKbExample } from './helpers/plans';

const dir = cliScratch('clusterplan-progress-');

/** `clusterplan check` of 21 clean plans, in a terminal: what the terminal receives. */
function onTerminal(...args: string[]): string {
  const plans = dir();
  for (let i = 1; i <= 21; i++) fs.writeFileSync(path.join(plans, `p${i}.clusterplan`), readKbExample());
  const command = [process.execPath, CLI, 'check', ...args, plans].map((a) => `'${a}'`).join(' ');
  const run = spawnSync('script', ['-qc', command, '/dev/null'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

test('check shows its progress line on a terminal, for more than 20 files', () => {
  assert.match(onTerminal(), /^\rchecking 1\/21 p1\.clusterplan {2,}\rchecking 2\/21 /);
});

test('check --no-progress writes only the report, for a problem matcher', () => {
  assert.equal(onTerminal('--no-progress'), 'No problems in 21 files.\r\n');
});
