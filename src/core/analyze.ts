import type { Finding, RelatedLocation, Severity } from './finding';
import { declaredNodes, type Located, type Plan } from './plan';
import { DEFAULT_LIMITS, PlanDocument, type Limits } from './planDocument';
import { readPlan } from './readPlan';
import { RULES, ruleFor, type Rule, type RuleContext } from './rules';
import type { Related } from './rules/rule';
import { MAX_NODES, simulate, type Timeline } from './simulate';
import { findSuppressions, isSuppressed, type Suppression } from './suppressions';

export interface AnalysisOptions {
  readonly limits?: Limits;
  /** Per rule code: another severity, or 'off' to drop the rule's findings. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
}

export interface Analysis {
  readonly document: PlanDocument;
  /** Undefined when the text could not be read as a plan at all (empty, or over a limit). */
  readonly plan: Plan | undefined;
  /** Undefined without a plan, or when the plan declares more nodes than a cluster can have. */
  readonly timeline: Timeline | undefined;
  readonly findings: readonly Finding[];
}

/** Where a finding is shown. */
interface Place {
  readonly pointer: string;
  readonly offset: number;
  readonly length: number;
}

/**
 * The one entry point the editor and the CLI share: text in, findings and the timeline out. Never throws.
 * The text is read once (PlanDocument), turned into the plan model (readPlan.ts) and simulated
 * (simulate.ts); every rule reads those, and suppression comments are applied last.
 */
export function analyze(text: string, options: AnalysisOptions = {}): Analysis {
  const document = new PlanDocument(text, options.limits ?? DEFAULT_LIMITS);
  const severityOf = (rule: Rule) => options.severities?.[rule.code] ?? rule.severity;
  /** Adds a rule's finding to `list` at the rule's configured severity; nothing for a rule turned off. */
  const add = (list: Finding[], rule: Rule, message: string, place: Place, related: readonly Related[] = []) => {
    const severity = severityOf(rule);
    if (severity !== 'off') list.push(finding(document, rule.code, severity, message, place, related));
  };
  const placeAt = (offset: number, length: number): Place => ({ pointer: document.pointerAt(offset) ?? '', offset, length });

  const findings: Finding[] = [];
  for (const rule of RULES) {
    if (rule.needs === 'text') guarded(rule, findings, () => rule.check(document, (offset, length, message) => add(findings, rule, message, placeAt(offset, length))));
  }

  let plan: Plan | undefined;
  let timeline: Timeline | undefined;
  if (document.root && !document.limitProblem) {
    plan = readPlan(document.root, text);
    const nodeCount = declaredNodes(plan).length;
    if (nodeCount > MAX_NODES) {
      // A failover cluster has at most 64 nodes; simulating thousands would cost nodes × steps for nothing.
      const message = `The plan declares ${nodeCount} nodes; a failover cluster has at most ${MAX_NODES}, so clusterplan does not simulate it.`;
      add(findings, ruleFor('limit-exceeded')!, message, placeOf(plan.nodesAnchor));
    } else {
      timeline = simulate(plan);
      const context: RuleContext = { document, plan, timeline };
      for (const rule of RULES) {
        if (rule.needs !== 'plan' || severityOf(rule) === 'off') continue;
        guarded(rule, findings, () => rule.check(context, (where, message, related) => add(findings, rule, message, placeOf(where), related)));
      }
    }
  } else if (!document.root && document.syntaxErrors.length === 0 && !document.limitProblem) {
    add(findings, ruleFor('schema')!, 'The file is empty: a plan is an object with "nodes" and "steps".', { pointer: '', offset: 0, length: 0 });
  }

  // `// clusterplan-disable-next-line` comments hide findings; then the rules about the comments run.
  let kept = findings;
  const suppressions = document.limitProblem ? [] : findSuppressions(document, KNOWN_CODES);
  if (suppressions.length > 0) {
    const used = new Set<Suppression>();
    kept = findings.filter((f) => !isSuppressed(document, f, suppressions, used));
    for (const rule of RULES) {
      if (rule.needs === 'findings') guarded(rule, kept, () => rule.check({ document, suppressions, used }, (offset, length, message) => add(kept, rule, message, placeAt(offset, length))));
    }
  }
  kept.sort((a, b) => a.offset - b.offset);
  return { document, plan, timeline, findings: kept };
}

const KNOWN_CODES: ReadonlySet<string> = new Set(RULES.map((r) => r.code));

function placeOf(where: Located): Place {
  return { pointer: where.pointer, offset: where.node.offset, length: where.node.length };
}

function finding(document: PlanDocument, code: string, severity: Severity, message: string, place: Place, related: readonly Related[]): Finding {
  return { code, severity, message, pointer: place.pointer, ...clamped(document, place), related: related.map((r) => relatedLocation(document, r)) };
}

function relatedLocation(document: PlanDocument, r: Related): RelatedLocation {
  return { pointer: r.where.pointer, ...clamped(document, r.where.node), message: r.message };
}

/** Inside the text: jsonc-parser's recovery from an unterminated comment can reach one past the end. */
function clamped(document: PlanDocument, range: { offset: number; length: number }): { offset: number; length: number } {
  const offset = Math.max(0, Math.min(range.offset, document.text.length));
  return { offset, length: Math.max(0, Math.min(range.length, document.text.length - offset)) };
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
