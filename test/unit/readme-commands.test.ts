/**
 * The README's commands work as written, after its set-up: a newcomer copies them verbatim. The
 * `clusterplan` lines run here through a link to the built CLI on PATH, as `npm link` makes one; the npm
 * lines must name the project's scripts. `npm test` runs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };

/** The lines of the README's ```sh blocks, in order, without their comments. */
const commands = [...readme.matchAll(/^```sh\n([\s\S]*?)^```$/gm)]
  .flatMap((m) => m[1]!.split('\n'))
  .map((line) => line.replace(/\s+#.*$/, '').trim())
  .filter((line) => line !== '');

test('the README stays under 20,000 bytes: VS Code shows it as the extension\'s page', () => {
  assert.ok(Buffer.byteLength(readme) < 20_000, `${Buffer.byteLength(readme)} bytes`);
});

test('the set-up builds the CLI and links it onto PATH before any command uses it', () => {
  const link = commands.indexOf('npm run build && npm link');
  assert.ok(link > commands.indexOf('npm ci') && commands.indexOf('npm ci') >= 0, commands.join('\n'));
  const firstUse = commands.findIndex((c) => c.startsWith('clusterplan '));
  assert.ok(firstUse > link, commands.join('\n'));
});

test('every npm command in the README is one of the project\'s', () => {
  const npm = commands.filter((c) => c.startsWith('npm '));
  for (const command of npm) {
    const script = /^npm (?:run ([\w:-]+)|(start|test))(?: -- .*)?$/.exec(command);
    if (command === 'npm ci' || command === 'npm run build && npm link') continue;
    assert.ok(script && pkg.scripts[script[1] ?? script[2]!], command);
  }
  assert.ok(npm.includes('npm run examples') && npm.includes('npm run examples:mistakes'), npm.join('\n'));
});

test('the desktop route installs the .vsix that npm run package writes', () => {
  const vsix = `clusterplan-${pkg.version}.vsix`;
  assert.ok(commands.includes('npm run package'), commands.join('\n'));
  assert.ok(commands.includes(`code --install-extension ${vsix}`), commands.join('\n'));
});

test('the README\'s clusterplan commands run as written, on the plan it copies from examples/', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterplan-readme-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(path.join(ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.symlinkSync(path.join(ROOT, 'dist', 'cli.js'), path.join(dir, 'bin', 'clusterplan'));
  const env = { ...process.env, PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH}` };
  const run = commands.filter((c) => c.startsWith('clusterplan ') || c.startsWith('cp '));
  assert.ok(run.filter((c) => c.startsWith('clusterplan ')).length >= 2, run.join('\n'));
  for (const command of run) {
    const r = spawnSync('sh', ['-c', command], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, `${command}\n${r.stdout}${r.stderr}`);
  }
});
