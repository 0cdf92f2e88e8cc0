import type { Finding, RelatedLocation, Severity } from './finding';
import { keepLatest } from './keepLatest';
import type { Located, Plan } from './plan';
import { DEFAULT_LIMITS, PlanDocument, type Limits } from './planDocument';
import { readPlan } from './readPlan';
import { readRegularPlan } from './readRegularPlan';
import { RULES, ruleFor, type Rule, type RuleContext } from './rules';
import type { Related, Report } from './rules/rule';
import { MAX_NODES, simulate, type Timeline } from './simulate';
import { findSuppressions, isSuppressed, type Suppression } from './suppressions';

export interface AnalysisOptions {
  readonly limits?: Limits;
  /** Per rule code: another severity, or 'off' to drop the rule's findings. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
  /**
   * False reads every plan through the tree (readPlan.ts), never from its values (readRegularPlan.ts). Both
   * give the same analysis; test/unit/regular-plan.test.ts compares them.
   */
  readonly readValues?: boolean;
}

export interface Analysis {
  readonly document: PlanDocument;
  /** Undefined when the text could not be read as a plan at all (empty, or over a limit). */
  readonly plan: Plan | undefined;
  readonly timeline: Timeline | undefined;
  readonly findings: readonly Finding[];
}

/** The one entry point the editor and the CLI share: text in, findings and the timeline out. Never throws. */
export function analyze(text: string, options: AnalysisOptions = {}): Analysis {
  const document = new PlanDocument(text, options.limits ?? DEFAULT_LIMITS);
  // Most plans are regular: read from JSON.parse's values, without the tree, which costs more than the rest.
  const regular = options.readValues === false ? undefined : readRegularPlan(document);
  if (regular) document.confirmWellFormed(regular.stepTable.length);
  const findings: Finding[] = [];
  const severityOf = (rule: Rule) => options.severities?.[rule.code] ?? rule.severity;

  for (const rule of RULES) {
    if (rule.needs !== 'text' || severityOf(rule) === 'off') continue;
    guarded(rule, findings, () =>
      rule.check(document, (offset, length, message) => findings.push(finding(document, rule, severityOf(rule) as Severity, message, document.pointerAt(offset) ?? '', offset, length, []))),
    );
  }

  let plan: Plan | undefined;
  let timeline: Timeline | undefined;
  if (regular || (!document.limitProblem && document.root)) {
    plan = regular ?? readPlan(document.root!, text);
    const nodeCount = plan.nodes.filter((n) => !n.duplicateOf).length;
    if (nodeCount > MAX_NODES) {
      // A failover cluster has at most 64 nodes; simulating thousands would cost nodes × steps for nothing.
      const rule = ruleFor('limit-exceeded')!;
      if (severityOf(rule) !== 'off') {
        findings.push(finding(document, rule, severityOf(rule) as Severity, `The plan declares ${nodeCount} nodes; a failover cluster has at most ${MAX_NODES}, so clusterplan does not simulate it.`, plan.nodesAnchor.pointer, plan.nodesAnchor.node.offset, plan.nodesAnchor.node.length, []));
      }
      const kept = applySuppressions(document, findings, severityOf);
      kept.sort((a, b) => a.offset - b.offset);
      document.endPartialTree();
      return { document, plan, timeline: undefined, findings: kept };
    }
    timeline = simulate(plan);
    const context: RuleContext = { document, plan, timeline };
    for (const rule of RULES) {
      const severity = severityOf(rule);
      if (rule.needs !== 'plan' || severity === 'off') continue;
      reporting = { document, findings, severity };
      guarded(rule, findings, () => rule.check(context, REPORTERS.get(rule)!));
    }
    reporting = undefined;
  } else if (!document.root && document.syntaxErrors.length === 0 && !document.limitProblem) {
    const rule = ruleFor('schema')!;
    if (severityOf(rule) !== 'off') {
      findings.push(finding(document, rule, severityOf(rule) as Severity, 'The file is empty: a plan is an object with "nodes" and "steps".', '', 0, 0, []));
    }
  }
  const kept = applySuppressions(document, findings, severityOf);
  kept.sort((a, b) => a.offset - b.offset);
  document.endPartialTree();
  const analysis: Analysis = { document, plan, timeline, findings: kept };
  keepLatest(analyze, analysis);
  return analysis;
}

/** Where the plan rule that runs now reports to: set before each check, read by its function in REPORTERS. */
let reporting: { readonly document: PlanDocument; readonly findings: Finding[]; readonly severity: Severity } | undefined;

/**
 * Each plan rule's report function, made once rather than at every analysis. Checks call `report` in loops
 * over the steps, and V8 inlines the very function it saw there into a check's optimised code: a function made
 * per analysis would die with it, and the next full garbage collection would throw that code away with it
 * (keepLatest.ts).
 */
const REPORTERS: ReadonlyMap<Rule, Report> = new Map(
  RULES.map((rule): [Rule, Report] => [
    rule,
    (where, message, related = []) => {
      const { document, findings, severity } = reporting!;
      findings.push(finding(document, rule, severity, message, where.pointer, where.node.offset, where.node.length, related.map((r) => relatedLocation(document, r))));
    },
  ]),
);

const KNOWN_CODES: ReadonlySet<string> = new Set(RULES.map((r) => r.code));

/** Drops what `// clusterplan-disable-next-line` comments hide, then reports the comments that hid nothing. */
function applySuppressions(document: PlanDocument, findings: Finding[], severityOf: (rule: Rule) => Severity | 'off'): Finding[] {
  if (document.limitProblem) return findings;
  const suppressions = findSuppressions(document, KNOWN_CODES);
  if (suppressions.length === 0) return findings;
  const used = new Set<Suppression>();
  const kept = findings.filter((f) => !isSuppressed(document, f, suppressions, used));
  for (const rule of RULES) {
    const severity = severityOf(rule);
    if (rule.needs !== 'findings' || severity === 'off') continue;
    guarded(rule, kept, () =>
      rule.check({ document, suppressions, used }, (offset, length, message) =>
        kept.push(finding(document, rule, severity, message, document.pointerAt(offset) ?? '', offset, length, [])),
      ),
    );
  }
  return kept;
}

// One literal each, not `...clamped(...)`: the spread's hidden classes died between analyses, and with them
// the optimised code of every check that reports in a loop (keepLatest.ts).
function finding(document: PlanDocument, rule: Rule, severity: Severity, message: string, pointer: string, offset: number, length: number, related: RelatedLocation[]): Finding {
  const start = clampedStart(document, offset);
  return { code: rule.code, severity, message, pointer, offset: start, length: clampedLength(document, start, length), related };
}

function relatedLocation(document: PlanDocument, r: Related): RelatedLocation {
  const node = r.where.node;
  const start = clampedStart(document, node.offset);
  return { pointer: r.where.pointer, offset: start, length: clampedLength(document, start, node.length), message: r.message };
}

// Inside the text: jsonc-parser's recovery from an unterminated comment can reach one past the end.
function clampedStart(document: PlanDocument, offset: number): number {
  return Math.max(0, Math.min(offset, document.text.length));
}

function clampedLength(document: PlanDocument, start: number, length: number): number {
  return Math.max(0, Math.min(length, document.text.length - start));
}

/** A defect in one rule must not hide every other finding, nor crash the editor. */
function guarded(rule: Rule, findings: Finding[], check: () => void): void {
  try {
    check();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    findings.push({
      code: 'internal-error',
      severity: 'error',
      message: `clusterplan could not run the rule ${rule.code} (${detail}). The other rules ran; please report this plan.`,
      pointer: '',
      offset: 0,
      length: 0,
      related: [],
    });
  }
}

export type { Located };
