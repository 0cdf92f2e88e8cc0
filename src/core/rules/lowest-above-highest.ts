import { formatVersion } from '../versions';
import { forEachPair, holderAt, pairSubject, pairWhere } from './versionPairs';
import type { PlanRule } from './rule';

export const lowestAboveHighest: PlanRule = {
  code: 'lowest-above-highest',
  severity: 'error',
  needs: 'plan',
  title: 'A lowest version is above its highest version',
  explanation:
    'NodeLowestVersion is the earliest version the installed Cluster service is compatible with, so it can never be above NodeHighestVersion, the installed version. The numbers are probably swapped.',
  check({ plan }, report) {
    forEachPair(plan, (highest, lowest, at) => {
      if (highest === undefined || lowest === undefined || lowest <= highest) return;
      const holder = holderAt(plan, at);
      report(pairWhere(holder), `${pairSubject(holder)}: lowest ${formatVersion(lowest)} is above highest ${formatVersion(highest)}. Are the two swapped?`);
    });
  },
};
