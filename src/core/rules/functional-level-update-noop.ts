import { stepLabel } from '../describe';
import { formatNodeLevel } from '../functionalLevel';
import { levelName, levelsRun } from './levelWords';
import type { PlanRule } from './rule';

export const functionalLevelUpdateNoop: PlanRule = {
  code: 'functional-level-update-noop',
  severity: 'warning',
  needs: 'plan',
  title: 'Update-ClusterFunctionalLevel changes nothing: no member runs the next release',
  explanation:
    'Update-ClusterFunctionalLevel raises the cluster functional level by one, to the release every member runs. When no member runs the next release yet, it has nothing to raise and changes nothing: the step is either too early or not needed.',
  check({ timeline }, report) {
    for (const r of timeline.steps) {
      const update = r.levelUpdate;
      if (update?.outcome !== 'noop' || update.functionalLevel === undefined) continue;
      const FL = update.functionalLevel;
      const members = r.before.nodes.filter((n) => n.member);
      const run = members.length === 0 ? 'the cluster has no member' : levelsRun(members);
      report(
        r.step,
        `Update-ClusterFunctionalLevel at ${stepLabel(r.step)} changes nothing: no member runs ${formatNodeLevel(FL + 1)}, the level above ${levelName(FL)}; ${run}. Raise the level once every node is upgraded, or remove this step.`,
      );
    }
  },
};
