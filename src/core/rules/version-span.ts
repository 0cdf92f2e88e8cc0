import { formatVersion, majorOf } from '../versions';
import { pairHolders, pairOf, pairSubject, pairWhere } from './versionPairs';
import type { PlanRule } from './rule';

export const versionSpan: PlanRule = {
  code: 'version-span',
  severity: 'warning',
  needs: 'plan',
  title: 'A node\'s lowest and highest majors are more than 1 apart',
  explanation:
    'Cluster service releases whose majors differ by more than 1 are never compatible, so a node cannot claim compatibility that far back. Check the numbers against the release you install.',
  check({ plan }, report) {
    for (const holder of pairHolders(plan)) {
      const { highest, lowest } = pairOf(holder);
      if (highest === undefined || lowest === undefined || lowest > highest) continue;
      const span = majorOf(highest) - majorOf(lowest);
      if (span <= 1) continue;
      report(
        pairWhere(holder),
        `${pairSubject(holder)}: lowest ${formatVersion(lowest)} and highest ${formatVersion(highest)} are ${span} majors apart; Cluster service releases more than 1 major apart are never compatible.`,
      );
    }
  },
};
