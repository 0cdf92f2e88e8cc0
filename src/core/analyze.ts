import type { Finding, RelatedLocation, Severity } from './finding';
import type { Located, Plan } from './plan';
import { DEFAULT_LIMITS, PlanDocument, type Limits } from './planDocument';
import { readPlan } from './readPlan';
import { readRegularPlan } from './readRegularPlan';
import { RULES, ruleFor, type Rule, type RuleContext } from './rules';
import type { Related } from './rules/rule';
import { simulate, type Timeline } from './simulate';
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
      guarded(rule, findings, () =>
        rule.check(context, (where, message, related = []) =>
          findings.push(finding(document, rule, severity, message, where.pointer, where.node.offset, where.node.length, related.map((r) => relatedLocation(document, r)))),
        ),
      );
    }
  } else if (!document.root && document.syntaxErrors.length === 0 && !document.limitProblem) {
    const rule = ruleFor('schema')!;
    if (severityOf(rule) !== 'off') {
      findings.push(finding(document, rule, severityOf(rule) as Severity, 'The file is empty: a plan is an object with "nodes" and "steps".', '', 0, 0, []));
    }
  }
  const kept = applySuppressions(document, findings, severityOf);
  kept.sort((a, b) => a.offset - b.offset);
  document.endPartialTree();
  return { document, plan, timeline, findings: kept };
}

/** Windows Server 2016 and later; Windows Server 2003 had 8. */
export const MAX_NODES = 64;

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

function finding(document: PlanDocument, rule: Rule, severity: Severity, message: string, pointer: string, offset: number, length: number, related: RelatedLocation[]): Finding {
  return { code: rule.code, severity, message, pointer, ...clamped(document, offset, length), related };
}

function relatedLocation(document: PlanDocument, r: Related): RelatedLocation {
  return { pointer: r.where.pointer, ...clamped(document, r.where.node.offset, r.where.node.length), message: r.message };
}

/** Inside the text: jsonc-parser's recovery from an unterminated comment can reach one past the end. */
function clamped(document: PlanDocument, offset: number, length: number): { offset: number; length: number } {
  const end = document.text.length;
  const start = Math.max(0, Math.min(offset, end));
  return { offset: start, length: Math.max(0, Math.min(length, end - start)) };
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
