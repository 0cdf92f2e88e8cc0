import { stepIndexOf, stepLabel } from '../describe';
import type { Finding, Fix } from '../finding';
import type { NodeDeclaration, Plan } from '../plan';
import type { RuleContext } from '../rules/rule';
import { undrainedOthers } from '../rules/not-drained';
import { insertSteps, insertStepsAfter, type NewStep } from './stepEdits';

/** The steps that bring a member back: the resume goes after the first of them. */
const STARTS: ReadonlySet<string> = new Set(['start', 'join', 'restart', 'add']);

// The quick fixes of not-drained (rules/not-drained.ts).
export function fixes({ document, plan, timeline }: RuleContext, finding: Finding): Fix[] {
  const index = stepIndexOf(finding.pointer);
  const result = index === undefined ? undefined : timeline.steps[index];
  if (index === undefined || !result || !plan.functionalLevelPlan || !undrainedOthers(result)) return [];
  const name = result.target!.declaration.name;
  const step = (action: string): NewStep => ({ action, node: name });
  const back = resumeAt(plan, index, result.target!.declaration);
  const edits = insertSteps(document, plan, index, [step('drain')]);
  if (back !== undefined) edits.push(...insertStepsAfter(document, plan, back - 1, [step('resume')]));
  const title = `Drain ${name} before ${stepLabel(plan.steps[index]!)}` + (back === undefined ? '' : ` and resume it after ${stepLabel(plan.steps[back - 1]!)}`);
  // Draining moves the roles and keeps the cluster up; the resume only undoes it where the node is back.
  return [{ title, edits, isPreferred: true, safe: true }];
}

/**
 * Where the resume goes: after the node's next start, join, restart or add (a restart is its own), so the
 * node takes roles again once it is back. None if the plan resumes it before that, if the step is an evict
 * (an evicted node is no longer paused), or if the node never comes back.
 */
function resumeAt(plan: Plan, index: number, node: NodeDeclaration): number | undefined {
  const action = plan.steps[index]!.action;
  if (action === 'evict') return undefined;
  for (let k = action === 'restart' ? index : index + 1; k < plan.steps.length; k++) {
    const step = plan.steps[k]!;
    if (!('target' in step) || step.target?.declaration !== node || step.action === 'set-registry' || step.action === 'delete-registry') continue;
    if (step.action === 'resume' || step.action === 'evict') return undefined;
    if (STARTS.has(step.action)) return k + 1;
  }
  return undefined;
}
