/**
 * What the built CLI (dist/cli.js) prints when the plan, its file name or the command line hold control
 * characters: the terminal is shown them, never made to obey them (docs/cli-output.md).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { formatSarif } from '../../src/cli/formatSarif';
import { analyze, RULES, type Finding } from '../../src/core';
import { cliScratch, runCli, type Run } from './helpers/cli';
import { REPO_ROOT } from './helpers/plans';

const ROOT = REPO_ROOT;
const KB = 'examples/kb811272-rc2-to-rtm.clusterplan';

const cli = (cwd: string, ...args: string[]): Run => runCli(cwd, args);
const tempDir = cliScratch('clusterplan-out-');

/** A file name whose ESC[8m would hide the rest of every line that names it. */
const HIDING_FILE = 'plan\u001b[8m.clusterplan';

/**
 * The JSON escapes are the file's text: the names and ids read from it hold ESC sequences, a CR that would
 * return to the start of the line, BEL, a line break followed by a forged finding, NEL (U+0085) and U+2028.
 */
const FORGING_PLAN = String.raw`{
  "nodes": {
    "N\u001b[8mX": { "version": "ws2003-rc2" },
    "NODE2": { "version": "ws2003-rc2" }
  },
  "steps": [
    { "id": "a\u001b[2K\rOK all good\u0007", "action": "stop", "node": "NODE2" },
    { "id": "b\nplan.clusterplan:1:1: hint forged: x", "action": "stop", "node": "N\u001b[8mX" },
    { "action": "start", "node": "NODE3\u0085x\u2028y" },
    { "action": "note", "text": "note\u001b[31m" }
  ]
}
`;

/** The findings as `check` prints them: every character printable, one finding per line. */
const FINDINGS = [
  String.raw`plan\u001b[8m.clusterplan:3:5: error schema: Node name "N\u001b[8mX" contains the control character U+001B, which no computer name holds.`,
  String.raw`plan\u001b[8m.clusterplan:8:5: warning cluster-offline: After step 2 ("b\u000aplan.clusterplan:1:1: hint forged: x") no node is active: the cluster is offline. Before it, N\u001b[8mX was active.`,
  String.raw`plan\u001b[8m.clusterplan:9:34: error unknown-node: No node "NODE3\u0085x\u2028y" is declared in "nodes"; did you mean "NODE2"?`,
  '2 errors, 1 warning, 0 information in 1 file.',
];

function forgingPlan(): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, HIDING_FILE), FORGING_PLAN);
  return dir;
}

describe('control characters from the plan are shown, not obeyed', () => {
  test('check: the file name and the messages show them as \\u001b, each finding on its own line', () => {
    const r = cli(forgingPlan(), 'check', HIDING_FILE);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, FINDINGS.join('\n') + '\n');
  });

  test('simulate: the table shows them in cells as wide as they are printed', () => {
    const r = cli(forgingPlan(), 'simulate', HIDING_FILE);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    assert.deepEqual(r.stdout.split('\n'), [
      'step                                           action     node                 active nodes       ClusterHighestVersion  ClusterLowestVersion  mixed  findings',
      String.raw`0                                              (initial)                       N\u001b[8mX,NODE2  0x00040E86 (4.3718)    0x00030893 (3.2195)          schema`,
      String.raw`1 a\u001b[2K\u000dOK all good\u0007            stop       NODE2                N\u001b[8mX        0x00040E86 (4.3718)    0x00030893 (3.2195)`,
      String.raw`2 b\u000aplan.clusterplan:1:1: hint forged: x  stop       N\u001b[8mX          (none)             unknown                unknown                      cluster-offline`,
      String.raw`3                                              start      NODE3\u0085x\u2028y  (none)             unknown                unknown                      unknown-node`,
      '4                                              note                            (none)             unknown                unknown',
      'end                                                                            (none)             unknown                unknown',
      '',
      ...FINDINGS,
      '',
    ]);
  });

  test('check --fix: the report on stderr shows the file name and the fixes\' titles safely', () => {
    const dir = tempDir();
    const file = 'fix\u001b[2K\u0007.clusterplan';
    // NoVersionCheck left behind on both nodes, one of them named with ESC[8m: fix-all deletes both.
    const plan = String.raw`{
  "nodes": { "N\u001b[8m1": { "version": "ws2003-rc2" }, "NODE2": { "version": "ws2003-rc2" } },
  "steps": [
    { "action": "stop", "node": "N\u001b[8m1" },
    { "action": "set-registry", "node": "N\u001b[8m1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "start", "node": "N\u001b[8m1" },
    { "action": "upgrade", "node": "NODE2", "to": "ws2003-rtm" },
    { "action": "set-registry", "node": "NODE2", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1 },
    { "action": "join", "node": "NODE2", "sponsor": "N\u001b[8m1" },
    { "action": "upgrade", "node": "N\u001b[8m1", "to": "ws2003-rtm" },
    { "action": "join", "node": "N\u001b[8m1", "sponsor": "NODE2" },
    { "action": "cluster-security", "grant": "NETWORKSERVICE", "rights": "full" },
    { "action": "cluster-security", "revoke": "SERVICE" }
  ]
}
`;
    fs.writeFileSync(path.join(dir, file), plan);
    const r = cli(dir, 'check', '--fix', file);
    // The name itself is a schema error, which no fix removes; the fixes are applied all the same.
    assert.equal(r.status, 1, r.stdout);
    assert.equal(
      r.stdout,
      String.raw`fix\u001b[2K\u0007.clusterplan:2:14: error schema: Node name "N\u001b[8m1" contains the control character U+001B, which no computer name holds.` +
        '\n1 error, 0 warnings, 0 information in 1 file.\n',
    );
    assert.equal(
      r.stderr,
      String.raw`fix\u001b[2K\u0007.clusterplan: applied 2 fixes:
  noversioncheck-leftover: Delete NoVersionCheck on N\u001b[8m1 and restart its Cluster service
  noversioncheck-leftover: Delete NoVersionCheck on NODE2 and restart its Cluster service
`,
    );
  });

  test('stderr: a missing file whose name holds ESC[8m is named in one visible line', () => {
    const r = cli(tempDir(), 'check', 'missing\u001b[8m.clusterplan');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, String.raw`clusterplan: missing\u001b[8m.clusterplan: no such file or directory` + '\n');
  });

  test('stderr: an unknown command cannot start a line of its own nor erase its error', () => {
    const r = cli(tempDir(), 'lint\nclusterplan: all good\u001b[2K\r\u0085\u2029');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      String.raw`clusterplan: unknown command "lint\u000aclusterplan: all good\u001b[2K\u000d\u0085\u2029": use "check", "simulate", "export" or "lsp" (see clusterplan --help)` + '\n',
    );
  });
});

describe('the table of simulate', () => {
  // docs/cli-output.md documents the columns of a functional-level plan on the first rows of an example.
  test('docs/cli-output.md shows the first rows of a functional-level plan as the CLI prints them', () => {
    const page = fs.readFileSync(path.join(ROOT, 'docs/cli-output.md'), 'utf8');
    const section = page.slice(page.indexOf('### The table of `simulate`'));
    const example = /`clusterplan simulate (\S+)`:\n\n```text\n([^`]*)```/.exec(section);
    assert.ok(example, 'the section shows a command and its output');
    const r = cli(ROOT, 'simulate', example[1]!);
    assert.equal(r.status, 0);
    const shown = example[2]!.trimEnd().split('\n');
    assert.deepEqual(r.stdout.split('\n').slice(0, shown.length), shown);
    assert.match(shown[0]!, /^step +action +node +active nodes +paused +evicted +ClusterHighestVersion +ClusterLowestVersion +ClusterFunctionalLevel +mixed +findings$/);
  });
});

describe('JSON and SARIF escape every control character', () => {
  /** Any control character but the line breaks of the indentation, and U+2028/U+2029. */
  const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
  const UNKNOWN_NODE = 'No node "NODE3\u0085x\u2028y" is declared in "nodes"; did you mean "NODE2"?';

  test('json: ESC, NEL and U+2028 are written \\u001b, \\u0085 and \\u2028, and read back as they were', () => {
    const r = cli(forgingPlan(), 'check', '--format', 'json', HIDING_FILE);
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    assert.ok(r.stdout.includes(String.raw`"path": "plan\u001b[8m.clusterplan",`), r.stdout);
    assert.ok(r.stdout.includes(String.raw`Before it, N\u001b[8mX was active.",`), r.stdout);
    assert.ok(r.stdout.includes(String.raw`"message": "No node \"NODE3\u0085x\u2028y\" is declared in \"nodes\"; did you mean \"NODE2\"?",`), r.stdout);
    const report = JSON.parse(r.stdout) as { files: { path: string; diagnostics: { message: string }[] }[] };
    assert.equal(report.files[0]!.path, HIDING_FILE);
    assert.equal(report.files[0]!.diagnostics[2]!.message, UNKNOWN_NODE);
  });

  test('sarif: the same escapes in the messages', () => {
    const r = cli(forgingPlan(), 'check', '--format', 'sarif', HIDING_FILE);
    assert.equal(r.status, 1);
    assert.doesNotMatch(r.stdout, RAW_CONTROL);
    assert.ok(r.stdout.includes(String.raw`Before it, N\u001b[8mX was active."`), r.stdout);
    assert.ok(r.stdout.includes(String.raw`"text": "No node \"NODE3\u0085x\u2028y\" is declared in \"nodes\"; did you mean \"NODE2\"?"`), r.stdout);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { message: { text: string } }[] }[] };
    assert.equal(sarif.runs[0]!.results[2]!.message.text, UNKNOWN_NODE);
  });
});

describe('SARIF rules', () => {
  interface Descriptor {
    id: string;
    helpUri?: string;
    shortDescription: { text: string };
    help: { text: string; markdown: string };
    defaultConfiguration: { level: string };
  }
  interface Sarif {
    runs: { tool: { driver: { rules: Descriptor[] } }; results: { ruleId: string; ruleIndex?: number }[] }[];
  }

  test('a result of internal-error names a rule of the driver, described after the plan\'s rules', () => {
    // No plan makes a rule throw (test/fuzz looks for one), so the finding is added as analyze's guard
    // (src/core/analyze.ts) writes it when a rule throws, to a real analysis of the KB example.
    const analysis = analyze(fs.readFileSync(path.join(ROOT, KB), 'utf8'));
    const failed: Finding = {
      code: 'internal-error',
      severity: 'error',
      message: 'clusterplan could not run the rule cluster-offline (boom). The other rules ran; please report this plan.',
      pointer: '',
      offset: 0,
      length: 0,
      related: [],
    };
    const report = { path: KB, document: analysis.document, findings: [failed, ...analysis.findings] };
    const sarif = JSON.parse(formatSarif([report], { version: '0.0.0', helpBaseUri: 'https://intranet.example/rules/' })) as Sarif;
    const { rules } = sarif.runs[0]!.tool.driver;
    assert.deepEqual(
      rules.map((r) => r.id),
      [...RULES.map((r) => r.code), 'internal-error'],
    );
    const { results } = sarif.runs[0]!;
    assert.equal(results.length, 1);
    assert.equal(results[0]!.ruleId, 'internal-error');
    assert.equal(results[0]!.ruleIndex, RULES.length);
    // It has no page to point to, even where the rules' pages are published.
    const text = "One of clusterplan's rules failed on this plan: a defect in clusterplan, not in the plan. The other rules ran and their results stand. Please report the plan to the maintainers of clusterplan.";
    assert.deepEqual(rules[RULES.length], {
      id: 'internal-error',
      shortDescription: { text: 'clusterplan could not run one of its rules' },
      fullDescription: { text },
      help: { text, markdown: `# internal-error\n\n${text}\n` },
      defaultConfiguration: { level: 'error' },
    });
  });
});

describe('SARIF artifact URIs', () => {
  /** The one finding of a plan as code scanning reads its place: the artifact's URI. */
  function uriOf(cwd: string, file: string): string {
    const r = cli(cwd, 'check', '--format', 'sarif', file);
    assert.equal(r.status, 1, r.stderr);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[] };
    const locations = sarif.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation);
    assert.equal(locations.length, 1);
    assert.deepEqual(Object.keys(locations[0]!), ['uri']);
    return locations[0]!.uri;
  }
  const typo = () => fs.readFileSync(path.join(ROOT, 'examples/mistakes/node-name-typo.clusterplan'), 'utf8');

  test('a relative path is a relative reference, each segment percent-encoded, \\ a character of the name', { skip: process.platform === 'win32' && 'on Windows \\ separates folders' }, () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'site a'));
    fs.writeFileSync(path.join(dir, 'site a', 'back\\slash #1.clusterplan'), typo());
    assert.equal(uriOf(dir, 'site a/back\\slash #1.clusterplan'), 'site%20a/back%5Cslash%20%231.clusterplan');
  });

  test('an absolute path is a file: URI', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'plan #2.clusterplan'), typo());
    assert.equal(uriOf(tempDir(), path.join(dir, 'plan #2.clusterplan')), `${pathToFileURL(dir).href}/plan%20%232.clusterplan`);
  });
});
