/**
 * Property tests (fast-check) over generated plans: see test/fuzz/arbitraries.ts for the generators and
 * test/fuzz/checks.ts for what each check promises. `npm test` runs a few hundred cases with a fixed seed,
 * so a failure reproduces; set CLUSTERPLAN_FC_SEED to another number (or "random") to explore, and run
 * `npm run test:fuzz` for 100,000 cases. fast-check prints the seed, the path and the shrunk plan.
 */
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../src/core';
import { HOSTILE_NAMES, mutate, mutationArb, nameToken, PLAIN_NAMES, planModelArb, planTextArb, renderPlan } from '../fuzz/arbitraries';
import { checkAnalysis, checkDeterministic, checkFixAll, checkFixes, shape, timedAnalyze, Violation } from '../fuzz/checks';

const seedEnv = process.env.CLUSTERPLAN_FC_SEED;
const SEED = seedEnv === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : seedEnv ? Number(seedEnv) : 0x5eed_c1a5;
const params = (numRuns: number): fc.Parameters<unknown> => ({ numRuns, seed: SEED, includeErrorInReport: true });

/** fast-check reports a throw as the failure, with the property's message; a Violation says what broke. */
const property = <T>(arb: fc.Arbitrary<T>, predicate: (value: T) => void) =>
  fc.property(arb, (value) => {
    predicate(value);
  });

const renderedPlanArb = planModelArb.map((m) => renderPlan(m));

describe('properties of the analysis (fast-check)', () => {
  it('generated plans: analysis never throws, every finding lies in the document and its pointer resolves, twice gives the same', () => {
    fc.assert(
      property(planTextArb, (text) => {
        const analysis = timedAnalyze(text);
        checkAnalysis(text, analysis);
        checkDeterministic(text, analysis);
        // Computing (not applying) every offered fix must not throw either.
        checkFixes(text, analysis, undefined, false);
      }),
      params(200),
    );
  });

  it('node names __proto__, constructor, toString, hasOwnProperty… behave like any other name', () => {
    fc.assert(
      property(planModelArb, (model) => {
        const plain = analyze(renderPlan(model, PLAIN_NAMES));
        const hostileText = renderPlan(model, HOSTILE_NAMES);
        const hostile = timedAnalyze(hostileText);
        checkAnalysis(hostileText, hostile);
        const a = shape(plain, (s) => nameToken(s, PLAIN_NAMES));
        const b = shape(hostile, (s) => nameToken(s, HOSTILE_NAMES));
        if (JSON.stringify(a) !== JSON.stringify(b)) {
          throw new Violation('renamed-nodes-differ', `findings differ when the nodes are renamed:\n  ${a.join('\n  ')}\nvs\n  ${b.join('\n  ')}`);
        }
      }),
      params(100),
    );
  });
});

describe('properties of the quick fixes (fast-check)', () => {
  it('every offered fix on a plan that parses: edits in range, no syntax error, the finding gone from its place, safe steps not refused', () => {
    fc.assert(
      property(renderedPlanArb, (text) => {
        const analysis = timedAnalyze(text);
        checkFixes(text, analysis);
      }),
      params(150),
    );
  });

  it('a fix offered on a plan with syntax errors adds no syntax error', () => {
    const broken = fc
      .tuple(planModelArb, fc.array(mutationArb.filter((m) => m.op !== 'duplicate' || m.times < 50), { minLength: 1, maxLength: 3 }))
      .map(([m, ms]) => mutate(renderPlan(m), ms))
      .filter((text) => analyze(text).document.syntaxErrors.length > 0);
    fc.assert(
      property(broken, (text) => {
        checkFixes(text, timedAnalyze(text));
      }),
      params(60),
    );
  });

  it('fix-all reaches a fixed point, never adds an error and grows the file by a bounded amount per fix', () => {
    fc.assert(
      property(renderedPlanArb, (text) => {
        checkFixAll(text, timedAnalyze(text));
      }),
      params(150),
    );
  });
});
