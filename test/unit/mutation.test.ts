/**
 * Mutation fuzzing and hostile content. The example plans are mutated with random insertions, deletions,
 * duplications and moves of tokens (quotes, brackets, commas, 0x, huge numbers, __proto__, BOM, NUL,
 * right-to-left marks…): the analysis must never throw, every finding must lie in the document, and every
 * analysis must finish within a bounded time. Every input that ever failed is kept in
 * test/fuzz/regressions/ and run here through analyze, every fix and fix-all.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, DEFAULT_LIMITS, fixAll } from '../../src/core';
import { examplePlans, HOSTILE_NAMES, mutate, mutationsArb, regressionFiles, repoRoot } from '../fuzz/arbitraries';
import { runIsolated, checkAll, checkAnalysis, shape, timedAnalyze, treeDepth } from '../fuzz/checks';

const ROOT = repoRoot(__dirname);
const EXAMPLES = examplePlans(ROOT);
const seedEnv = process.env.CLUSTERPLAN_FC_SEED;
const SEED = seedEnv === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : seedEnv ? Number(seedEnv) : 0x5eed_c1a5;

describe('regressions: every input that ever failed', () => {
  const files = regressionFiles(ROOT);
  it('the folder holds the kept inputs', () => assert.ok(files.length > 0, 'test/fuzz/regressions/ should hold at least one .clusterplan'));
  for (const { name, text } of files) {
    it(`${name}: analysis, every fix and fix-all`, async () => {
      if (text.length < 20_000) {
        checkAll(text);
        return;
      }
      // A large input that once ran for minutes runs in a worker with a time limit.
      const result = await runIsolated(text, { mode: 'check', timeoutMs: 8_000, heapMb: 2048 });
      if (result.outcome !== 'done') {
        assert.fail(`${text.length} characters: ${result.outcome} after ${result.ms.toFixed(0)} ms${'message' in result ? `: ${result.message.split('\n')[0]}` : ''}`);
      }
    });
  }
});

describe('mutation fuzzing of the example plans', () => {
  it('finds the example plans', () => assert.ok(EXAMPLES.length >= 10, `only ${EXAMPLES.length} examples`));

  it('mutated plans: no exception, findings in the document, each analysis within its time budget, fix-all well-behaved', () => {
    const arb = fc.tuple(fc.nat({ max: EXAMPLES.length - 1 }), mutationsArb).map(([i, ms]) => mutate(EXAMPLES[i]!.text, ms));
    fc.assert(
      fc.property(arb, (text) => {
        // Fixes are computed (they must not throw) but applied only by fix-all, which never applies one to
        // text that does not parse; the properties of applied fixes are in properties.test.ts.
        checkAll(text, { fixes: 'compute' });
      }),
      { numRuns: 120, seed: SEED, includeErrorInReport: true },
    );
  });
});

describe('limits and hostile content', () => {
  const only = (text: string) => {
    const analysis = timedAnalyze(text);
    checkAnalysis(text, analysis);
    return analysis.findings.map((f) => f.code);
  };

  it(`nesting deeper than ${DEFAULT_LIMITS.maxNestingDepth} levels: one finding, no stack overflow, whatever the brackets`, () => {
    const shapes: Record<string, string> = {
      'arrays': '['.repeat(100_000),
      'objects': '{"a":'.repeat(100_000),
      'steps in steps': '{"steps":['.repeat(20_000),
      'closed arrays': '['.repeat(10_000) + ']'.repeat(10_000),
      'a skipped "}" after each "["': '[},'.repeat(8_000),
      'a skipped "]" after each "{"': '{"a":{],"a":'.repeat(8_000),
      'mixed': '[{"a":'.repeat(20_000),
      'behind a BOM': '\uFEFF' + '['.repeat(100_000),
      'after a valid plan': '{"nodes": {}, "steps": [' + '['.repeat(100_000),
    };
    for (const [name, text] of Object.entries(shapes)) {
      let codes: string[];
      try {
        codes = only(text);
      } catch (error) {
        assert.fail(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      assert.deepEqual(codes, ['limit-exceeded'], name);
    }
  });

  it('nesting exactly at the limit is read; one level more is not', () => {
    const at = (depth: number) => '{"nodes": {}, "steps": [' + '['.repeat(depth - 2) + ']'.repeat(depth - 2) + ']}';
    const within = analyze(at(DEFAULT_LIMITS.maxNestingDepth));
    assert.equal(treeDepth(within), DEFAULT_LIMITS.maxNestingDepth);
    assert.ok(!within.findings.some((f) => f.code === 'limit-exceeded'));
    assert.deepEqual(only(at(DEFAULT_LIMITS.maxNestingDepth + 1)), ['limit-exceeded']);
  });

  it('a file over the size limit gets one clear finding and only the cheap checks', () => {
    const limits = { maxNestingDepth: 64, maxFileSize: 2_000 };
    const text = EXAMPLES.find((e) => e.name.includes('forgot-joiner'))!.text;
    assert.ok(text.length > limits.maxFileSize);
    const analysis = analyze(text, { limits });
    checkAnalysis(text, analysis, { limits });
    assert.deepEqual(analysis.findings.map((f) => f.code), ['limit-exceeded']);
    assert.match(analysis.findings[0]!.message, /characters, above the limit of 2000/);
    assert.equal(analysis.plan, undefined);
    assert.deepEqual(fixAll(text, { limits }).applied, []);
  });

  it(`a plan just over the default size limit (${DEFAULT_LIMITS.maxFileSize} characters) is turned away cheaply`, async () => {
    const step = '    { "action": "stop", "node": "NODE1" },\n';
    const text = '{ "nodes": { "NODE1": { "version": "ws2003" } },\n  "steps": [\n' + step.repeat(Math.ceil(DEFAULT_LIMITS.maxFileSize / step.length)) + '  ]\n}\n';
    // Only the syntax is checked above the limit, so this should cost about a scan of the text.
    const result = await runIsolated(text, { timeoutMs: 3_000, heapMb: 2048 });
    assert.equal(result.outcome, 'done', `${text.length} characters: ${result.outcome} after ${result.ms.toFixed(0)} ms`);
    if (result.outcome === 'done') assert.deepEqual(result.codes, ['limit-exceeded']);
  });

  it('names of Object.prototype properties work as node names, aliases and keys, and pollute nothing', () => {
    const kb = EXAMPLES.find((e) => e.name.includes('kb811272'))!.text;
    const renamed = kb.replace(/NODE1/g, '__proto__').replace(/NODE2/g, 'constructor');
    assert.deepEqual(shape(analyze(renamed), (n) => n.replace('__proto__', 'NODE1').replace('constructor', 'NODE2')), shape(analyze(kb), (n) => n));
    const forgot = EXAMPLES.find((e) => e.name.includes('forgot-sponsor'))!.text;
    for (const [i, name] of ['NODE1', 'NODE2', 'NODE3'].entries()) {
      const hostile = forgot.replace(new RegExp(name, 'g'), HOSTILE_NAMES[i + 1]!);
      const result = fixAll(hostile);
      assert.ok(result.applied.length > 0 || analyze(forgot).findings.length === 0, `fix-all applies the same fixes with ${HOSTILE_NAMES[i + 1]}`);
      assert.equal(result.applied.length, fixAll(forgot).applied.length);
    }
    const polluting = `{
      "__proto__": { "polluted": 1 },
      "versions": { "__proto__": { "highest": "4.3790" }, "constructor": { "highest": "4.3718", "preRelease": true } },
      "nodes": { "__proto__": { "version": "constructor" }, "toString": { "version": "__proto__", "state": "stopped" }, "hasOwnProperty": { "highest": "0x00040ECE" } },
      "steps": [
        { "action": "stop", "node": "__PROTO__", "__proto__": { "polluted": 1 } },
        { "action": "upgrade", "node": "__proto__", "to": "__proto__" },
        { "action": "join", "node": "__proto__", "sponsor": "hasOwnProperty" },
        { "action": "start", "node": "toString", "sponsor": "valueOf" },
        { "action": "constructor", "node": "toString" }
      ]
    }`;
    const analysis = timedAnalyze(polluting);
    checkAnalysis(polluting, analysis);
    fixAll(polluting);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
    const codes = analysis.findings.map((f) => f.code);
    assert.ok(codes.includes('unknown-node'), 'valueOf is not declared, whatever Object.prototype holds');
    assert.ok(codes.includes('security-descriptor'), 'the plan alias "constructor" is a pre-release like any alias');
    assert.ok(!codes.includes('unknown-version-alias'), 'the plan aliases "__proto__" and "constructor" are found');
  });

  // Inputs shaped to hit a super-linear path, each in a worker with a time and heap limit, so that a
  // regression costs this test a few seconds rather than minutes or the test process.
  const HOSTILE_BUDGET_MS = 3_000;
  const hostileShapes: Record<string, () => string> = {
    '20,000 suppression markers without a "//" (600 KB)': () => 'clusterplan-disable-next-line\n'.repeat(20_000),
    '2,000 nodes and 2,000 steps naming undeclared nodes (140 KB)': () => {
      const nodes = Array.from({ length: 2_000 }, (_, i) => `"N${i}": { "version": "ws2003" }`);
      const steps = Array.from({ length: 2_000 }, (_, i) => `{ "action": "stop", "node": "X${i}" }`);
      return `{ "nodes": { ${nodes.join(',\n')} },\n"steps": [${steps.join(',\n')}] }`;
    },
    '6,000 nodes and 6,000 steps (420 KB)': () => {
      const nodes = Array.from({ length: 6_000 }, (_, i) => `"N${i}": { "version": "ws2003" }`);
      const steps = Array.from({ length: 6_000 }, (_, i) => `{ "action": "${i % 2 ? 'start' : 'stop'}", "node": "N${i >> 1}" }`);
      return `{ "nodes": { ${nodes.join(',\n')} },\n"steps": [${steps.join(',\n')}] }`;
    },
    '16,000 values without commas in "steps" (32 KB, 16,000 syntax errors)': () => `{ "steps": [${'1 '.repeat(16_000)}] }`,
    'one 200,000-character line of "[]," under the depth limit': () => '[],'.repeat(66_000),
    'a 500,000-character string': () => `{ "nodes": { "N": { "version": "${'x'.repeat(500_000)}" } }, "steps": [] }`,
    'a 300,000-character node name': () => `{ "nodes": { "N": { "version": "ws2003" } }, "steps": [{ "action": "stop", "node": "${'N'.repeat(300_000)}" }] }`,
  };
  for (const [name, make] of Object.entries(hostileShapes)) {
    it(`analyses ${name} within ${HOSTILE_BUDGET_MS} ms`, async () => {
      const result = await runIsolated(make(), { timeoutMs: HOSTILE_BUDGET_MS * 1.25, heapMb: 1024 });
      assert.equal(result.outcome, 'done', `${result.outcome} after ${result.ms.toFixed(0)} ms${'message' in result ? `: ${result.message}` : ''}`);
      assert.ok(result.ms <= HOSTILE_BUDGET_MS, `took ${result.ms.toFixed(0)} ms`);
    });
  }
});
