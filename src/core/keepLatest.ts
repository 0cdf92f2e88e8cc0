/**
 * Keeps the latest object of a kind alive until the next one of that kind replaces it: the latest analysis,
 * the reader and the simulation that made it, and the last DeclarationName a rule made to place a finding.
 * Not a cache: nothing kept here is ever read again.
 *
 * Why: V8 frees a hidden class once no object has it, and the next full garbage collection then throws away
 * every piece of optimised code that saw it (`--trace-deopt`: "weak objects"). Between two analyses nothing
 * of the first need stay alive, so after each full collection in between (the editor's idle-time ones, the
 * benchmark's forced ones) the next analysis ran its reading, simulation and rules unoptimised while V8
 * compiled 20 to 55 functions again, on a second thread that the main one then shares the cores with. On the
 * 10,000-step plan with findings, that analysis measured 17–25 ms instead of 8–10. With these kept (and the
 * report functions in analyze.ts made once), a full GC drops next to none of the analysis's code
 * (bench/deopts.ts counts it: 33 functions a GC before, 0.1–0.25 after).
 *
 * The cost is one analysis, which the editor holds anyway for the document it last analysed.
 */
const latest = new Map<object, object>();

export function keepLatest(kind: object, value: object): void {
  latest.set(kind, value);
}
