/**
 * The built CLI (dist/cli.js), run as an administrator or a CI job would: a child process, its exit code,
 * stdout and stderr. `npm test` runs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parse as parseJsonc } from 'jsonc-parser';
import { RULES } from '../../src/core';
import { CLI, cliScratch, runCli, type Run } from './helpers/cli';
import { REPO_ROOT } from './helpers/plans';

const ROOT = REPO_ROOT;
const KB = 'examples/kb811272-rc2-to-rtm.clusterplan';
const WIN2000 = 'examples/win2000-to-ws2003.clusterplan';
const IN_PLACE = 'examples/ws2016-to-ws2019-in-place.clusterplan';
const CLEAN_INSTALL = 'examples/ws2019-to-ws2022-clean-install.clusterplan';
const MISTAKES = 'examples/mistakes';

/** Runs the CLI from the repository root, so the paths it prints are the relative paths given here. */
const cli = (...args: string[]): Run => runCli(ROOT, args);

interface JsonPosition {
  line: number;
  character: number;
}
interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  pointer: string;
  range: { start: JsonPosition; end: JsonPosition };
}
interface JsonReport {
  version: number;
  files: { path: string; diagnostics: JsonDiagnostic[] }[];
}

function checkJson(...paths: string[]): { run: Run; report: JsonReport } {
  const run = cli('check', '--format', 'json', ...paths);
  return { run, report: JSON.parse(run.stdout) as JsonReport };
}

function keys(value: object): string[] {
  return Object.keys(value).sort();
}

const tempDir = cliScratch('clusterplan-cli-');

describe('check on the examples', () => {
  test('the KB 811272 example is clean: exit 0 and the summary line', () => {
    const r = cli('check', KB);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /(^|\n)No problems in 1 file\.\n$/);
    assert.equal(r.stdout, 'No problems in 1 file.\n');
  });

  test('the Windows 2000 to Windows Server 2003 example passes every join without NoVersionCheck', () => {
    const r = cli('check', WIN2000);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'No problems in 1 file.\n');
    const plan = parseJsonc(fs.readFileSync(path.join(ROOT, WIN2000), 'utf8')) as { steps: { action: string }[] };
    assert.ok(!plan.steps.some((s) => s.action === 'set-registry'), 'a supported rolling upgrade needs no NoVersionCheck');
  });

  // Cluster OS Rolling Upgrade (docs/simulation.md, "The functional level"): each node drained before it
  // leaves, every node back and resumed, then the level raised once.
  for (const [plan, perNode] of [
    [IN_PLACE, ['drain', 'stop', 'upgrade', 'start', 'resume']],
    [CLEAN_INSTALL, ['drain', 'evict', 'upgrade', 'add']],
  ] as const) {
    test(`${plan} is clean: ${perNode.join(', ')} per node, then update-functional-level`, () => {
      const r = cli('check', plan);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, 'No problems in 1 file.\n');
      assert.equal(r.status, 0);
      const steps = (parseJsonc(fs.readFileSync(path.join(ROOT, plan), 'utf8')) as { steps: { action: string }[] }).steps.map((s) => s.action).filter((a) => a !== 'note');
      assert.deepEqual(steps, [...perNode, ...perNode, ...perNode, 'update-functional-level']);
    });
  }

  // One plan per kind of administrator mistake: the code that catches it, the exit code, and any finding
  // the mistake causes further down the plan.
  const EXPECTED: readonly { file: string; code: string; exit: 0 | 1; alsoAllowed?: readonly string[] }[] = [
    { file: 'forgot-sponsor-noversioncheck', code: 'join-incompatible', exit: 1, alsoAllowed: ['not-running'] },
    { file: 'forgot-joiner-noversioncheck', code: 'join-incompatible', exit: 1 },
    { file: 'noversioncheck-set-while-running', code: 'registry-while-running', exit: 0 },
    { file: 'noversioncheck-wrong-type', code: 'noversioncheck-value', exit: 0 },
    { file: 'left-noversioncheck-behind', code: 'noversioncheck-leftover', exit: 0 },
    { file: 'deleted-noversioncheck-without-restart', code: 'noversioncheck-still-effective', exit: 0 },
    { file: 'forgot-security-descriptor', code: 'security-descriptor', exit: 0 },
    { file: 'nt4-straight-to-ws2003', code: 'major-skew', exit: 1 },
    { file: 'stopped-last-node', code: 'cluster-offline', exit: 0 },
    { file: 'node-name-typo', code: 'unknown-node', exit: 1 },
    { file: 'version-as-json-number', code: 'invalid-version', exit: 1 },
    { file: 'version-alias-typo', code: 'unknown-version-alias', exit: 1 },
    { file: 'lowest-above-highest', code: 'lowest-above-highest', exit: 1 },
    { file: 'join-with-no-cluster', code: 'join-no-cluster', exit: 1 },
    { file: 'ends-mixed', code: 'mixed-at-end', exit: 0 },
    { file: 'added-old-node-after-level-raised', code: 'join-incompatible', exit: 1 },
    { file: 'raised-level-before-last-node', code: 'functional-level-update-refused', exit: 1 },
    { file: 'raised-level-before-upgrading', code: 'functional-level-update-noop', exit: 0 },
    { file: 'forgot-functional-level', code: 'functional-level-not-raised', exit: 0 },
    { file: 'forgot-resume-after-reboot', code: 'paused-at-end', exit: 0 },
    { file: 'upgraded-two-releases', code: 'upgrade-skips-release', exit: 1 },
    { file: 'started-evicted-node', code: 'not-a-member', exit: 1 },
    { file: 'added-upgraded-member', code: 'already-member', exit: 0 },
    { file: 'upgraded-without-drain', code: 'not-drained', exit: 0 },
  ];

  test('the table covers every plan in examples/mistakes', () => {
    const onDisk = fs
      .readdirSync(path.join(ROOT, MISTAKES))
      .filter((f) => f.endsWith('.clusterplan'))
      .map((f) => f.slice(0, -'.clusterplan'.length))
      .sort();
    assert.deepEqual(onDisk, EXPECTED.map((e) => e.file).sort());
  });

  for (const { file, code, exit, alsoAllowed = [] } of EXPECTED) {
    test(`mistakes/${file}.clusterplan: ${code}, exit ${exit}`, () => {
      const plan = `${MISTAKES}/${file}.clusterplan`;
      const { run, report } = checkJson(plan);
      assert.equal(run.status, exit, run.stdout);
      assert.equal(report.files.length, 1);
      assert.equal(report.files[0]!.path, plan);
      const diagnostics = report.files[0]!.diagnostics;
      const codes = diagnostics.map((d) => d.code);
      assert.ok(codes.includes(code), `expected ${code}, got ${codes.join(', ')}`);
      // Mainly that finding: anything else is a documented consequence of the same mistake.
      assert.deepEqual(codes.filter((c) => c !== code && !alsoAllowed.includes(c)), []);
      assert.equal(diagnostics.some((d) => d.severity === 'error'), exit === 1);
      // The header comment names the rule that catches the mistake.
      assert.match(fs.readFileSync(path.join(ROOT, plan), 'utf8'), new RegExp(`^// MISTAKE: .*Caught by: ${code}\\n`));
      // And the same verdict from simulate.
      const sim = cli('simulate', plan);
      assert.equal(sim.status, exit);
      assert.match(sim.stdout, new RegExp(`\\b${code}\\b`));
    });
  }
});

describe('text format', () => {
  const LINE = /^(.+):(\d+):(\d+): (error|warning|information|hint) ([a-z][a-z-]*): (.+)$/;

  test('every finding is path:line:col: severity code: message, 1-based, matching the JSON ranges', () => {
    const text = cli('check', 'examples');
    const { report } = checkJson('examples');
    const lines = text.stdout.trimEnd().split('\n');
    const summary = lines.pop()!;
    assert.match(summary, /^\d+ errors?, \d+ warnings?, \d+ information in \d+ files?\.$/);
    const expected = report.files.flatMap((f) => f.diagnostics.map((d) => ({ path: f.path, d })));
    assert.equal(lines.length, expected.length);
    assert.ok(lines.length > 0);
    lines.forEach((line, i) => {
      const m = LINE.exec(line);
      assert.ok(m, `not path:line:col: severity code: message: ${line}`);
      const { path: file, d } = expected[i]!;
      assert.equal(m[1], file);
      assert.equal(Number(m[2]), d.range.start.line + 1);
      assert.equal(Number(m[3]), d.range.start.character + 1);
      assert.ok(Number(m[2]) >= 1 && Number(m[3]) >= 1);
      assert.equal(m[4], d.severity);
      assert.equal(m[5], d.code);
      assert.equal(m[6], d.message);
    });
  });

  test('the unknown sponsor "NDOE1" is reported at the position of its value', () => {
    const plan = `${MISTAKES}/node-name-typo.clusterplan`;
    const source = fs.readFileSync(path.join(ROOT, plan), 'utf8');
    const offset = source.indexOf('"sponsor": "NDOE1"') + '"sponsor": '.length;
    const preceding = source.slice(0, offset);
    const line = preceding.split('\n').length;
    const col = offset - preceding.lastIndexOf('\n');
    const r = cli('check', plan);
    assert.equal(r.status, 1);
    const first = r.stdout.split('\n')[0]!;
    assert.ok(first.startsWith(`${plan}:${line}:${col}: error unknown-node: `), first);
    assert.match(first, /"NDOE1"/);
    assert.match(first, /did you mean "NODE1"/);
  });
});

describe('json format', () => {
  test('exactly {"version":1,"files":[{"path","diagnostics":[{code,severity,message,pointer,range}]}]}', () => {
    const { run, report } = checkJson(KB, `${MISTAKES}/node-name-typo.clusterplan`, `${MISTAKES}/ends-mixed.clusterplan`);
    assert.equal(run.status, 1);
    assert.deepEqual(keys(report), ['files', 'version']);
    assert.equal(report.version, 1);
    assert.deepEqual(
      report.files.map((f) => f.path),
      [KB, `${MISTAKES}/node-name-typo.clusterplan`, `${MISTAKES}/ends-mixed.clusterplan`],
    );
    assert.deepEqual(report.files[0]!.diagnostics, []);
    for (const file of report.files) {
      assert.deepEqual(keys(file), ['diagnostics', 'path']);
      for (const d of file.diagnostics) {
        assert.deepEqual(keys(d), ['code', 'message', 'pointer', 'range', 'severity']);
        assert.deepEqual(keys(d.range), ['end', 'start']);
        for (const p of [d.range.start, d.range.end]) {
          assert.deepEqual(keys(p), ['character', 'line']);
          assert.ok(Number.isInteger(p.line) && p.line >= 0);
          assert.ok(Number.isInteger(p.character) && p.character >= 0);
        }
        assert.match(d.pointer, /^(\/[^/]*)*$/);
      }
    }
  });

  test('ranges are 0-based: the unknown sponsor covers "NDOE1" with its quotes', () => {
    const plan = `${MISTAKES}/node-name-typo.clusterplan`;
    const source = fs.readFileSync(path.join(ROOT, plan), 'utf8');
    const lines = source.split('\n');
    // The header comment names "NDOE1" too: look for it as the sponsor's value.
    const line = lines.findIndex((l) => l.includes('"sponsor": "NDOE1"'));
    const character = lines[line]!.indexOf('"NDOE1"');
    const { report } = checkJson(plan);
    assert.deepEqual(report.files[0]!.diagnostics, [
      {
        code: 'unknown-node',
        severity: 'error',
        message: report.files[0]!.diagnostics[0]!.message,
        pointer: '/steps/5/sponsor',
        range: { start: { line, character }, end: { line, character: character + '"NDOE1"'.length } },
      },
    ]);
  });
});

describe('sarif format', () => {
  interface SarifRegion {
    startLine: number;
    startColumn: number;
    endLine: number;
    endColumn: number;
  }
  interface SarifResult {
    ruleId: string;
    level: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string }; region: SarifRegion } }[];
  }
  interface Sarif {
    version: string;
    runs: { tool: { driver: { name: string; rules: { id: string; helpUri?: string; help: { text: string; markdown: string } }[] } }; results: SarifResult[] }[];
  }

  test('SARIF 2.1.0: every rule in the driver, 1-based regions, error/warning/note levels', () => {
    const run = cli('check', '--format', 'sarif', 'examples');
    assert.equal(run.status, 1);
    const sarif = JSON.parse(run.stdout) as Sarif;
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs.length, 1);
    const { driver } = sarif.runs[0]!.tool;
    assert.equal(driver.name, 'clusterplan');
    assert.deepEqual(
      driver.rules.map((r) => r.id),
      RULES.map((r) => r.code),
    );
    // A local path means nothing once the SARIF file is uploaded: the page's text travels with it instead,
    // its links to other pages reduced to their words.
    const RELATIVE_LINK = /\]\((?![a-z][a-z0-9+.-]*:|#)[^)]*\)/i;
    for (const rule of driver.rules) {
      assert.equal(rule.helpUri, undefined, rule.id);
      const page = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8');
      assert.equal(rule.help.markdown.split('\n')[0], `# ${rule.id}`, rule.id);
      assert.doesNotMatch(rule.help.markdown, RELATIVE_LINK, rule.id);
      if (!RELATIVE_LINK.test(page)) assert.equal(rule.help.markdown, page, rule.id);
      assert.equal(rule.help.text, RULES.find((r) => r.code === rule.id)!.explanation);
    }
    const help = (code: string) => driver.rules.find((r) => r.id === code)!.help.markdown;
    assert.match(help('noversioncheck-value'), /also gets the consequence, a `join-incompatible` error at step 2/);
    assert.match(help('join-incompatible'), /the simulation\. When a node starts/);

    const { report } = checkJson('examples');
    const diagnostics = report.files.flatMap((f) => f.diagnostics.map((d) => ({ path: f.path, d })));
    const results = sarif.runs[0]!.results;
    assert.equal(results.length, diagnostics.length);
    const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note' };
    const severities = new Set<string>();
    results.forEach((result, i) => {
      const { path: file, d } = diagnostics[i]!;
      severities.add(d.severity);
      assert.equal(result.ruleId, d.code);
      assert.equal(result.level, LEVEL[d.severity]);
      assert.equal(result.message.text, d.message);
      const location = result.locations[0]!.physicalLocation;
      assert.equal(location.artifactLocation.uri, file);
      assert.deepEqual(location.region, {
        startLine: d.range.start.line + 1,
        startColumn: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
      });
    });
    // The examples exercise all three levels.
    assert.deepEqual([...severities].sort(), ['error', 'information', 'warning']);
  });

  test('an installation without the rule pages gives each rule its title and explanation as help', () => {
    // dist/cli.js beside a package.json, as an npm install without docs/ would have it.
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.copyFileSync(CLI, path.join(dir, 'dist', 'cli.js'));
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    const run = spawnSync(process.execPath, [path.join(dir, 'dist', 'cli.js'), 'check', '--format', 'sarif', path.join(ROOT, KB)], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    const rules = (JSON.parse(run.stdout) as Sarif).runs[0]!.tool.driver.rules;
    assert.deepEqual(
      rules.map((r) => r.help.markdown),
      RULES.map((r) => `# ${r.code}\n\n${r.title}\n\n${r.explanation}\n`),
    );
  });

  test('--help-base-uri gives each rule a helpUri: the page of that name in the folder given', () => {
    const run = cli('check', '--format', 'sarif', '--help-base-uri', 'https://intranet.example/clusterplan/rules/', KB);
    assert.equal(run.status, 0);
    const rules = (JSON.parse(run.stdout) as Sarif).runs[0]!.tool.driver.rules;
    assert.deepEqual(
      rules.map((r) => r.helpUri),
      RULES.map((r) => `https://intranet.example/clusterplan/rules/${r.code}.md`),
    );
    // The pages' links to each other and to the docs beside them point into the published copy.
    const help = (code: string) => rules.find((r) => r.id === code)!.help.markdown;
    assert.match(help('noversioncheck-value'), /a \[`join-incompatible`\]\(https:\/\/intranet\.example\/clusterplan\/rules\/join-incompatible\.md\) error/);
    assert.match(help('schema'), /\[`\.clusterplan` format\]\(https:\/\/intranet\.example\/clusterplan\/format\.md\)/);
  });
});

describe('exit codes', () => {
  test('0 without errors, 1 with an error', () => {
    assert.equal(cli('check', KB).status, 0);
    assert.equal(cli('check', `${MISTAKES}/left-noversioncheck-behind.clusterplan`).status, 0);
    assert.equal(cli('check', `${MISTAKES}/nt4-straight-to-ws2003.clusterplan`).status, 1);
    assert.equal(cli('check', KB, `${MISTAKES}/nt4-straight-to-ws2003.clusterplan`).status, 1);
  });

  const USAGE: readonly { name: string; args: string[]; mentions: RegExp }[] = [
    { name: 'no command', args: [], mentions: /command/ },
    { name: 'unknown command', args: ['lint', KB], mentions: /lint/ },
    { name: 'unknown option', args: ['check', '--frobnicate', KB], mentions: /frobnicate/ },
    { name: 'unknown format', args: ['check', '--format', 'xml', KB], mentions: /xml/ },
    { name: 'missing file', args: ['check', 'examples/no-such-plan.clusterplan'], mentions: /no-such-plan\.clusterplan/ },
    { name: 'missing path', args: ['check'], mentions: /check/ },
    { name: 'simulate on two files', args: ['simulate', KB, WIN2000], mentions: /simulate/ },
    { name: '--help-base-uri without sarif', args: ['check', '--help-base-uri', 'https://x.example/rules', KB], mentions: /--help-base-uri belongs to check --format sarif/ },
    { name: '--help-base-uri not a URI', args: ['check', '--format', 'sarif', '--help-base-uri', 'docs/rules', KB], mentions: /absolute URI/ },
    { name: '--help-base-uri with simulate', args: ['simulate', '--help-base-uri', 'https://x.example/rules', KB], mentions: /--help-base-uri/ },
  ];
  for (const { name, args, mentions } of USAGE) {
    test(`2 on a usage or file problem: ${name}`, () => {
      const r = cli(...args);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.endsWith('\n'));
      const lines = r.stderr.slice(0, -1).split('\n');
      assert.equal(lines.length, 1, `one line expected:\n${r.stderr}`);
      assert.ok(lines[0]!.startsWith('clusterplan:'), lines[0]);
      assert.match(lines[0]!, mentions);
      assert.doesNotMatch(r.stderr, /^ {4}at /m);
    });
  }
});

describe('a directory argument', () => {
  test('checks every *.clusterplan below it, recursively, and nothing else', () => {
    const dir = tempDir();
    const kb = fs.readFileSync(path.join(ROOT, KB), 'utf8');
    const skew = fs.readFileSync(path.join(ROOT, MISTAKES, 'nt4-straight-to-ws2003.clusterplan'), 'utf8');
    fs.mkdirSync(path.join(dir, 'site-a', 'window-2'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'site-b'));
    fs.writeFileSync(path.join(dir, 'top.clusterplan'), kb);
    fs.writeFileSync(path.join(dir, 'site-a', 'one.clusterplan'), kb);
    fs.writeFileSync(path.join(dir, 'site-a', 'window-2', 'deep.clusterplan'), skew);
    fs.writeFileSync(path.join(dir, 'site-b', 'two.clusterplan'), kb);
    fs.writeFileSync(path.join(dir, 'site-b', 'notes.txt'), 'not a plan');
    fs.writeFileSync(path.join(dir, 'site-b', 'two.clusterplan.bak'), '{ not even json');

    const { run, report } = checkJson(dir);
    assert.equal(run.status, 1);
    const checked = report.files.map((f) => path.relative(dir, f.path).split(path.sep).join('/')).sort();
    assert.deepEqual(checked, ['site-a/one.clusterplan', 'site-a/window-2/deep.clusterplan', 'site-b/two.clusterplan', 'top.clusterplan']);
    const deep = report.files.find((f) => f.path.endsWith('deep.clusterplan'))!;
    assert.deepEqual(
      deep.diagnostics.map((d) => d.code),
      ['major-skew'],
    );

    const text = cli('check', dir);
    assert.match(text.stdout, /1 error, 0 warnings, 0 information in 4 files\.\n$/);
  });

  test('a directory without plans is a usage problem', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'readme.txt'), 'nothing here');
    const r = cli('check', dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^clusterplan: .*\n$/);
  });
});

describe('--fix', () => {
  test('appends the delete-registry and restart steps for NoVersionCheck left behind', () => {
    const dir = tempDir();
    const file = path.join(dir, 'left-noversioncheck-behind.clusterplan');
    fs.copyFileSync(path.join(ROOT, MISTAKES, 'left-noversioncheck-behind.clusterplan'), file);

    const r = cli('check', '--fix', file);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'No problems in 1 file.\n');
    assert.match(r.stderr, new RegExp(`^${escapeRegExp(file)}: applied 2 fix`));
    assert.match(r.stderr, /^ {2}noversioncheck-leftover: Delete NoVersionCheck on NODE1 and restart its Cluster service$/m);
    assert.match(r.stderr, /^ {2}noversioncheck-leftover: Delete NoVersionCheck on NODE2 and restart its Cluster service$/m);
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      `// MISTAKE: NoVersionCheck left in the registry at the end.           Caught by: noversioncheck-leftover
//
// KB 811272 step 5: once every node runs RTM, delete NoVersionCheck on every node and restart the
// Cluster service. This plan stops after the last join, so both nodes keep the version check switched
// off for good: at any later start, a node of any other version may join the cluster.
{
  "cluster": "PRODCLUS",
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE2": { "version": "ws2003-rc2" },
  },
  "steps": [
    // 1. Sponsor NODE1: stop, set NoVersionCheck, start.
    { "action": "stop", "node": "NODE1" },
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "start", "node": "NODE1" },

    // 2. Upgrade NODE2, set NoVersionCheck on it, join.
    { "action": "upgrade", "node": "NODE2", "to": "ws2003-rtm" },
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "join", "node": "NODE2", "sponsor": "NODE1" },

    // 3. Upgrade NODE1 (NoVersionCheck still set from step 1) and join.
    { "action": "upgrade", "node": "NODE1", "to": "ws2003-rtm" },
    { "action": "join", "node": "NODE1", "sponsor": "NODE2" },

    // 4. Fix the security descriptor. WRONG: the plan ends here, and NoVersionCheck is never deleted
    //    on NODE1 and NODE2 (delete-registry, then restart each service).
    { "action": "cluster-security", "grant": "NETWORKSERVICE", "rights": "full" },
    { "action": "cluster-security", "revoke": "SERVICE" },
    { "action": "delete-registry", "node": "NODE1", "name": "NoVersionCheck" },
    { "action": "restart", "node": "NODE1" },
    { "action": "delete-registry", "node": "NODE2", "name": "NoVersionCheck" },
    { "action": "restart", "node": "NODE2" },
  ],
}
`,
    );

    const again = checkJson(file);
    assert.equal(again.run.status, 0);
    assert.deepEqual(again.report.files[0]!.diagnostics, []);
    const second = cli('check', '--fix', file);
    assert.equal(second.stderr, '', 'nothing left to fix');
  });

  test('appends the two cluster-security steps the security descriptor needs', () => {
    const dir = tempDir();
    const file = path.join(dir, 'forgot-security-descriptor.clusterplan');
    const original = fs.readFileSync(path.join(ROOT, MISTAKES, 'forgot-security-descriptor.clusterplan'), 'utf8');
    fs.writeFileSync(file, original);

    const r = cli('check', '--fix', file);
    assert.equal(r.status, 0);
    assert.equal(
      r.stderr,
      `${file}: applied 1 fix:\n  security-descriptor: Fix the cluster security descriptor (KB 811272): grant NETWORKSERVICE, revoke SERVICE\n`,
    );
    const last = `    { "action": "restart", "node": "NODE2" },\n`;
    assert.ok(original.endsWith(`${last}  ],\n}\n`));
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      original.slice(0, -'  ],\n}\n'.length) +
        `    { "action": "cluster-security", "grant": "NETWORKSERVICE", "rights": "full" },
    { "action": "cluster-security", "revoke": "SERVICE" },
  ],
}
`,
    );
    const again = checkJson(file);
    assert.equal(again.run.status, 0);
    assert.ok(!again.report.files[0]!.diagnostics.some((d) => d.code === 'security-descriptor'));
  });

  test('--fix with --format json keeps stdout parseable and reports the fixes on stderr', () => {
    const dir = tempDir();
    const file = path.join(dir, 'deleted-noversioncheck-without-restart.clusterplan');
    fs.copyFileSync(path.join(ROOT, MISTAKES, 'deleted-noversioncheck-without-restart.clusterplan'), file);
    const r = cli('check', '--fix', '--format', 'json', file);
    assert.equal(r.status, 0);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.files[0]!.diagnostics, []);
    assert.match(r.stderr, /noversioncheck-still-effective: Restart the Cluster service on NODE1/);
    assert.match(fs.readFileSync(file, 'utf8'), /\{ "action": "restart", "node": "NODE1" \},\n {4}\{ "action": "restart", "node": "NODE2" \},\n {2}\],\n\}\n$/);
  });

  for (const name of ['ends-mixed', 'stopped-last-node', 'nt4-straight-to-ws2003']) {
    test(`leaves ${name}.clusterplan byte-identical: its only finding has no safe fix`, () => {
      const dir = tempDir();
      const file = path.join(dir, `${name}.clusterplan`);
      fs.copyFileSync(path.join(ROOT, MISTAKES, `${name}.clusterplan`), file);
      const original = fs.readFileSync(file);
      const r = cli('check', '--fix', file);
      assert.equal(r.stderr, '');
      assert.ok(fs.readFileSync(file).equals(original), 'the file changed');
      assert.equal(r.status, name === 'nt4-straight-to-ws2003' ? 1 : 0);
    });
  }
});

describe('simulate', () => {
  test('prints the header, the initial row, one row per step and the end row', () => {
    const r = cli('simulate', KB);
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
    const plan = parseJsonc(fs.readFileSync(path.join(ROOT, KB), 'utf8')) as { steps: { action: string; node?: string }[] };
    const lines = r.stdout.trimEnd().split('\n');
    const [header, initial, ...stepsAndEnd] = lines;
    const rows = stepsAndEnd.slice(0, -1);
    assert.match(stepsAndEnd[stepsAndEnd.length - 1]!, /^end\s+NODE1,NODE2\s+0x00040ECE \(4\.3790\)/);
    assert.match(header!, /ClusterHighestVersion/);
    assert.match(header!, /ClusterLowestVersion/);
    assert.match(initial!, /^0\s+\(initial\)/);
    assert.equal(rows.length, plan.steps.length);
    rows.forEach((row, i) => assert.match(row, new RegExp(`^${i + 1}\\s+${plan.steps[i]!.action}\\b`)));

    const join = plan.steps.findIndex((s) => s.action === 'join' && s.node === 'NODE2');
    assert.ok(join >= 0);
    const afterJoin = rows[join]!;
    assert.match(afterJoin, /\bNODE2\b/);
    assert.ok(afterJoin.includes('0x00040E86 (4.3718)'), afterJoin);
    assert.match(afterJoin, /\bmixed\b/);
    // Before the join the cluster was not mixed yet.
    assert.doesNotMatch(rows[join - 1]!, /\bmixed\b/);
  });

  test('marks a refused join and lists the findings after the table', () => {
    const plan = `${MISTAKES}/forgot-joiner-noversioncheck.clusterplan`;
    const r = cli('simulate', plan);
    assert.equal(r.status, 1);
    const [table, findings] = r.stdout.split('\n\n');
    assert.match(table!, /join \(refused\)\s+NODE2\b.*join-incompatible/);
    assert.match(findings!, new RegExp(`^${escapeRegExp(plan)}:\\d+:\\d+: error join-incompatible: `));
  });
});

describe('--help and --version', () => {
  test('--help exits 0 and describes check and simulate', () => {
    for (const flag of ['--help', '-h']) {
      const r = cli(flag);
      assert.equal(r.status, 0);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /\bcheck\b/);
      assert.match(r.stdout, /\bsimulate\b/);
      assert.match(r.stdout, /--format/);
      assert.match(r.stdout, /--fix/);
    }
  });

  test('--version prints the package.json version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = cli('--version');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${version}\n`);
  });
});

// Regressions of defects found while writing these tests.
describe('message details', () => {
  test('a transposed alias "ws2003-rmt" suggests "ws2003-rtm"', () => {
    const { report } = checkJson(`${MISTAKES}/version-alias-typo.clusterplan`);
    assert.match(report.files[0]!.diagnostics[0]!.message, /did you mean "ws2003-rtm"\?$/);
  });

  test('the unknown-version-alias message does not end in "?."', () => {
    const { report } = checkJson(`${MISTAKES}/version-alias-typo.clusterplan`);
    assert.doesNotMatch(report.files[0]!.diagnostics[0]!.message, /\?\.$/);
  });

  test('--fix reports "applied 2 fixes"', () => {
    const dir = tempDir();
    const file = path.join(dir, 'left.clusterplan');
    fs.copyFileSync(path.join(ROOT, MISTAKES, 'left-noversioncheck-behind.clusterplan'), file);
    assert.match(cli('check', '--fix', file).stderr, /applied 2 fixes:/);
  });

  test('simulate lists findings about the end state in the end row, not in the initial row', () => {
    const r = cli('simulate', `${MISTAKES}/ends-mixed.clusterplan`);
    const rows = r.stdout.split('\n');
    const initial = rows.find((line) => line.startsWith('0 '))!;
    const end = rows.find((line) => line.startsWith('end '))!;
    assert.doesNotMatch(initial, /mixed-at-end/);
    assert.match(end, /mixed-at-end$/);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
