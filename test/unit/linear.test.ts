/**
 * Work that grows with the plan stays linear, and nothing crashes on plan-sized input (issue 16, items 4, 5,
 * 6 and 10). The tests count the work done or check the last of the output; the timings are in
 * `npm run bench` (docs/performance.md). The large plans are generated here, never committed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { formatTimeline } from '../../src/cli/simulateTable';
import { analyze, exportRunbook } from '../../src/core';
import { MAX_COMPARED, Suggestions } from '../../src/core/closest';
import { plan, REPO_ROOT, step } from './helpers/plans';

/** A plan with `aliases` aliases of its own (all 13 characters long) and `references` upgrades to `to(i)`. */
function aliasPlan(aliases: number, references: number, to: (i: number) => string): string {
  const versions: Record<string, { highest: string; lowest: string }> = {};
  for (let i = 0; i < aliases; i++) versions[`build-${String(i).padStart(4, '0')}-sp`] = { highest: `4.${3791 + i}`, lowest: '3.2195' };
  const steps = Array.from({ length: references }, (_, i) => step.upgrade('NODE1', to(i)));
  return plan({ NODE1: { version: 'ws2003-rtm', state: 'stopped' } }, steps, { top: { versions } });
}

describe('"did you mean" does linear work', () => {
  test('5,000 aliases and 2,000 misspelt references: at most MAX_COMPARED comparisons a misspelling, and no guess', () => {
    const analysis = analyze(aliasPlan(5000, 2000, (i) => `bulid-${String(i).padStart(4, '0')}-sp`));
    const unknown = analysis.findings.filter((f) => f.code === 'unknown-version-alias');
    assert.equal(unknown.length, 2000);
    assert.equal(unknown[1999]!.pointer, '/steps/1999/to');
    // 5,000 names of the same length: no sure answer within the bound, so no suggestion rather than a guess.
    assert.equal(unknown[1999]!.message, 'Unknown version alias: "bulid-1999-sp" is not in the catalog or the plan\'s "versions".');
    const compared = analysis.plan!.catalog.suggestions.compared;
    assert.ok(compared <= 2000 * MAX_COMPARED, `${compared} comparisons for 2,000 misspellings of 5,000 aliases`);
  });

  test('a misspelling repeated at every step is worked out once', () => {
    const analysis = analyze(aliasPlan(5000, 2000, (i) => (i % 2 === 0 ? 'ws2003-rmt' : 'bulid-0001-sp')));
    assert.equal(analysis.findings.filter((f) => f.code === 'unknown-version-alias').length, 2000);
    assert.ok(analysis.plan!.catalog.suggestions.compared <= 2 * MAX_COMPARED);
  });

  test('among 5,000 aliases of another length, ws2003-rmt still suggests ws2003-rtm', () => {
    const analysis = analyze(aliasPlan(5000, 1, () => 'ws2003-rmt'));
    const [finding] = analysis.findings.filter((f) => f.code === 'unknown-version-alias');
    assert.equal(finding!.message, 'Unknown version alias: "ws2003-rmt" is not in the catalog or the plan\'s "versions"; did you mean "ws2003-rtm"?');
    // Only the three aliases of 10 characters are compared: every other length is more than one edit away.
    assert.equal(analysis.plan!.catalog.suggestions.compared, 3);
  });

  test('the nearest of MAX_COMPARED names, and no suggestion when more of them are as near in length', () => {
    const names = (count: number) => Array.from({ length: count }, (_, i) => `NODE${String(i).padStart(3, '0')}`);
    assert.equal(new Suggestions(names(MAX_COMPARED)).closest('NOED042'), 'NODE042');
    assert.equal(new Suggestions(names(MAX_COMPARED + 50)).closest('NOED042'), undefined);
    // A name that differs only in case needs no comparison at all.
    const many = new Suggestions(names(5000));
    assert.equal(many.closest('node4321'), 'NODE4321');
    assert.equal(many.compared, 0);
  });
});

describe('no rule crashes on a long name', () => {
  test('nodes of 300,000 characters, declared or named by a step, get schema and unknown-node, never an internal error', () => {
    const declared = 'N'.repeat(300_000);
    const named = 'M'.repeat(300_000);
    const findings = analyze(plan({ [declared]: { version: 'ws2003-rtm' } }, [step.stop('NODE1'), step.stop(named)])).findings;
    assert.deepEqual(
      findings.map((f) => [f.code, f.pointer]),
      [
        ['schema', `/nodes/${declared}`],
        ['unknown-node', '/steps/0/node'],
        ['unknown-node', '/steps/1/node'],
      ],
    );
    assert.equal(findings[1]!.message, `No node "NODE1" is declared in "nodes"; did you mean "${declared}"?`);
  });
});

describe('simulate on a long plan', () => {
  test('150,000 steps: the table ends with the last step and the end row', () => {
    const steps = Array.from({ length: 150_000 }, (_, i) => step.restart(i % 2 === 0 ? 'NODE1' : 'NODE2'));
    const table = formatTimeline(analyze(plan({ NODE1: { version: 'ws2003-rtm' }, NODE2: { version: 'ws2003-rtm' } }, steps)));
    const lines = table.split('\n');
    assert.equal(lines.length, 150_004);
    assert.deepEqual(lines.slice(-3), [
      '150000  restart    NODE2  NODE1,NODE2   0x00040ECE (4.3790)    0x00030893 (3.2195)',
      'end                       NODE1,NODE2   0x00040ECE (4.3790)    0x00030893 (3.2195)',
      '',
    ]);
  });
});

describe('simulate with a finding on every step', () => {
  test('each finding\'s pointer is read a few times, not once for every step', () => {
    // Every step stops a node that is not running: a not-running warning on each of 3,000 steps.
    const steps = Array.from({ length: 3_000 }, () => step.stop('NODE2'));
    const analysis = analyze(plan({ NODE1: { version: 'ws2003-rtm' }, NODE2: { version: 'ws2003-rtm', state: 'stopped' } }, steps));
    assert.equal(analysis.findings.filter((f) => f.code === 'not-running').length, 3_000);
    let reads = 0;
    const counted = analysis.findings.map((f) => new Proxy(f, { get: (target, key) => ((key === 'pointer' && reads++), Reflect.get(target, key)) }));
    const table = formatTimeline({ ...analysis, findings: counted });
    assert.match(table.split('\n')[3001]!, /^3000 +stop +NODE2 .* not-running$/);
    // The table used to scan every finding for every step: 9 million reads here.
    assert.ok(reads <= 5 * counted.length, `${reads} reads of a pointer for ${counted.length} findings`);
  });
});

describe('export of a long plan', () => {
  /** `count` starts of NODE1, which already runs: each step has a warning and, with `extra`, a schema error. */
  function startsPlan(count: number, extra: boolean): string {
    const start = extra ? { action: 'start', node: 'NODE1', x: 1 } : step.start('NODE1');
    return plan({ NODE1: { version: 'ws2003-rtm' }, NODE2: { version: 'ws2003-rtm' } }, Array.from({ length: count }, () => start));
  }

  test('100,000 steps with 200,000 findings export whole, every finding in the header', () => {
    const result = exportRunbook(analyze(startsPlan(100_000, true)), 'cmd', { force: true });
    assert.ok(result.ok);
    const lines = result.text.split('\r\n');
    assert.equal(lines.filter((l) => l.startsWith('rem   warning already-running (step ')).length, 100_000);
    assert.equal(lines.filter((l) => l.startsWith('rem   error schema (step ')).length, 100_000);
    assert.deepEqual(lines.slice(-12, -9), [
      'echo     expected now: active NODE1, NODE2; ClusterHighestVersion 0x00040ECE (4.3790), ClusterLowestVersion 0x00030893 (3.2195)',
      '',
      'echo All 100000 steps are done.',
    ]);
  });

  test('more than 100,000 steps: refused at once, even with --force', () => {
    const result = exportRunbook(analyze(startsPlan(100_001, false)), 'powershell', { force: true });
    assert.deepEqual(result, {
      ok: false,
      problems: [{ kind: 'too-large', message: 'The plan has 100,001 steps, more than the 100,000 a runbook holds: export the plan in parts.', pointer: '/steps' }],
    });
  });

  const TOO_LARGE = {
    kind: 'too-large',
    message:
      'The runbook would be longer than 134,217,728 characters (128 MiB), the most export writes: export the plan in parts, or shorten the names it repeats at every step.',
    pointer: '/steps',
  };

  test('node names of a million characters, repeated in the state after every step: refused', () => {
    const nodes = { ['A'.repeat(1_000_000)]: { version: 'ws2003-rtm' }, ['B'.repeat(1_000_000)]: { version: 'ws2003-rtm' }, NODE1: { version: 'ws2003-rtm' } };
    const result = exportRunbook(analyze(plan(nodes, Array.from({ length: 100 }, () => step.restart('NODE1')))), 'cmd', { force: true });
    assert.deepEqual(result, { ok: false, problems: [TOO_LARGE] });
  });

  test('a cluster name of a million characters in 150 cluster.exe commands: refused', () => {
    const text = plan({ NODE1: { version: 'ws2003-rtm' } }, Array.from({ length: 150 }, () => step.grant()), { top: { cluster: 'C'.repeat(1_000_000) } });
    for (const format of ['cmd', 'powershell', 'markdown'] as const) {
      assert.deepEqual(exportRunbook(analyze(text), format, { force: true }), { ok: false, problems: [TOO_LARGE] }, format);
    }
  });

  test('the CLI says export-too-large where the steps begin, and that --force does not override it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterplan-linear-'));
    try {
      const file = path.join(dir, 'long-cluster.clusterplan');
      fs.writeFileSync(file, plan({ NODE1: { version: 'ws2003-rtm' } }, Array.from({ length: 150 }, () => step.grant()), { top: { cluster: 'C'.repeat(1_000_000) } }));
      const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'export', '--format', 'cmd', '--force', file], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(r.status, 1);
      assert.equal(r.stdout, '');
      assert.deepEqual(r.stderr.split('\n').slice(-3), [
        `${file}:6:3: error export-too-large: ${TOO_LARGE.message}`,
        `clusterplan: ${file}: no runbook written: the runbook would be too long, which --force does not override`,
        '',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('registry data with 150,000 backticks gets a fence of three in the Markdown runbook', () => {
    const data = '`a'.repeat(150_000);
    const result = exportRunbook(analyze(plan({ NODE1: { version: 'ws2003-rtm' } }, [step.setNvc('NODE1', { type: 'REG_SZ', data })])), 'markdown', { force: true });
    assert.ok(result.ok);
    const lines = result.text.split('\n');
    const command = lines.findIndex((l) => l.startsWith('reg add '));
    assert.deepEqual(lines.slice(command - 1, command + 2), [
      '```bat',
      `reg add "\\\\NODE1\\HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters" /v NoVersionCheck /t REG_SZ /d ${data} /f`,
      '```',
    ]);
  });
});
