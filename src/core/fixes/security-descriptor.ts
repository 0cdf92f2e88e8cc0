import type { Finding, Fix } from '../finding';
import type { RuleContext } from '../rules/rule';
import { descriptorState } from '../rules/security-descriptor';
import { insertSteps } from './stepEdits';

// The quick fixes of security-descriptor (rules/security-descriptor.ts).
export function fixes({ document, plan, timeline }: RuleContext, _finding: Finding): Fix[] {
  const state = descriptorState(plan, timeline);
  if (!state || state.missing.length === 0) return [];
  return [
    {
      title: `Fix the cluster security descriptor (KB 811272): ${state.missing.map((m) => m.short).join(', ')}`,
      edits: insertSteps(document, plan, plan.steps.length, state.missing.map((m) => m.step)),
      isPreferred: true,
      safe: true,
    },
  ];
}
