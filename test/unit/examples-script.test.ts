/**
 * `npm run examples` and `npm run examples:mistakes` (scripts/examples.js): the first commands a newcomer
 * runs. The clean examples end in success with an OK line each; the mistakes are reported and labelled as
 * expected. `npm test` runs `npm run build` first, so dist/cli.js exists.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(ROOT, 'scripts', 'examples.js');

function examples(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run examples', () => {
  test('says OK for each clean example plan and succeeds', () => {
    const r = examples(ROOT);
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        'OK  examples/kb811272-rc2-to-rtm.clusterplan',
        'OK  examples/win2000-to-ws2003.clusterplan',
        'OK  examples/ws2016-to-ws2019-in-place.clusterplan',
        'OK  examples/ws2019-to-ws2022-clean-install.clusterplan',
        '4 example plans checked, 4 OK.',
        'The plans that show mistakes: npm run examples:mistakes (they are reported on purpose).',
        '',
      ].join('\n'),
    );
    assert.equal(r.status, 0);
  });

  test('npm run examples:mistakes labels each mistake plan\'s findings as expected and succeeds', () => {
    const plans = fs.readdirSync(path.join(ROOT, 'examples', 'mistakes')).filter((f) => f.endsWith('.clusterplan')).sort();
    const r = examples(ROOT, '--mistakes');
    const expected = [...r.stdout.matchAll(/^ {2}expected: (\S+) shows this mistake on purpose \(exit [01]\)$/gm)].map((m) => m[1]);
    assert.deepEqual(expected, plans.map((p) => `examples/mistakes/${p}`));
    assert.match(r.stdout, /^examples\/mistakes\/node-name-typo\.clusterplan:21:53: error unknown-node: No node "NDOE1" is declared/m);
    assert.match(r.stdout, new RegExp(`\\n${plans.length} mistake plans checked, ${plans.length} reported as expected \\(\\d+ with errors, on which clusterplan check exits 1\\)\\.\\n$`));
    assert.equal(r.status, 0);
  });
});

describe('examples.js on plans that do not behave as their folder says', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterplan-examples-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.mkdirSync(path.join(dir, 'mistakes'));
  fs.copyFileSync(path.join(ROOT, 'examples', 'kb811272-rc2-to-rtm.clusterplan'), path.join(dir, 'clean.clusterplan'));
  fs.copyFileSync(path.join(ROOT, 'examples', 'mistakes', 'node-name-typo.clusterplan'), path.join(dir, 'typo.clusterplan'));
  fs.copyFileSync(path.join(ROOT, 'examples', 'win2000-to-ws2003.clusterplan'), path.join(dir, 'mistakes', 'no-mistake.clusterplan'));

  test('a plan with a finding outside mistakes/ is shown, is not OK, and fails the run', () => {
    const r = examples(dir, '.');
    assert.equal(
      r.stdout,
      [
        'OK  clean.clusterplan',
        'typo.clusterplan:21:53: error unknown-node: No node "NDOE1" is declared in "nodes"; did you mean "NODE1"?',
        '1 error, 0 warnings, 0 information in 1 file.',
        'NOT OK  typo.clusterplan: an example plan should have no problems (exit 1)',
        '2 example plans checked, 1 OK.',
        '',
      ].join('\n'),
    );
    assert.equal(r.status, 1);
  });

  test('a plan in mistakes/ without a finding fails the run', () => {
    const r = examples(dir, '--mistakes', '.');
    assert.equal(
      r.stdout,
      [
        'No problems in 1 file.',
        '  NOT OK: mistakes/no-mistake.clusterplan should show a mistake, but clusterplan reports none (exit 0)',
        '',
        '1 mistake plan checked, 0 reported as expected (0 with errors, on which clusterplan check exits 1).',
        '',
      ].join('\n'),
    );
    assert.equal(r.status, 1);
  });
});
