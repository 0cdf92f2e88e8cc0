/**
 * `clusterplan export` as an administrator runs it: the built CLI (dist/cli.js) in a child process. The runbook
 * on stdout or in -o OUT is the golden file of export.test.ts, byte for byte.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { RunbookFormat } from '../../src/core';
import { assertGolden, GOLDEN_DIR, goldenName } from './helpers/golden';
import { REPO_ROOT } from './helpers/plans';
import { cliScratch, runCli, type Run } from './helpers/cli';

const KB = 'examples/kb811272-rc2-to-rtm.clusterplan';
const SKEW = 'examples/mistakes/nt4-straight-to-ws2003.clusterplan';
const HOSTILE = path.relative(REPO_ROOT, path.join(GOLDEN_DIR, 'hostile.clusterplan'));
const IN_PLACE = path.relative(REPO_ROOT, path.join(GOLDEN_DIR, 'ws2016-to-ws2019.clusterplan'));
const FORMATS: readonly RunbookFormat[] = ['cmd', 'powershell', 'markdown'];

const cli = (...args: string[]): Run => runCli(REPO_ROOT, args);
const tempDir = cliScratch('clusterplan-export-');

describe('export writes the runbook', () => {
  for (const format of FORMATS) {
    test(`--format ${format} on stdout: exit 0, the golden file, nothing on stderr`, () => {
      const r = cli('export', '--format', format, KB);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
      assertGolden(goldenName('kb811272', format), r.stdout);
    });

    test(`--format ${format} -o OUT: the golden file in OUT, nothing on stdout`, () => {
      const out = path.join(tempDir(), `runbook${format}`);
      const r = cli('export', '-f', format, HOSTILE, '-o', out);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      assertGolden(goldenName('hostile', format), fs.readFileSync(out, 'utf8'));
    });
  }

  test('--no-pause: the note is shown and the runbook goes on; the upgrades still wait for setup', () => {
    const cmd = cli('export', '--format', 'cmd', '--no-pause', KB);
    assert.equal(cmd.status, 0, cmd.stderr);
    const lines = cmd.stdout.split('\r\n');
    const note = lines.indexOf('echo [step 15/15] Note: Check the MSDTC resources in Cluster Administrator');
    assert.match(lines[note + 1]!, /^echo {5}expected now: /);
    assert.deepEqual(lines.flatMap((l, i) => (l === 'pause >nul' ? [lines[i - 1]] : [])), [
      'echo     Press a key when setup has finished, or Ctrl+C to stop the runbook.',
      'echo     Press a key when setup has finished, or Ctrl+C to stop the runbook.',
    ]);
    const out = path.join(tempDir(), 'runbook.ps1');
    const ps = cli('export', '--format', 'powershell', '--no-pause', KB, '-o', out);
    assert.equal(ps.status, 0, ps.stderr);
    const without = cli('export', '--format', 'powershell', KB).stdout.split('\r\n');
    assert.equal(without.filter((l) => l.includes('Read-Host')).length, 3, 'two upgrades and the note');
    assert.deepEqual(fs.readFileSync(out, 'utf8').split('\r\n').filter((l) => l.includes('Read-Host')), [
      "        $null = Read-Host 'Press Enter when setup has finished, or Ctrl+C to stop the runbook'",
      "        $null = Read-Host 'Press Enter when setup has finished, or Ctrl+C to stop the runbook'",
    ]);
  });

  test('a functional-level plan: the FailoverClusters runbook, the golden file of export-functional-level.test.ts', () => {
    for (const format of ['powershell', 'markdown'] as const) {
      const r = cli('export', '--format', format, IN_PLACE);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
      assertGolden(goldenName('ws2016-to-ws2019', format), r.stdout);
    }
  });

  test('--output replaces an existing file', () => {
    const out = path.join(tempDir(), 'runbook.md');
    fs.writeFileSync(out, 'old');
    assert.equal(cli('export', '--format', 'markdown', '--output', out, KB).status, 0);
    assert.match(fs.readFileSync(out, 'utf8'), /^# Runbook: cluster PRODCLUS\n/);
  });
});

describe('export refuses', () => {
  test('a plan with errors: exit 1, its findings on stderr, no runbook', () => {
    const out = path.join(tempDir(), 'runbook.cmd');
    const r = cli('export', '--format', 'cmd', SKEW, '-o', out);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n');
    assert.match(lines[0]!, new RegExp(`^${SKEW}:21:5: error major-skew: After step 4, NODE2 runs 0x00040ECE \\(4\\.3790\\)`));
    assert.equal(lines[1], `clusterplan: ${SKEW}: no runbook written: the plan has 1 error (--force exports it anyway)`);
    assert.equal(lines.length, 3);
    assert.ok(!fs.existsSync(out));
  });

  test('--force exports it anyway: exit 0, the errors on stderr and at the top of the runbook', () => {
    const r = cli('export', '--format', 'cmd', '--force', SKEW);
    assert.equal(r.status, 0);
    assert.ok(r.stdout.startsWith('@echo off\r\n'));
    assert.ok(r.stdout.includes('\r\nrem   error major-skew (step 4): After step 4, NODE2 runs'));
    assert.match(r.stderr, /error major-skew: /);
    assert.ok(r.stderr.endsWith(`clusterplan: ${SKEW}: exported with --force although the plan has 1 error\n`));
  });

  test('--format cmd of a functional-level plan, even with --force: exit 1, one line naming --format powershell', () => {
    for (const force of [[], ['--force']]) {
      const out = path.join(tempDir(), 'runbook.cmd');
      const r = cli('export', '--format', 'cmd', ...force, IN_PLACE, '-o', out);
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        `clusterplan: ${IN_PLACE}: no runbook written: a cmd runbook cannot run the FailoverClusters cmdlets that Windows Server 2008 and later need: export the PowerShell runbook (--format powershell) instead.\n`,
      );
      assert.ok(!fs.existsSync(out));
    }
  });

  test('a name no shell can carry, even with --force: exit 1, the node named', () => {
    const dir = tempDir();
    const plan = path.join(dir, 'bad.clusterplan');
    fs.writeFileSync(plan, '{\n  "nodes": {\n    "NÖDE": { "version": "ws2003-rtm" }\n  },\n  "steps": [ { "action": "stop", "node": "NÖDE" } ]\n}\n');
    for (const force of [[], ['--force']]) {
      const r = cli('export', '--format', 'powershell', ...force, plan, '-o', path.join(dir, 'out.ps1'));
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        `${plan}:3:5: error export-unsafe: The node name "N\\u00D6DE" contains "Ö" (U+00D6): cmd reads a batch file in the console's code page and Windows PowerShell reads a script in the ANSI code page, so the command could name something else; only ASCII is exported. Rename the node in the plan.\n` +
          `clusterplan: ${plan}: no runbook written: the plan holds what no runbook can carry safely, which --force does not override\n`,
      );
      assert.ok(!fs.existsSync(path.join(dir, 'out.ps1')));
    }
  });

  test('-o naming the plan itself, however spelled: exit 2, the plan untouched', () => {
    const dir = tempDir();
    const plan = path.join(dir, 'plan.clusterplan');
    const text = fs.readFileSync(path.join(REPO_ROOT, KB), 'utf8');
    fs.writeFileSync(plan, text);
    fs.symlinkSync(plan, path.join(dir, 'link.clusterplan'));
    for (const out of [plan, path.join(dir, '.', 'sub', '..', 'plan.clusterplan'), path.join(dir, 'link.clusterplan')]) {
      const r = cli('export', '--format', 'cmd', plan, '-o', out);
      assert.equal(r.status, 2, out);
      assert.equal(r.stderr, `clusterplan: ${out}: that is the plan itself; write the runbook to another file\n`);
      assert.equal(fs.readFileSync(plan, 'utf8'), text);
    }
  });

  const USAGE: readonly { name: string; args: string[]; message: string }[] = [
    { name: 'no --format', args: ['export', KB], message: 'export needs --format cmd, powershell or markdown (see clusterplan --help)' },
    { name: 'an unknown format', args: ['export', '--format', 'bash', KB], message: 'unknown format "bash" for export: use cmd, powershell or markdown' },
    { name: 'no plan', args: ['export', '--format', 'cmd'], message: 'export needs a plan file (see clusterplan --help)' },
    { name: 'two plans', args: ['export', '--format', 'cmd', KB, SKEW], message: 'export takes exactly one plan file' },
    { name: 'a directory of plans', args: ['export', '--format', 'cmd', 'examples'], message: 'export takes exactly one plan file' },
    { name: '--fix', args: ['export', '--format', 'cmd', '--fix', KB], message: 'export does not take --fix: run "clusterplan check --fix" first' },
    { name: 'check --force', args: ['check', '--force', KB], message: '--force and -o/--output belong to export' },
    { name: 'simulate -o', args: ['simulate', KB, '-o', 'x.txt'], message: '--force and -o/--output belong to export' },
    { name: 'check --no-pause', args: ['check', '--no-pause', KB], message: '--no-pause belongs to export' },
    { name: 'a missing plan', args: ['export', '--format', 'cmd', 'no-such.clusterplan'], message: 'no-such.clusterplan: no such file or directory' },
  ];
  for (const { name, args, message } of USAGE) {
    test(`exit 2 on ${name}`, () => {
      const r = cli(...args);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `clusterplan: ${message}\n`);
    });
  }

  test('exit 2 when OUT cannot be written', () => {
    const out = path.join(tempDir(), 'missing', 'runbook.cmd');
    const r = cli('export', '--format', 'cmd', KB, '-o', out);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, `clusterplan: ${out}: cannot write the runbook: no such directory\n`);
  });
});

test('--help shows the export usage', () => {
  const r = cli('--help');
  assert.equal(r.status, 0);
  assert.ok(r.stdout.includes('  clusterplan export --format cmd|powershell|markdown [--force] [--no-pause] [-o OUT] PLAN\n'));
  assert.ok(r.stdout.includes('      --no-pause  show each note and go on instead of waiting until it is\n                  done; an upgrade still waits for setup\n'));
});
