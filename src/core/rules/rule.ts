import type { Severity } from '../finding';
import type { Located, Plan } from '../plan';
import type { PlanDocument } from '../planDocument';
import type { Timeline } from '../simulate';
import type { Suppression } from '../suppressions';

/** What a plan-level rule reads: the text, the plan model and the simulated timeline. */
export interface RuleContext {
  readonly document: PlanDocument;
  readonly plan: Plan;
  readonly timeline: Timeline;
}

export interface Related {
  readonly where: Located;
  readonly message: string;
}

export type Report = (where: Located, message: string, related?: readonly Related[]) => void;

interface RuleBase {
  /** Stable: used in the CLI output, SARIF, `clusterplan.rules` and suppression comments. */
  readonly code: string;
  readonly severity: Severity;
  /** One line, for SARIF's shortDescription and the rules' index. */
  readonly title: string;
  /** What the rule checks and why, in an administrator's words (hovers, SARIF fullDescription). */
  readonly explanation: string;
}

/** A rule that needs only the text: it still runs when the plan cannot be read. */
export interface TextRule extends RuleBase {
  readonly needs: 'text';
  check(document: PlanDocument, report: (offset: number, length: number, message: string) => void): void;
}

export interface PlanRule extends RuleBase {
  readonly needs: 'plan';
  /** The finding is about the state at the end of the plan, wherever its pointer shows it. */
  readonly atEnd?: boolean;
  check(context: RuleContext, report: Report): void;
  // A rule's quick fixes are in fixes/<code>.ts (FIXES in fixes/index.ts), and its page in docs/rules/<code>.md:
  // a rule finds, its fixes edit, and the diagnostics never compute a fix.
}

/** A rule about the other findings: it runs last, over the suppression comments and what they hid. */
export interface FindingsRule extends RuleBase {
  readonly needs: 'findings';
  check(
    context: { readonly document: PlanDocument; readonly suppressions: readonly Suppression[]; readonly used: ReadonlySet<Suppression> },
    report: (offset: number, length: number, message: string) => void,
  ): void;
}

export type Rule = TextRule | PlanRule | FindingsRule;
