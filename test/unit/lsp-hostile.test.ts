/**
 * Hostile input through the language server: the fuzz corpus (test/fuzz/arbitraries.ts, a fixed seed) and
 * every kept regression, each sent as didOpen and then didChange to further mutations. After each plan the
 * server must publish the diagnostics of its latest version and still answer, without a word on stderr and
 * without exiting. A plan over the size limit gets the one limit-exceeded finding the CLI gives it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_LIMITS } from '../../src/core';
import type { StatsResult } from '../../src/server/protocol';
import { examplePlans, mutate, mutationsArb, planTextArb, regressionFiles, repoRoot } from '../fuzz/arbitraries';
import { TestServer } from './helpers/languageServer';

const ROOT = repoRoot(__dirname);
const SEED = 0x15e_4057;
const GENERATED = 300;

/** The versions one plan goes through: what is opened, then each edit's whole text. */
function fuzzCases(): string[][] {
  const base = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...examplePlans(ROOT).map((e) => e.text)) },
    { weight: 1, arbitrary: fc.constantFrom(...regressionFiles(ROOT).map((r) => r.text), '{}') },
    { weight: 4, arbitrary: planTextArb },
  );
  const versions = fc.tuple(base, mutationsArb, mutationsArb).map(([text, first, second]) => {
    const edited = mutate(text, first);
    return [text, edited, mutate(edited, second)];
  });
  const generated = fc.sample(versions, { seed: SEED, numRuns: GENERATED });
  // A kept regression is opened as it is, cut in half by an edit, then made whole again.
  const kept = regressionFiles(ROOT).map(({ text }) => [text, text.slice(0, text.length >> 1), text]);
  return [...kept, ...generated];
}

describe('hostile input through the language server', () => {
  let server: TestServer;
  before(async () => {
    // No delay: each edit is checked at once, so every version is a chance to crash the server.
    ({ server } = await TestServer.start({ configuration: { validate: { delay: 0 } } }));
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  const stillServing = async (what: string) => {
    assert.equal(server.process.exitCode, null, `the server exited after ${what}`);
    assert.equal(server.stderr, '', `the server wrote to stderr after ${what}`);
    return server.request<StatsResult>('clusterplan/stats');
  };

  test(`the fuzz corpus (seed ${SEED}, ${GENERATED} generated plans and every kept regression), opened then edited twice`, async () => {
    const cases = fuzzCases();
    for (const [index, versions] of cases.entries()) {
      const uri = `file:///fuzz/case-${index}.clusterplan`;
      await server.open(uri, versions[0]!);
      for (let v = 1; v < versions.length; v++) await server.change(uri, v + 1, versions[v]!);
      const latest = await server.diagnostics(uri, (p) => p.version === versions.length);
      for (const d of latest.diagnostics) assert.equal(typeof d.code, 'string', `case ${index}: a diagnostic without a code`);
      await server.close(uri);
      await stillServing(`case ${index} (${versions.map((t) => t.length).join(' → ')} characters)`);
    }
    assert.deepEqual(await stillServing('the corpus'), { openDocuments: 0, cachedAnalyses: 0, pendingChecks: 0 });
  });

  test(`a plan of ${DEFAULT_LIMITS.maxFileSize} characters is read; one more character gets one limit-exceeded finding`, async () => {
    const uri = 'file:///fuzz/size-limit.clusterplan';
    // Padded with a comment: a run of 32 MiB of spaces costs the analysis seconds (jsonc-parser's scanner
    // builds a whitespace token one character at a time), and the limit is about the length alone.
    const plan = '{ "nodes": { "NODE1": { "version": "ws2003" } }, "steps": [] }\n// ';
    const atLimit = plan + 'x'.repeat(DEFAULT_LIMITS.maxFileSize - plan.length);
    await server.open(uri, atLimit);
    const read = await server.diagnostics(uri, (p) => p.version === 1);
    assert.ok(!read.diagnostics.some((d) => d.code === 'limit-exceeded'), `at the limit: ${read.diagnostics.map((d) => d.code).join(', ')}`);
    await server.change(uri, 2, atLimit + 'x');
    const over = await server.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(
      over.diagnostics.map((d) => [d.code, d.message]),
      [['limit-exceeded', `The plan has ${DEFAULT_LIMITS.maxFileSize + 1} characters, above the limit of ${DEFAULT_LIMITS.maxFileSize}; clusterplan does not read it. Split it into smaller plans.`]],
    );
    await server.close(uri);
    await stillServing('the plans at the size limit');
  });
});
