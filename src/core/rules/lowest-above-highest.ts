import { formatVersion } from '../versions';
import { pairHolders, pairOf, pairSubject, pairWhere } from './versionPairs';
import type { PlanRule } from './rule';

export const lowestAboveHighest: PlanRule = {
  code: 'lowest-above-highest',
  severity: 'error',
  needs: 'plan',
  title: 'A lowest version is above its highest version',
  explanation:
    'NodeLowestVersion is the earliest version the installed Cluster service is compatible with, so it can never be above NodeHighestVersion, the installed version. The numbers are probably swapped.',
  check({ plan }, report) {
    for (const holder of pairHolders(plan)) {
      const { highest, lowest } = pairOf(holder);
      if (highest === undefined || lowest === undefined || lowest <= highest) continue;
      report(pairWhere(holder), `${pairSubject(holder)}: lowest ${formatVersion(lowest)} is above highest ${formatVersion(highest)}. Are the two swapped?`);
    }
  },
};
