import { stepLabel } from '../describe';
import { formatLevel, formatNodeLevel, levelOf } from '../functionalLevel';
import { BUILT_IN_RELEASES } from '../catalog';
import type { StepResult } from '../simulate';
import type { PlanRule } from './rule';

export const upgradeSkipsRelease: PlanRule = {
  code: 'upgrade-skips-release',
  severity: 'error',
  needs: 'plan',
  title: 'An upgrade takes a member past the next release',
  explanation:
    'A Cluster OS Rolling Upgrade goes to the next release only: a node may run the cluster\'s functional level or the level above it, never two above. A member upgraded further is refused with error 5075 when it starts. Upgrade to the next release, raise the functional level once every node runs it, then repeat the rolling upgrade for the release after.',
  check({ timeline }, report) {
    for (const result of timeline.steps) {
      const skip = skippedRelease(result);
      if (!skip || result.step.action !== 'upgrade' || !result.step.to) continue;
      const next = skip.functionalLevel + 1;
      const alias = nextReleaseAlias(skip.functionalLevel);
      report(
        result.step.to,
        `${result.target!.name} is upgraded to ${formatNodeLevel(skip.level)} at ${stepLabel(result.step)}, but the cluster is at ${formatLevel(skip.functionalLevel)}: a rolling upgrade goes one release at a time, to ${formatNodeLevel(next)}. ` +
          (alias ? `Upgrade to "${alias}", raise the functional level once every node runs it, then repeat the rolling upgrade.` : 'No release has that level: check the version.'),
      );
    }
  },
};

/**
 * The level an upgrade of a member takes it to, when that is above FL + 1 (docs/simulation.md). A
 * non-member may be clean-installed with any release: the level rule judges it when it is added. At such
 * a step this rule replaces major-skew.
 */
export function skippedRelease(result: StepResult): { level: number; functionalLevel: number } | undefined {
  const { step, target } = result;
  const functionalLevel = result.before.functionalLevel;
  if (step.action !== 'upgrade' || !target?.member || functionalLevel === undefined || step.to?.highest === undefined) return undefined;
  const level = levelOf(step.to.highest);
  return level > functionalLevel + 1 ? { level, functionalLevel } : undefined;
}

/** The built-in alias of level FL + 1, the release the cluster moves to next: "ws2019" at FL 9. */
export function nextReleaseAlias(functionalLevel: number): string | undefined {
  return BUILT_IN_RELEASES.find((r) => !r.preRelease && levelOf(r.highest) === functionalLevel + 1)?.alias;
}
