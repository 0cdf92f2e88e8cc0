import { stepIndexOf } from '../describe';
import type { Finding, Fix } from '../finding';
import type { RuleContext } from '../rules/rule';
import { nextReleaseAlias, skippedRelease } from '../rules/upgrade-skips-release';
import { replaceValue } from './stepEdits';

// The quick fixes of upgrade-skips-release (rules/upgrade-skips-release.ts).
export function fixes({ document, timeline }: RuleContext, finding: Finding): Fix[] {
  const index = stepIndexOf(finding.pointer.replace(/\/to$/, ''));
  const result = index === undefined ? undefined : timeline.steps[index];
  const skip = result && skippedRelease(result);
  const alias = skip && nextReleaseAlias(skip.functionalLevel);
  if (!result || result.step.action !== 'upgrade' || !result.step.to || !alias) return [];
  // Not safe: it changes the release the runbook installs, which the administrator decides.
  return [{ title: `Upgrade to "${alias}", the next release`, edits: replaceValue(document, result.step.to.node, alias), isPreferred: true, safe: false }];
}
