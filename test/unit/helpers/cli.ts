import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { REPO_ROOT } from './plans';

/** The CLI as `npm run build` writes it: the tests run what users run. */
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI in `cwd`, so the paths it prints are the relative paths given. */
export function runCli(cwd: string, args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * For a test file that runs the CLI: fails at once if the CLI is not built, and returns a maker of scratch
 * folders named `prefix…`, removed after the file's tests (writable again first: some tests take that away).
 */
export function cliScratch(prefix: string): () => string {
  const folders: string[] = [];
  before(() => assert.ok(fs.existsSync(CLI), `${CLI} is missing: run "npm run build" before the tests`));
  after(() => {
    for (const folder of folders) {
      fs.chmodSync(folder, 0o700);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
  return () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    folders.push(folder);
    return folder;
  };
}
