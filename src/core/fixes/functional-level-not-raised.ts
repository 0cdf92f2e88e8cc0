import type { Finding, Fix } from '../finding';
import { nameList } from '../describe';
import { formatLevel } from '../functionalLevel';
import { allAtNextLevel } from '../rules/functional-level-not-raised';
import type { RuleContext } from '../rules/rule';
import { insertSteps } from './stepEdits';

// The quick fixes of functional-level-not-raised (rules/functional-level-not-raised.ts).
export function fixes({ document, plan, timeline }: RuleContext, _finding: Finding): Fix[] {
  const end = timeline.final;
  const FL = end.functionalLevel;
  if (FL === undefined || !allAtNextLevel(end, FL)) return [];
  // Update-ClusterFunctionalLevel fails while a member is stopped or paused: the title says so rather than hide the fix.
  const notReady = end.nodes.filter((n) => n.member && (!n.running || n.paused));
  const refused = notReady.length > 0 ? ` (refused while ${nameList(notReady)} ${notReady.length === 1 ? 'is' : 'are'} stopped or paused)` : '';
  return [
    {
      title: `Raise the functional level to ${formatLevel(FL + 1)} at the end; this cannot be undone${refused}`,
      edits: insertSteps(document, plan, plan.steps.length, [{ action: 'update-functional-level' }]),
      isPreferred: true,
      // Raising the level is for good: an administrator decides when, so fix-all never adds it.
      safe: false,
    },
  ];
}
