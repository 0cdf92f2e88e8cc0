/**
 * Helpers for the tests that run the built language server in other editors (Neovim, Emacs): the mistake
 * plans, what the CLI reports on them, and one headless run of an editor driven by a script.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, runCli } from './cli';
import { REPO_ROOT } from './plans';

export const MISTAKES = path.join(REPO_ROOT, 'examples', 'mistakes');

/** Every plan of examples/mistakes/, by absolute path, as an editor opens it. */
export function mistakePlans(): string[] {
  return fs
    .readdirSync(MISTAKES)
    .filter((name) => name.endsWith('.clusterplan'))
    .sort()
    .map((name) => path.join(MISTAKES, name));
}

/** One finding as an editor shows it: the 0-based line where it starts, its severity and its rule's code. */
export interface Shown {
  readonly line: number;
  readonly severity: string;
  readonly code: string;
}

/** The findings of each plan, by absolute path, in the order of lines, then codes. */
export type ShownByPlan = Record<string, Shown[]>;

export function inOrder(shown: readonly Shown[]): Shown[] {
  return [...shown].sort((a, b) => a.line - b.line || a.code.localeCompare(b.code) || a.severity.localeCompare(b.severity));
}

/** What `clusterplan check --format json` reports on the plans: what every editor should show. */
export function cliFindings(plans: readonly string[]): ShownByPlan {
  const run = runCli(MISTAKES, ['check', '--format', 'json', ...plans.map((plan) => path.basename(plan))]);
  assert.equal(run.stderr, '');
  const report = JSON.parse(run.stdout) as {
    files: { path: string; diagnostics: { code: string; severity: string; range: { start: { line: number } } }[] }[];
  };
  const byPlan: ShownByPlan = {};
  for (const file of report.files) {
    byPlan[path.join(MISTAKES, file.path)] = inOrder(file.diagnostics.map((d) => ({ line: d.range.start.line, severity: d.severity, code: d.code })));
  }
  return byPlan;
}

/**
 * The CLI's findings as an editor shows them with the settings the editors' configurations send, as
 * docs/editors.md gives them: `clusterplan.rules` makes mixed-at-end a warning.
 */
export function withMixedAtEndAsWarning(byPlan: ShownByPlan): ShownByPlan {
  const changed: ShownByPlan = {};
  for (const [plan, shown] of Object.entries(byPlan)) {
    changed[plan] = shown.map((s) => (s.code === 'mixed-at-end' ? { ...s, severity: 'warning' } : s));
  }
  return changed;
}

/**
 * The configuration docs/editors.md gives under `heading`: its first `language` block, with the command
 * `clusterplan lsp --stdio` as written there replaced by `command`, the checkout's. The tests run exactly
 * what the page tells administrators to write.
 */
export function configurationOfDocs(heading: string, language: string, written: string, command: string): string {
  const page = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'editors.md'), 'utf8');
  const section = page.indexOf(`\n${heading}\n`);
  assert.ok(section >= 0, `docs/editors.md has no heading "${heading}"`);
  const start = page.indexOf(`\n\`\`\`${language}\n`, section);
  assert.ok(start >= 0, `docs/editors.md has no ${language} block under "${heading}"`);
  const block = page.slice(start + language.length + 5, page.indexOf('\n```\n', start + 1) + 1);
  assert.ok(block.includes(written), `the ${language} block under "${heading}" in docs/editors.md no longer runs ${written}`);
  return block.replace(written, command);
}

/** Whether `command` is on PATH: a test that needs it is skipped, saying so, when it is not. */
export function onPath(command: string): boolean {
  return (process.env['PATH'] ?? '').split(path.delimiter).some((folder) => folder !== '' && fs.existsSync(path.join(folder, command)));
}

export interface EditorRun {
  /** The editor and its arguments; `{script}` is replaced by the script's path. */
  readonly command: string;
  readonly args: readonly string[];
  /** The script, written to `script.<extension>` in a scratch folder. */
  readonly script: string;
  readonly extension: string;
  readonly plans: readonly string[];
}

/** How long the editor may wait for the server's diagnostics, and how long the test waits for the editor. */
const EDITOR_WAIT_MS = 20_000;
const TEST_WAIT_MS = 60_000;

/**
 * Runs the editor headless on the plans, with the server started as `node dist/cli.js lsp --stdio`. The
 * script reads its job (the command, the plans, where to write) from the JSON file named by
 * `CLUSTERPLAN_EDITOR_JOB`, writes what it is waiting for to `status`, and what the editor shows to
 * `output`. The editor gets a home and caches of its own, so it reads no one's configuration and leaves
 * no log behind.
 */
export function runEditor(run: EditorRun): ShownByPlan {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run "npm run build" before the tests`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterplan-editor-'));
  try {
    const script = path.join(scratch, `script.${run.extension}`);
    const status = path.join(scratch, 'status');
    const output = path.join(scratch, 'output.json');
    const job = path.join(scratch, 'job.json');
    fs.writeFileSync(script, run.script);
    const cmd = [process.execPath, CLI, 'lsp', '--stdio'];
    fs.writeFileSync(job, JSON.stringify({ cmd, plans: run.plans, timeout: EDITOR_WAIT_MS, status, output }));
    const home = path.join(scratch, 'home');
    fs.mkdirSync(home);
    const env = {
      ...process.env,
      CLUSTERPLAN_EDITOR_JOB: job,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
      XDG_STATE_HOME: path.join(home, '.local', 'state'),
    };
    const args = run.args.map((arg) => arg.replace('{script}', script));
    const r = spawnSync(run.command, args, { cwd: scratch, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: TEST_WAIT_MS, killSignal: 'SIGKILL' });
    const waited = fs.existsSync(status) ? fs.readFileSync(status, 'utf8').trim() : 'the editor to read its script';
    if (r.error || r.signal) assert.fail(`${run.command} did not finish within ${TEST_WAIT_MS / 1000} s; it was waiting for ${waited}`);
    assert.equal(r.status, 0, `${run.command} exited with ${String(r.status)} while waiting for ${waited}\n${r.stderr}`);
    const shown = JSON.parse(fs.readFileSync(output, 'utf8')) as ShownByPlan;
    const byPlan: ShownByPlan = {};
    for (const plan of run.plans) byPlan[plan] = inOrder(shown[plan] ?? []);
    return byPlan;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Three plans checked against lists written by hand, not only against the CLI: the refused join and what
 * follows it, a misspelt node, and the setting the editor's configuration sends (mixed-at-end is
 * information by default; docs/editors.md's configurations make it a warning).
 */
export function assertHandWrittenFindings(shown: ShownByPlan): void {
  const plan = (name: string) => shown[path.join(MISTAKES, `${name}.clusterplan`)];
  assert.deepEqual(plan('forgot-sponsor-noversioncheck'), [
    { line: 30, severity: 'error', code: 'join-incompatible' },
    { line: 39, severity: 'warning', code: 'not-running' },
  ]);
  assert.deepEqual(plan('node-name-typo'), [{ line: 20, severity: 'error', code: 'unknown-node' }]);
  assert.deepEqual(plan('ends-mixed'), [{ line: 9, severity: 'warning', code: 'mixed-at-end' }]);
}
