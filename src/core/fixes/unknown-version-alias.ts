import type { Finding, Fix } from '../finding';
import type { RuleContext } from '../rules/rule';
import { literalValue } from '../tree';
import { replaceValue } from './stepEdits';

// The quick fixes of unknown-version-alias (rules/unknown-version-alias.ts).
export function fixes({ plan, document }: RuleContext, finding: Finding): Fix[] {
  const value = plan.versionValues.find((v) => v.node.offset === finding.offset && v.problem?.suggestion !== undefined);
  const suggestion = value?.problem?.suggestion;
  if (!value || !suggestion) return [];
  const written = String(literalValue(value.node));
  // Only a difference of case is certain enough to apply without asking.
  const safe = written.toLowerCase() === suggestion.toLowerCase();
  return [{ title: `Change to "${suggestion}"`, edits: replaceValue(document, value.node, suggestion), isPreferred: true, safe }];
}
