/**
 * How the built CLI (dist/cli.js) reads and writes files (docs/cli.md): --fix and export -o write whole or
 * not at all, keep the plan's mode, links and encoding, and refuse what is not a regular file; a file over
 * the byte limit is not read; an unreadable folder is reported and the rest is checked.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { fixAll } from '../../src/core';
import { REPO_ROOT } from './helpers/plans';
import { CLI, cliScratch, type Run } from './helpers/cli';

const NEEDS_FIXES = fs.readFileSync(path.join(REPO_ROOT, 'examples/mistakes/left-noversioncheck-behind.clusterplan'), 'utf8');
const KB = fs.readFileSync(path.join(REPO_ROOT, 'examples/kb811272-rc2-to-rtm.clusterplan'), 'utf8');
const TWO_FIXES = '2 fixes';
const CLEAN_SUMMARY = 'No problems in 1 file.\n';
const LEFTOVER_SUMMARY = '0 errors, 2 warnings, 0 information in 1 file.\n';

/** Runs the CLI in `dir`, so the paths it prints are the names given; `limit` is bash's `ulimit -f`, in KiB. */
function cli(dir: string, args: string[], options: { limit?: number; uid?: number } = {}): Run {
  const spawn: SpawnSyncOptions = { cwd: dir, encoding: 'utf8', timeout: 20_000 };
  const cliPath = options.uid === undefined ? CLI : path.join(dir, 'cli.js');
  const r =
    options.limit === undefined
      ? spawnSync(process.execPath, [cliPath, ...args], { ...spawn, uid: options.uid, gid: options.uid })
      : spawnSync('bash', ['-c', `ulimit -f ${options.limit}; exec "$0" "$@"`, process.execPath, cliPath, ...args], spawn);
  if (r.error) throw r.error;
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const tempDir = cliScratch('clusterplan-files-');

function write(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('--fix writes the plan whole or not at all', () => {
  test('a write cut short by the file size limit leaves the plan as it was, and says so', () => {
    const dir = tempDir();
    // Longer than the 64 KiB the CLI may write, and with two safe fixes to apply.
    const original = '// a long history of this plan\n'.repeat(3000) + NEEDS_FIXES;
    write(dir, 'big.clusterplan', original);
    const r = cli(dir, ['check', '--fix', 'big.clusterplan'], { limit: 64 });
    assert.equal(r.stderr, `clusterplan: big.clusterplan: cannot write the fixed plan: larger than this process may write (ulimit -f); the plan is unchanged, its ${TWO_FIXES} not applied\n`);
    assert.equal(r.status, 2);
    assert.ok(r.stdout.endsWith(LEFTOVER_SUMMARY), r.stdout);
    assert.equal(fs.readFileSync(path.join(dir, 'big.clusterplan'), 'utf8'), original);
    assert.deepEqual(fs.readdirSync(dir), ['big.clusterplan'], 'no temporary file is left behind');
  });

  test('keeps the plan\'s mode', () => {
    const dir = tempDir();
    const file = write(dir, 'plan.clusterplan', NEEDS_FIXES);
    fs.chmodSync(file, 0o640);
    const r = cli(dir, ['check', '--fix', 'plan.clusterplan']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), fixAll(NEEDS_FIXES).text);
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  });

  test('keeps the plan\'s owner when root fixes another user\'s plan', () => {
    const dir = tempDir();
    const file = write(dir, 'plan.clusterplan', NEEDS_FIXES);
    // As root the plan belongs to nobody (65534); an ordinary user can only own it himself.
    const owner = process.getuid?.() === 0 ? 65534 : fs.statSync(file).uid;
    fs.chownSync(file, owner, owner === 65534 ? 65534 : fs.statSync(file).gid);
    assert.equal(cli(dir, ['check', '--fix', 'plan.clusterplan']).status, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), fixAll(NEEDS_FIXES).text);
    assert.equal(fs.statSync(file).uid, owner);
  });

  test('writes through a symlink: the link stays a link, its target is fixed', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'plans'));
    const target = write(dir, 'plans/real.clusterplan', NEEDS_FIXES);
    fs.symlinkSync('plans/real.clusterplan', path.join(dir, 'link.clusterplan'));
    const r = cli(dir, ['check', '--fix', 'link.clusterplan']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, CLEAN_SUMMARY);
    assert.ok(fs.lstatSync(path.join(dir, 'link.clusterplan')).isSymbolicLink());
    assert.equal(fs.readlinkSync(path.join(dir, 'link.clusterplan')), 'plans/real.clusterplan');
    assert.equal(fs.readFileSync(target, 'utf8'), fixAll(NEEDS_FIXES).text);
  });

  test('gives the plan a new file: another hard link to the old one keeps the old text', () => {
    const dir = tempDir();
    const file = write(dir, 'plan.clusterplan', NEEDS_FIXES);
    fs.linkSync(file, path.join(dir, 'copy.clusterplan.bak'));
    assert.equal(cli(dir, ['check', '--fix', 'plan.clusterplan']).status, 0);
    assert.equal(fs.readFileSync(file, 'utf8'), fixAll(NEEDS_FIXES).text);
    assert.equal(fs.readFileSync(path.join(dir, 'copy.clusterplan.bak'), 'utf8'), NEEDS_FIXES);
  });
});

describe('encodings', () => {
  const ENCODINGS: readonly { name: string; bytes: (text: string) => Buffer }[] = [
    { name: 'UTF-8 with a BOM', bytes: (t) => Buffer.from('\uFEFF' + t, 'utf8') },
    { name: 'UTF-16 LE with a BOM', bytes: (t) => Buffer.from('\uFEFF' + t, 'utf16le') },
    { name: 'UTF-16 BE with a BOM', bytes: (t) => Buffer.from('\uFEFF' + t, 'utf16le').swap16() },
  ];

  test('a plan in UTF-8 with a BOM or in UTF-16 with a BOM is checked as in UTF-8, and fixed in its own encoding', () => {
    const plainDir = tempDir();
    write(plainDir, 'plan.clusterplan', NEEDS_FIXES);
    const plain = cli(plainDir, ['check', 'plan.clusterplan']);
    // The BOM is a character before the text: the fixes are the same, one character later.
    const fixed = fixAll('\uFEFF' + NEEDS_FIXES).text.slice(1);
    assert.equal(fixed, fixAll(NEEDS_FIXES).text);
    for (const { name, bytes } of ENCODINGS) {
      const dir = tempDir();
      const file = write(dir, 'plan.clusterplan', bytes(NEEDS_FIXES));
      assert.deepEqual(cli(dir, ['check', 'plan.clusterplan']), plain, name);
      const r = cli(dir, ['check', '--fix', 'plan.clusterplan']);
      assert.equal(r.status, 0, `${name}: ${r.stderr}`);
      assert.match(r.stderr, /^plan\.clusterplan: applied 2 fixes:\n/, name);
      assert.ok(fs.readFileSync(file).equals(bytes(fixed)), `${name}: written back in the same encoding`);
    }
  });

  // "Übergang" saved by an editor in Windows-1252: 0xDC is not UTF-8. CR LF counts as one line break.
  const cp1252 = Buffer.concat([Buffer.from('// Rolling upgrade of PRODCLUS\n// window 2\r\n// ', 'utf8'), Buffer.from([0xdc]), Buffer.from('bergang auf RTM\n' + NEEDS_FIXES, 'utf8')]);

  test('check warns in one line on a plan that is not UTF-8, naming the line of the first bad byte', () => {
    const dir = tempDir();
    write(dir, 'plan.clusterplan', cp1252);
    const r = cli(dir, ['check', 'plan.clusterplan']);
    assert.equal(
      r.stderr,
      'clusterplan: plan.clusterplan:3: warning: not valid UTF-8 (its first bad byte is on this line), read with U+FFFD in its place; save the plan as UTF-8, not in a code page such as Windows-1252\n',
    );
    assert.equal(r.status, 0);
    assert.ok(r.stdout.endsWith(LEFTOVER_SUMMARY), r.stdout);
  });

  test('--fix refuses a plan that is not UTF-8 and leaves its bytes as they were', () => {
    const dir = tempDir();
    const file = write(dir, 'plan.clusterplan', cp1252);
    const r = cli(dir, ['check', '--fix', 'plan.clusterplan']);
    assert.equal(
      r.stderr,
      `clusterplan: plan.clusterplan:3: not valid UTF-8 (its first bad byte is on this line), so --fix did not write its ${TWO_FIXES}: the plan is unchanged; save it as UTF-8 and run --fix again\n`,
    );
    assert.equal(r.status, 2);
    assert.ok(r.stdout.endsWith(LEFTOVER_SUMMARY), r.stdout);
    assert.ok(fs.readFileSync(file).equals(cp1252));
  });
});

describe('what is not a regular file is refused at once', () => {
  for (const command of [['check'], ['simulate'], ['export', '--format', 'cmd']]) {
    test(`${command[0]} on a FIFO: exit 2, one line`, () => {
      const dir = tempDir();
      mkfifo(path.join(dir, 'x.clusterplan'));
      const r = cli(dir, [...command, 'x.clusterplan']);
      assert.equal(r.stderr, 'clusterplan: x.clusterplan: not a regular file (a FIFO); clusterplan reads only plan files\n');
      assert.equal(r.stdout, '');
      assert.equal(r.status, 2);
    });
  }

  test('check on /dev/zero: exit 2, one line', () => {
    const r = cli(tempDir(), ['check', '/dev/zero']);
    assert.equal(r.stderr, 'clusterplan: /dev/zero: not a regular file (a character device); clusterplan reads only plan files\n');
    assert.equal(r.stdout, '');
    assert.equal(r.status, 2);
  });

  test('the other plans are still checked', () => {
    const dir = tempDir();
    mkfifo(path.join(dir, 'x.clusterplan'));
    write(dir, 'kb.clusterplan', KB);
    const r = cli(dir, ['check', 'x.clusterplan', 'kb.clusterplan']);
    assert.equal(r.stderr, 'clusterplan: x.clusterplan: not a regular file (a FIFO); clusterplan reads only plan files\n');
    assert.equal(r.stdout, CLEAN_SUMMARY);
    assert.equal(r.status, 2);
  });
});

function mkfifo(file: string): void {
  const r = spawnSync('mkfifo', [file]);
  assert.equal(r.status, 0, `mkfifo ${file}: ${String(r.stderr)}`);
}

describe('export -o', () => {
  test('a write cut short leaves the old runbook as it was; a new runbook is not left half written', () => {
    const dir = tempDir();
    write(dir, 'kb.clusterplan', KB);
    write(dir, 'old.cmd', 'echo the old runbook\r\n');
    // The KB runbook is about 13 KiB; the CLI may write 4.
    for (const out of ['old.cmd', 'new.cmd']) {
      const r = cli(dir, ['export', '--format', 'cmd', 'kb.clusterplan', '-o', out], { limit: 4 });
      assert.equal(r.stderr, `clusterplan: ${out}: cannot write the runbook: larger than this process may write (ulimit -f)\n`);
      assert.equal(r.status, 2);
    }
    assert.deepEqual(fs.readdirSync(dir).sort(), ['kb.clusterplan', 'old.cmd']);
    assert.equal(fs.readFileSync(path.join(dir, 'old.cmd'), 'utf8'), 'echo the old runbook\r\n');
  });

  test('to a FIFO or a device: refused, exit 2, one line', () => {
    const dir = tempDir();
    write(dir, 'kb.clusterplan', KB);
    mkfifo(path.join(dir, 'out.fifo'));
    for (const [out, kind] of [['out.fifo', 'a FIFO'], ['/dev/null', 'a character device']]) {
      const r = cli(dir, ['export', '--format', 'cmd', 'kb.clusterplan', '-o', out!]);
      assert.equal(r.stderr, `clusterplan: ${out}: cannot write the runbook: not a regular file (${kind})\n`);
      assert.equal(r.stdout, '');
      assert.equal(r.status, 2);
    }
  });

  test('-o /dev/stdout and -o - write to stdout, as without -o', () => {
    const dir = tempDir();
    write(dir, 'kb.clusterplan', KB);
    const plain = cli(dir, ['export', '--format', 'markdown', 'kb.clusterplan']);
    assert.equal(plain.status, 0);
    for (const out of ['/dev/stdout', '-']) assert.deepEqual(cli(dir, ['export', '--format', 'markdown', 'kb.clusterplan', '-o', out]), plain, out);
  });
});

describe('the byte limit', () => {
  test('a plan over 32 MiB is reported as limit-exceeded without being read', () => {
    const dir = tempDir();
    // Sparse: 33 MiB long, no block on the disk.
    fs.truncateSync(write(dir, 'huge.clusterplan', ''), 33 * 1024 * 1024);
    write(dir, 'kb.clusterplan', KB);
    const r = cli(dir, ['check', 'huge.clusterplan']);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      'huge.clusterplan:1:1: error limit-exceeded: The plan has 34603008 bytes, above the limit of 33554432 (32 MiB); clusterplan does not read it. Split it into smaller plans.\n' +
        '1 error, 0 warnings, 0 information in 1 file.\n',
    );
    assert.equal(r.status, 1);
    // Reading it would take 33 MiB at least; checking a small plan is the measure of "nothing read".
    const peak = (args: string[]) => {
      const t = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, ...args], { cwd: dir, encoding: 'utf8' });
      return Number(t.stderr.trim().split('\n').pop()) * 1024;
    };
    if (fs.existsSync('/usr/bin/time')) assert.ok(peak(['check', 'huge.clusterplan']) < peak(['check', 'kb.clusterplan']) + 16 * 1024 * 1024);
  });
});

/**
 * Runs as an ordinary user: root reads any folder whatever its mode. As root the CLI runs as nobody (65534),
 * from a copy it can read.
 */
function unprivileged(dir: string, args: string[]): Run {
  fs.chmodSync(dir, fs.statSync(dir).mode | 0o755);
  if (process.getuid?.() !== 0) return cli(dir, args);
  fs.copyFileSync(CLI, path.join(dir, 'cli.js'));
  fs.chmodSync(path.join(dir, 'cli.js'), 0o644);
  try {
    return cli(dir, args, { uid: 65534 });
  } catch (error) {
    assert.fail(`cannot run the CLI as the user nobody (65534) to test what root cannot see: ${String(error)}`);
  }
}

describe('as an ordinary user', () => {
  test('an unreadable folder is reported in one line, everything else checked, exit 2 at the end', () => {
    const dir = tempDir();
    for (const folder of ['site-a', 'site-b', 'site-c']) {
      fs.mkdirSync(path.join(dir, 'plans', folder), { recursive: true, mode: 0o755 });
      fs.chmodSync(write(dir, `plans/${folder}/plan.clusterplan`, KB), 0o644);
    }
    fs.chmodSync(path.join(dir, 'plans'), 0o755);
    fs.chmodSync(path.join(dir, 'plans', 'site-b'), 0o000);
    try {
      const r = unprivileged(dir, ['check', 'plans']);
      assert.equal(r.stderr, `clusterplan: ${path.join('plans', 'site-b')}: cannot read this folder (permission denied); the plans in it were not checked\n`);
      assert.equal(r.stdout, 'No problems in 2 files.\n');
      assert.equal(r.status, 2);
    } finally {
      fs.chmodSync(path.join(dir, 'plans', 'site-b'), 0o755);
    }
  });

  test('--fix leaves a read-only plan as it was', () => {
    const dir = tempDir();
    const file = write(dir, 'plan.clusterplan', NEEDS_FIXES);
    fs.chmodSync(file, 0o444);
    // The folder is writable by all: a temporary file could be renamed over the plan.
    fs.chmodSync(dir, 0o777);
    const r = unprivileged(dir, ['check', '--fix', 'plan.clusterplan']);
    assert.equal(r.stderr, `clusterplan: plan.clusterplan: cannot write the fixed plan: permission denied; the plan is unchanged, its ${TWO_FIXES} not applied\n`);
    assert.equal(r.status, 2);
    assert.equal(fs.readFileSync(file, 'utf8'), NEEDS_FIXES);
  });
});

describe('as an ordinary user, in a folder of someone else', () => {
  test('--fix on a writable plan in a folder it cannot write says that the folder refuses', () => {
    const dir = tempDir();
    const file = write(dir, 'plan.clusterplan', NEEDS_FIXES);
    fs.chmodSync(file, 0o666);
    // The folder is root's (or the tester's) and not writable by others: no temporary file can be made there.
    fs.chmodSync(dir, 0o755);
    const r = unprivileged(dir, ['check', '--fix', 'plan.clusterplan']);
    const folder = fs.realpathSync(dir);
    assert.equal(
      r.stderr,
      `clusterplan: plan.clusterplan: cannot write the fixed plan: permission denied to create a file in ${folder}, which a whole-or-nothing write needs; the plan is unchanged, its ${TWO_FIXES} not applied\n`,
    );
    assert.equal(r.status, 2);
    assert.equal(fs.readFileSync(file, 'utf8'), NEEDS_FIXES);
  });
});

describe('paths and pipes', () => {
  test('a missing path is one line; the other plans are still checked, and the run exits with 2', () => {
    const dir = tempDir();
    write(dir, 'ok.clusterplan', KB);
    const r = cli(dir, ['check', 'ok.clusterplan', 'missing.clusterplan', 'ok.clusterplan']);
    assert.equal(r.stderr, 'clusterplan: missing.clusterplan: no such file or directory\n');
    assert.equal(r.stdout, 'No problems in 2 files.\n');
    assert.equal(r.status, 2);
  });

  test('a reader that closes the pipe early gets no stack trace, and the exit code still counts the errors', () => {
    const dir = tempDir();
    // An unknown node at the first step, then enough steps that simulate's table overflows the pipe.
    const steps = ['{ "action": "stop", "node": "NODEX" }', ...Array.from({ length: 20_000 }, () => '{ "action": "restart", "node": "N1" }')];
    write(dir, 'long.clusterplan', `{ "nodes": { "N1": { "version": "ws2003-rtm" } }, "steps": [\n${steps.join(',\n')}\n] }\n`);
    const r = spawnSync('bash', ['-c', `"$0" "$1" simulate long.clusterplan | head -n 1; echo "exit \${PIPESTATUS[0]}" >&2`, process.execPath, CLI], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.match(r.stdout, /^step +action +node/);
    assert.equal(r.stdout.split('\n').length, 2);
    assert.equal(r.stderr, 'exit 1\n');
  });
});
