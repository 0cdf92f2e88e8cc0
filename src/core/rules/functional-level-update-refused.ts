import { nameList, stepLabel } from '../describe';
import { formatNodeLevel } from '../functionalLevel';
import type { LevelUpdate, NodeState } from '../simulate';
import { levelName, levelsRun } from './levelWords';
import type { PlanRule } from './rule';

export const functionalLevelUpdateRefused: PlanRule = {
  code: 'functional-level-update-refused',
  severity: 'error',
  needs: 'plan',
  title: 'Update-ClusterFunctionalLevel fails: a member is stopped, paused or not upgraded',
  explanation:
    'Update-ClusterFunctionalLevel raises the cluster functional level only when every member runs, none is paused, and every member runs the next release. While a member is stopped or paused it fails; while some members run the new release and others the old one it fails with error 5973. The level stays where it was.',
  check({ timeline }, report) {
    for (const r of timeline.steps) {
      const update = r.levelUpdate;
      if (update?.outcome === 'not-ready') report(r.step, notReady(stepLabel(r.step), update));
      else if (update?.outcome === 'mixed') report(r.step, notUpgraded(stepLabel(r.step), update));
    }
  },
};

/** The cmdlet fails while a member is stopped or paused. */
function notReady(label: string, update: LevelUpdate): string {
  const blocking = update.blocking;
  return `Update-ClusterFunctionalLevel at ${label} fails: ${states(blocking)}. Every member must run unpaused to raise ${levelName(update.functionalLevel)}: ${remedy(blocking)} ${them(blocking)} before this step.`;
}

/** `HV2 is stopped, HV3 is paused`: each member that keeps the level from being raised, by what it is. */
function states(nodes: readonly NodeState[]): string {
  const stopped = nodes.filter((n) => !n.running && !n.paused);
  const paused = nodes.filter((n) => n.running && n.paused);
  const both = nodes.filter((n) => !n.running && n.paused);
  const phrases: string[] = [];
  for (const [group, state] of [[stopped, 'stopped'], [paused, 'paused'], [both, 'stopped and paused']] as const) {
    if (group.length > 0) phrases.push(`${nameList(group)} ${group.length === 1 ? 'is' : 'are'} ${state}`);
  }
  return phrases.join(', ');
}

/** What brings the blocking members back: a start for a stopped one, a resume for a paused one. */
function remedy(nodes: readonly NodeState[]): string {
  const stopped = nodes.some((n) => !n.running);
  const paused = nodes.some((n) => n.paused);
  return stopped && paused ? 'start or resume' : stopped ? 'start' : 'resume';
}

function them(nodes: readonly NodeState[]): string {
  return nodes.length === 1 ? 'it' : 'them';
}

/** Error 5973: some members run FL + 1, the blocking ones do not. */
function notUpgraded(label: string, update: LevelUpdate): string {
  const FL = update.functionalLevel!;
  return `Update-ClusterFunctionalLevel at ${label} fails with error 5973: every member must run ${formatNodeLevel(FL + 1)} to raise ${levelName(FL)}, and ${levelsRun(update.blocking)}. Upgrade ${them(update.blocking)} before this step.`;
}
