import type { Finding, Fix } from '../finding';
import type { RuleContext } from '../rules/rule';
import { insertSteps } from './stepEdits';

// The quick fixes of paused-at-end (rules/paused-at-end.ts).
export function fixes({ document, plan, timeline }: RuleContext, finding: Finding): Fix[] {
  const node = timeline.final.nodes.find((n) => n.member && n.paused && n.declaration.pointer === finding.pointer);
  if (!node) return [];
  const name = node.declaration.name;
  // Resume-ClusterNode stops nothing and guesses nothing: the node takes roles again.
  return [{ title: `Resume ${name} at the end`, edits: insertSteps(document, plan, plan.steps.length, [{ action: 'resume', node: name }]), isPreferred: true, safe: true }];
}
