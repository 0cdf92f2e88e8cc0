/**
 * The properties every analysis, quick fix and fix-all must have, as functions that throw a `Violation`
 * naming the broken promise (its `kind`, e.g. `fix-leaves-finding:invalid-version:safe`). Shared by the
 * unit tests and the long fuzz run (test/fuzz/run.ts).
 *
 * Decisions, where the sources leave room (docs/simulation.md):
 * - Ranges: 0 <= offset <= offset + length <= text.length for every finding and related location, in
 *   every document, broken or not.
 * - Pointers are checked in documents that parse without syntax errors and within the limits (with
 *   syntax errors the tree is a recovery guess). There a pointer must name an element, `nodeAt` must find
 *   it, and a plan rule's range must lie within that element's property (its key or its value). The empty
 *   pointer '' names the root; with no root (an empty file) it names the whole file. A key written twice
 *   makes a pointer ambiguous (RFC 6901 cannot tell the two apart): any of the candidates may match, and
 *   `nodeAt` is not required to pick the one meant. Text rules (syntax, suppression comments) name the
 *   innermost element around a place that may lie between elements, so for them only resolution counts.
 * - A limit: exactly one limit-exceeded finding, no plan rule ran; nesting over the limit gives one
 *   finding in all. Whatever the text, the tree the parser built is no deeper than the nesting limit.
 * - A fix: non-empty, non-overlapping edits inside the text; the result analyses cleanly, has no more
 *   syntax errors than before, and no finding of the same code at the fixed finding's place (its offset
 *   mapped through the edits, so inserting steps before it does not count as "still there"). A safe fix
 *   also writes no step that is refused, joins no cluster, or takes the cluster offline, and does not
 *   leave another error where its error was.
 * - Fix-all: no throw, under its cap of 200 fixes, never more syntax errors or errors than before, grows
 *   the text by at most (3 × nodes + 2) steps per applied fix, and a second fix-all changes nothing.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyze, applyEdits, DEFAULT_LIMITS, fixAll, fixesFor, ruleFor, RULES, type Analysis, type AnalysisOptions, type Finding, type Fix, type TextEdit } from '../../src/core';
import { FIXES } from '../../src/core/fixes';

/** A broken promise. `kind` names which one (and the rule code), so the long run can tell failures apart. */
export class Violation extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
    this.name = 'Violation';
  }
}

function fail(kind: string, message: string): never {
  throw new Violation(kind, message);
}

/** Runs `check`, prefixing the kind of any violation with `context`. */
function within<T>(context: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof Violation) throw new Violation(`${context}/${error.kind}`, `${context}: ${error.message}`);
    throw error;
  }
}

/** The kind of any failure: a Violation's, or the error's name. */
export function kindOf(error: unknown): string {
  return error instanceof Violation ? error.kind : error instanceof Error ? `threw:${error.name}` : 'threw';
}

/**
 * Generous: the machine is shared and noisy, and a real plan analyses in well under a millisecond. The
 * budget grows linearly with the text (2 s, plus 2 ms per 1,000 characters), so a huge mutated input is
 * allowed linear time but not a quadratic one.
 */
export const ANALYZE_BUDGET_MS = 2000;
export const analyzeBudget = (length: number) => ANALYZE_BUDGET_MS + (2 * length) / 1000;
export const FIX_ALL_BUDGET_MS = 20_000;

const KNOWN_CODES = new Set(RULES.map((r) => r.code));

export function timedAnalyze(text: string, options?: AnalysisOptions): Analysis {
  const start = performance.now();
  let analysis: Analysis;
  try {
    analysis = analyze(text, options);
  } catch (error) {
    fail(`analyze-threw:${error instanceof Error ? error.name : 'value'}`, `analyze threw: ${describeError(error)}`);
  }
  const ms = performance.now() - start;
  if (ms > analyzeBudget(text.length)) fail('analyze-slow', `analyze took ${ms.toFixed(0)} ms on ${text.length} characters (budget ${analyzeBudget(text.length).toFixed(0)} ms)`);
  return analysis;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function show(f: Pick<Finding, 'code' | 'pointer' | 'offset' | 'length'>, text?: string): string {
  const excerpt = text === undefined ? '' : ` ${JSON.stringify(text.slice(f.offset, f.offset + Math.min(f.length, 60)))}`;
  return `${f.code} at ${JSON.stringify(f.pointer)} [${f.offset}+${f.length}]${excerpt}`;
}

/** The deepest nesting of objects and arrays in the tree, iteratively (the tree itself may be deep). */
export function treeDepth(analysis: Analysis): number {
  const root = analysis.document.root;
  if (!root) return 0;
  let deepest = 0;
  const stack: { node: typeof root; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    const d = node.type === 'object' || node.type === 'array' ? depth + 1 : depth;
    if (d > deepest) deepest = d;
    const children = node.type === 'object' ? node.members.flatMap((m) => (m.value ? [m.value] : [])) : node.type === 'array' ? node.items : [];
    for (const child of children) stack.push({ node: child, depth: d });
  }
  return deepest;
}

type JsonNode = NonNullable<Analysis['document']['root']>;

/** An element a pointer names, and the span around it: its member (key to value) in an object. */
interface Named {
  readonly node: JsonNode;
  readonly outer: { readonly offset: number; readonly length: number };
}

/**
 * Every element a pointer may name: array indexes and object keys, trying each duplicate key. JSON
 * Pointers cannot tell duplicate keys apart, so `nodeAt` (which takes the first) may miss the one meant.
 */
function resolveAll(root: JsonNode, pointer: string): { nodes: Named[]; ambiguous: boolean } {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: Named[] = [{ node: root, outer: root }];
  let ambiguous = false;
  for (const segment of segments) {
    const next: Named[] = [];
    for (const { node } of current) {
      if (node.type === 'array' && /^(0|[1-9]\d*)$/.test(segment)) {
        const child = node.items[Number(segment)];
        if (child) next.push({ node: child, outer: child });
      } else if (node.type === 'object') {
        const matches = node.members.filter((m) => m.key === segment && m.value);
        if (matches.length > 1) ambiguous = true;
        for (const m of matches) next.push({ node: m.value!, outer: m });
      }
    }
    current = next;
  }
  return { nodes: current, ambiguous };
}

function checkPointer(doc: Analysis['document'], f: Pick<Finding, 'code' | 'pointer' | 'offset' | 'length'>, text: string, what: 'pointer' | 'related-pointer' = 'pointer'): void {
  if (!doc.root) {
    if (f.pointer !== '') fail(`${what}-without-tree:${f.code}`, `${what} in a document without a tree: ${show(f, text)}`);
    return;
  }
  const { nodes, ambiguous } = resolveAll(doc.root, f.pointer);
  if (nodes.length === 0) fail(`${what}-names-nothing:${f.code}`, `${what} names no element of a document without syntax errors: ${show(f, text)}`);
  if (!ambiguous && !doc.nodeAt(f.pointer)) fail(`nodeAt-misses:${f.code}`, `document.nodeAt cannot resolve the ${what} of ${show(f, text)}, which names an element`);
  // A plan rule shows the element's range, or its key's (both within the property). Text rules (syntax,
  // suppression comments) name the innermost element around a place that may lie between elements.
  if (what === 'pointer' && ruleFor(f.code)?.needs !== 'plan') return;
  const contains = nodes.some(({ outer }) => outer.offset <= f.offset && f.offset + f.length <= outer.offset + outer.length);
  if (!contains) fail(`range-not-in-element:${f.code}`, `the range of ${show(f, text)} is not within the element its ${what} names`);
}

/** Ranges, pointers, codes and limits of one analysis. */
export function checkAnalysis(text: string, analysis: Analysis, options: AnalysisOptions = {}): void {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const doc = analysis.document;
  if (doc.text !== text) fail('document-text', 'analysis.document.text is not the analysed text');
  const inRange = (offset: number, length: number) => Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0 && offset + length <= text.length;
  const syntaxFree = doc.syntaxErrors.length === 0 && !doc.limitProblem;
  for (const f of analysis.findings) {
    if (f.code === 'internal-error') fail('internal-error', `a rule crashed and was caught: ${f.message}`);
    if (!KNOWN_CODES.has(f.code)) fail('unknown-code', `unknown code ${f.code}`);
    if (!inRange(f.offset, f.length)) fail(`range-outside:${f.code}`, `range outside the document (length ${text.length}): ${show(f)}`);
    for (const r of f.related) {
      if (!inRange(r.offset, r.length)) fail(`related-range-outside:${f.code}`, `related range outside the document (length ${text.length}): ${show(f)} → ${r.pointer} [${r.offset}+${r.length}]`);
    }
    if (typeof f.pointer !== 'string' || (f.pointer !== '' && !f.pointer.startsWith('/'))) fail('not-a-pointer', `not a JSON Pointer: ${show(f)}`);
    if (syntaxFree) {
      checkPointer(doc, f, text);
      for (const r of f.related) checkPointer(doc, { code: f.code, pointer: r.pointer, offset: r.offset, length: r.length }, text, 'related-pointer');
    }
  }
  const limitFindings = analysis.findings.filter((f) => f.code === 'limit-exceeded');
  if (doc.limitProblem) {
    if (limitFindings.length !== 1) fail('limit-count', `a limit was hit but there are ${limitFindings.length} limit-exceeded findings`);
    const costly = analysis.findings.filter((f) => f.code !== 'syntax' && f.code !== 'limit-exceeded');
    if (costly.length > 0) fail('limit-costly-checks', `over a limit only cheap checks may run, but found ${costly.map((f) => f.code).join(', ')}`);
    if (analysis.plan) fail('limit-plan-read', 'over a limit the plan must not be read');
    if (!doc.root && analysis.findings.length !== 1) fail('limit-not-one-finding', `nesting over the limit should give one finding, not ${analysis.findings.length}`);
  } else if (limitFindings.length > 0) {
    fail('limit-without-problem', 'limit-exceeded without a limit problem');
  }
  const depth = treeDepth(analysis);
  if (depth > limits.maxNestingDepth) {
    fail('nesting-limit-missed', `the parser built a tree ${depth} levels deep, past the nesting limit of ${limits.maxNestingDepth}: the limit check missed it, and deeper input overflows the stack`);
  }
}

/** Same text, same findings. */
export function checkDeterministic(text: string, first: Analysis): void {
  const again = timedAnalyze(text);
  const a = JSON.stringify(first.findings);
  const b = JSON.stringify(again.findings);
  if (a !== b) fail('nondeterministic', `analysing twice gave different findings:\n${a}\n${b}`);
}

/** Where `offset` of the old text is in the text after `edits` (an insert at the offset goes before it). */
export function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  let covered: number | undefined;
  for (const e of edits) {
    if (e.length === 0 ? e.offset <= offset : e.offset + e.length <= offset) shift += e.content.length - e.length;
    else if (e.offset < offset && offset < e.offset + e.length) covered = e.offset;
  }
  // A place inside a replaced range moves to the start of the replacement.
  return (covered ?? offset) + shift;
}

/** Where the edits' new text lies in the text after them. */
function writtenRanges(edits: readonly TextEdit[]): [number, number][] {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  let shift = 0;
  return sorted.map((e) => {
    const start = e.offset + shift;
    shift += e.content.length - e.length;
    return [start, start + e.content.length];
  });
}

function checkEdits(text: string, fix: Fix, f: Finding): void {
  const sorted = [...fix.edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  for (const e of sorted) {
    if (!Number.isInteger(e.offset) || !Number.isInteger(e.length) || e.offset < 0 || e.length < 0 || e.offset + e.length > text.length || typeof e.content !== 'string') {
      fail(`fix-edit-outside:${f.code}`, `fix "${fix.title}" for ${show(f)} has an edit outside the document: ${JSON.stringify(e)}`);
    }
  }
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (a.offset + a.length > b.offset) fail(`fix-overlapping-edits:${f.code}`, `fix "${fix.title}" for ${show(f)} has overlapping edits: ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
  }
}

export interface FixStats {
  offered: number;
  applied: number;
}

/**
 * Every offered fix: its edits are well-formed, the result analyses cleanly, adds no syntax error, and no
 * longer has the same code at the finding's (mapped) place. A safe fix adds no error.
 */
export function checkFixes(text: string, analysis: Analysis, stats?: FixStats, apply = true): void {
  const syntaxBefore = analysis.findings.filter((f) => f.code === 'syntax').length;
  for (const f of analysis.findings) {
    const ruleFixes = FIXES[f.code];
    if (ruleFixes && analysis.plan && analysis.timeline) {
      // fixesFor swallows a throwing fix (it is then not offered); call the rule's fixes directly to see it.
      try {
        ruleFixes({ document: analysis.document, plan: analysis.plan, timeline: analysis.timeline }, f);
      } catch (error) {
        fail(`fix-threw:${f.code}`, `computing the fixes of ${show(f, text)} threw: ${describeError(error)}`);
      }
    }
    let fixes: Fix[];
    try {
      fixes = fixesFor(analysis, f);
    } catch (error) {
      fail(`fixesFor-threw:${f.code}`, `fixesFor threw for ${show(f, text)}: ${describeError(error)}`);
    }
    for (const fix of fixes) {
      if (stats) stats.offered++;
      checkEdits(text, fix, f);
      if (fix.edits.length === 0) fail(`fix-without-edits:${f.code}`, `fix "${fix.title}" for ${show(f, text)} has no edits`);
      if (!apply) continue;
      const fixed = applyEdits(text, fix.edits);
      const after = within(`after-fix:${f.code}`, () => {
        const a = timedAnalyze(fixed);
        checkAnalysis(fixed, a);
        return a;
      });
      const syntaxAfter = after.findings.filter((g) => g.code === 'syntax');
      if (syntaxAfter.length > syntaxBefore) {
        fail(`fix-adds-syntax-error:${f.code}:${syntaxBefore > 0 ? 'on-broken-text' : 'on-clean-text'}`, `fix "${fix.title}" for ${show(f, text)} added a syntax error: ${show(syntaxAfter[0]!, fixed)}\n--- after the fix:\n${fixed}`);
      }
      const at = mapOffset(f.offset, fix.edits);
      const still = after.findings.find((g) => g.code === f.code && g.offset === at);
      if (still) fail(`fix-leaves-finding:${f.code}:${fix.safe ? 'safe' : 'unsafe'}`, `fix "${fix.title}" for ${show(f, text)} left the finding in place: ${show(still, fixed)}\n--- after the fix:\n${fixed}`);
      if (fix.safe) {
        // A safe fix keeps the cluster up: the steps it writes are not refused and take no node offline for good.
        const written = writtenRanges(fix.edits);
        const bad = after.findings.find((g) => (g.code === 'join-incompatible' || g.code === 'join-no-cluster' || g.code === 'cluster-offline') && written.some(([s, e]) => s <= g.offset && g.offset < e));
        if (bad) fail(`safe-fix-writes-failing-step:${f.code}:${bad.code}`, `safe fix "${fix.title}" for ${show(f, text)} writes a step that fails: ${show(bad, fixed)}\n--- after the fix:\n${fixed}`);
        // …and does not trade its error for another one at the same place.
        const traded = f.severity === 'error' ? after.findings.find((g) => g.severity === 'error' && g.offset === at) : undefined;
        if (traded) fail(`safe-fix-trades-error:${f.code}:${traded.code}`, `safe fix "${fix.title}" for ${show(f, text)} leaves another error in its place: ${show(traded, fixed)}\n--- after the fix:\n${fixed}`);
      }
      if (stats) stats.applied++;
    }
  }
}

/** The most one applied fix may add: a join fix inserts stop, set and start per sponsor plus one set. */
export function growthBound(analysis: Analysis, applied: number): number {
  const nodes = analysis.plan?.nodes.length ?? 0;
  const indent = Math.max(0, ...(analysis.document.text.match(/^[ \t]*/gm) ?? ['']).map((s) => s.length));
  const perStep = 160 + 4 * indent;
  return applied * (3 * nodes + 2) * perStep;
}

/**
 * Fix-all: terminates well under its cap, reaches a fixed point (fix-all on its own output changes nothing),
 * never adds a syntax error or an error overall, and grows the file by a bounded amount per applied fix.
 */
export function checkFixAll(text: string, before: Analysis): void {
  const start = performance.now();
  let result: ReturnType<typeof fixAll>;
  try {
    result = fixAll(text);
  } catch (error) {
    fail(`fixAll-threw:${error instanceof Error ? error.name : 'value'}`, `fixAll threw: ${describeError(error)}`);
  }
  const ms = performance.now() - start;
  if (ms > FIX_ALL_BUDGET_MS) fail('fixAll-slow', `fixAll took ${ms.toFixed(0)} ms on ${text.length} characters (budget ${FIX_ALL_BUDGET_MS} ms)`);
  within('after-fixAll', () => checkAnalysis(result.text, result.analysis));
  if (result.applied.length >= 200) fail('fixAll-cap', `fixAll hit its cap of 200 fixes: ${result.applied.slice(0, 5).map((a) => a.code).join(', ')}…`);
  // Every applied fix makes its code rarer; a fix may create findings of later codes, but never cycle.
  if (result.applied.length > before.findings.length * 4 + 8) {
    fail('fixAll-too-many', `fixAll applied ${result.applied.length} fixes for ${before.findings.length} findings: ${result.applied.map((a) => a.code).join(', ')}`);
  }
  const count = (a: Analysis, test: (f: Finding) => boolean) => a.findings.filter(test).length;
  if (count(result.analysis, (f) => f.code === 'syntax') > count(before, (f) => f.code === 'syntax')) fail('fixAll-adds-syntax-error', `fixAll added a syntax error\n--- after:\n${result.text}`);
  if (count(result.analysis, (f) => f.severity === 'error') > count(before, (f) => f.severity === 'error')) {
    fail('fixAll-adds-errors', `fixAll added errors: ${count(before, (f) => f.severity === 'error')} → ${count(result.analysis, (f) => f.severity === 'error')}\n--- after:\n${result.text}`);
  }
  const bound = text.length + growthBound(before, result.applied.length);
  if (result.text.length > bound) fail('fixAll-growth', `fixAll grew the file from ${text.length} to ${result.text.length} characters with ${result.applied.length} fixes (bound ${bound})`);
  if (result.applied.length === 0 && result.text !== text) fail('fixAll-changed-nothing-applied', 'fixAll applied nothing but changed the text');
  const again = fixAll(result.text);
  if (again.text !== result.text || again.applied.length > 0) {
    fail('fixAll-not-fixed-point', `fixAll is not at a fixed point: a second pass applied ${again.applied.map((a) => `${a.code} (${a.title})`).join(', ')}`);
  }
}

/** Everything, for one text: what the property tests and the long run check on each generated plan. */
export function checkAll(text: string, options: { fixes?: boolean | 'compute'; fixAll?: boolean; stats?: FixStats } = {}): Analysis {
  const analysis = timedAnalyze(text);
  checkAnalysis(text, analysis);
  checkDeterministic(text, analysis);
  if (options.fixes !== false) checkFixes(text, analysis, options.stats, options.fixes !== 'compute');
  if (options.fixAll !== false) checkFixAll(text, analysis);
  return analysis;
}

/** Code, severity, pointers and fixes, with node names (the keys under /nodes) replaced by `rename`: to compare two renderings of one plan. */
export function shape(analysis: Analysis, rename: (name: string) => string): string[] {
  const pointer = (p: string) =>
    p
      .split('/')
      .map((s, i, all) => (i === 2 && all[1] === 'nodes' ? rename(s.replace(/~1/g, '/').replace(/~0/g, '~')) : s))
      .join('/');
  return analysis.findings
    .map((f) => {
      // "Did you mean" suggestions depend on the spelling of the names, so their fixes are left out.
      const spelling = f.code === 'unknown-node' || f.code === 'unknown-version-alias';
      const fixes = spelling ? ['…'] : fixesFor(analysis, f).map((x) => `${x.safe ? 'safe' : 'unsafe'}${x.isPreferred ? '*' : ''}`);
      return `${f.code} ${f.severity} ${pointer(f.pointer)} [${f.related.map((r) => pointer(r.pointer)).join(', ')}] fixes: ${fixes.join(' ')}`;
    })
    .sort();
}

// ── isolated runs ──────────────────────────────────────────────────────────────────────────────────────

const CORE = path.resolve(__dirname, '../../src/core/index.js');

export type IsolatedResult =
  | { readonly outcome: 'done'; readonly ms: number; readonly codes: readonly string[] }
  | { readonly outcome: 'violation'; readonly ms: number; readonly kind: string; readonly message: string }
  | { readonly outcome: 'timeout'; readonly ms: number }
  | { readonly outcome: 'out-of-memory' | 'threw'; readonly ms: number; readonly message: string };

/**
 * In a worker thread that is terminated after `timeoutMs` or when its heap passes `heapMb`, so that a
 * quadratic or runaway input costs a test its time limit, not minutes or the test process:
 * `analyze` (mode 'analyze'), or every check of `checkAll` (mode 'check').
 */
export function runIsolated(text: string, options: { timeoutMs: number; heapMb?: number; mode?: 'analyze' | 'check' }): Promise<IsolatedResult> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const start = performance.now();
    if (workerData.mode === 'check') {
      const checks = require(${JSON.stringify(__filename)});
      try {
        const analysis = checks.checkAll(workerData.text);
        parentPort.postMessage({ outcome: 'done', ms: performance.now() - start, codes: analysis.findings.map((f) => f.code) });
      } catch (error) {
        parentPort.postMessage({ outcome: 'violation', ms: performance.now() - start, kind: checks.kindOf(error), message: error instanceof Error ? error.message : String(error) });
      }
    } else {
      const analysis = require(${JSON.stringify(CORE)}).analyze(workerData.text);
      parentPort.postMessage({ outcome: 'done', ms: performance.now() - start, codes: analysis.findings.map((f) => f.code) });
    }
  `;
  return new Promise((resolve) => {
    const start = performance.now();
    const worker = new Worker(code, { eval: true, workerData: { text, mode: options.mode ?? 'analyze' }, resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? 1024 } });
    let settled = false;
    const settle = (result: IsolatedResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => settle({ outcome: 'timeout', ms: performance.now() - start }), options.timeoutMs);
    worker.on('message', (m: IsolatedResult) => settle(m));
    worker.on('error', (error: Error & { code?: string }) =>
      settle({ outcome: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'threw', ms: performance.now() - start, message: describeError(error) }),
    );
    worker.on('exit', () => settle({ outcome: 'threw', ms: performance.now() - start, message: 'the worker exited without an answer' }));
  });
}
