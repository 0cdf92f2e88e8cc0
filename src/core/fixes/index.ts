import type { Finding, Fix } from '../finding';
import type { RuleContext } from '../rules/rule';
import { fixes as functionalLevelNotRaised } from './functional-level-not-raised';
import { fixes as invalidVersion } from './invalid-version';
import { fixes as joinIncompatible } from './join-incompatible';
import { fixes as notDrained } from './not-drained';
import { fixes as noVersionCheckLeftover } from './noversioncheck-leftover';
import { fixes as noVersionCheckStillEffective } from './noversioncheck-still-effective';
import { fixes as pausedAtEnd } from './paused-at-end';
import { fixes as registryWhileRunning } from './registry-while-running';
import { fixes as securityDescriptor } from './security-descriptor';
import { fixes as unknownNode } from './unknown-node';
import { fixes as unknownVersionAlias } from './unknown-version-alias';
import { fixes as upgradeSkipsRelease } from './upgrade-skips-release';

/** Pure: edits against `context.document.text` that remove `finding`. */
export type RuleFixes = (context: RuleContext, finding: Finding) => Fix[];

/** The quick fixes of each rule that has some, by rule code; each in fixes/<code>.ts, beside rules/<code>.ts. */
export const FIXES: Readonly<Record<string, RuleFixes | undefined>> = {
  'functional-level-not-raised': functionalLevelNotRaised,
  'invalid-version': invalidVersion,
  'join-incompatible': joinIncompatible,
  'not-drained': notDrained,
  'noversioncheck-leftover': noVersionCheckLeftover,
  'noversioncheck-still-effective': noVersionCheckStillEffective,
  'paused-at-end': pausedAtEnd,
  'registry-while-running': registryWhileRunning,
  'security-descriptor': securityDescriptor,
  'unknown-node': unknownNode,
  'unknown-version-alias': unknownVersionAlias,
  'upgrade-skips-release': upgradeSkipsRelease,
};
