import { alreadyMember } from './already-member';
import { alreadyRunning } from './already-running';
import { clusterOffline } from './cluster-offline';
import { duplicateNode } from './duplicate-node';
import { functionalLevelNotRaised } from './functional-level-not-raised';
import { functionalLevelUpdateNoop } from './functional-level-update-noop';
import { functionalLevelUpdateRefused } from './functional-level-update-refused';
import { invalidSuppression } from './invalid-suppression';
import { invalidVersion } from './invalid-version';
import { joinIncompatible } from './join-incompatible';
import { joinNoCluster } from './join-no-cluster';
import { limitExceeded } from './limit-exceeded';
import { lowestAboveHighest } from './lowest-above-highest';
import { majorSkew } from './major-skew';
import { mixedAtEnd } from './mixed-at-end';
import { notAMember } from './not-a-member';
import { notDrained } from './not-drained';
import { notRunning } from './not-running';
import { noVersionCheckLeftover } from './noversioncheck-leftover';
import { noVersionCheckStillEffective } from './noversioncheck-still-effective';
import { noVersionCheckValue } from './noversioncheck-value';
import { pausedAtEnd } from './paused-at-end';
import { registryOtherComputer } from './registry-other-computer';
import { registryWhileRunning } from './registry-while-running';
import type { Rule } from './rule';
import { schema } from './schema';
import { securityDescriptor } from './security-descriptor';
import { sponsorNotRunning } from './sponsor-not-running';
import { suppressionReasonMissing } from './suppression-reason-missing';
import { syntax } from './syntax';
import { unknownNode } from './unknown-node';
import { unknownVersionAlias } from './unknown-version-alias';
import { unusedSuppression } from './unused-suppression';
import { upgradeSkipsRelease } from './upgrade-skips-release';
import { versionSpan } from './version-span';

/**
 * Every rule, in the order of the rules' index (docs/rules/README.md). A rule's check is rules/<code>.ts, its
 * quick fixes fixes/<code>.ts, its page docs/rules/<code>.md.
 */
export const RULES: readonly Rule[] = [
  syntax,
  schema,
  duplicateNode,
  unknownNode,
  invalidVersion,
  unknownVersionAlias,
  lowestAboveHighest,
  versionSpan,
  majorSkew,
  upgradeSkipsRelease,
  joinIncompatible,
  joinNoCluster,
  alreadyRunning,
  notRunning,
  notAMember,
  alreadyMember,
  notDrained,
  registryWhileRunning,
  registryOtherComputer,
  noVersionCheckValue,
  noVersionCheckLeftover,
  noVersionCheckStillEffective,
  securityDescriptor,
  clusterOffline,
  mixedAtEnd,
  functionalLevelUpdateRefused,
  functionalLevelUpdateNoop,
  functionalLevelNotRaised,
  pausedAtEnd,
  sponsorNotRunning,
  limitExceeded,
  invalidSuppression,
  suppressionReasonMissing,
  unusedSuppression,
];

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));

export function ruleFor(code: string): Rule | undefined {
  return BY_CODE.get(code);
}

export type { Rule, PlanRule, TextRule, FindingsRule, RuleContext } from './rule';
