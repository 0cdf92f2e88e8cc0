import type { Finding, Fix } from '../finding';
import type { RuleContext } from '../rules/rule';
import { replaceValue } from './stepEdits';

// The quick fixes of invalid-version (rules/invalid-version.ts).
export function fixes({ plan, document }: RuleContext, finding: Finding): Fix[] {
  const value = plan.versionValues.find((v) => v.node.offset === finding.offset && v.problem?.quoteAs !== undefined);
  if (!value?.problem?.quoteAs) return [];
  const quoted = value.problem.quoteAs;
  return [{ title: `Quote as "${quoted}"`, edits: replaceValue(document, value.node, quoted), isPreferred: true, safe: true }];
}
