import { closest } from '../closest';
import type { Finding, Fix } from '../finding';
import type { RuleContext } from '../rules/rule';
import { declaredNames } from '../rules/unknown-node';
import { replaceValue } from './stepEdits';

// The quick fixes of unknown-node (rules/unknown-node.ts).
export function fixes({ plan, document }: RuleContext, finding: Finding): Fix[] {
  const ref = plan.nodeReferences.find((r) => r.node.offset === finding.offset && !r.declaration);
  const suggestion = ref && closest(ref.name, declaredNames(plan.nodes));
  if (!ref || !suggestion) return [];
  // A guess between similar names (NODE1/NODE2) must be confirmed by a person, so fix-all leaves it.
  return [{ title: `Change to "${suggestion}"`, edits: replaceValue(document, ref.node, suggestion), isPreferred: true, safe: false }];
}
