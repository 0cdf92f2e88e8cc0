import { formatLevel, formatNodeLevel, levelOf, releaseOfLevel } from '../functionalLevel';
import type { JoinAttempt, JoinRule, LevelUpdate, NodeState, StepResult } from '../simulate';
import { formatVersion } from '../versions';
import { escapeMarkdown as esc } from './markdown';

/** The actions that do nothing to an evicted node: it must be added back first (docs/simulation.md). */
const MEMBERS_ONLY: ReadonlySet<string> = new Set(['stop', 'start', 'join', 'restart', 'drain', 'resume', 'evict']);

/**
 * One sentence on what happened to the step's node, for the steps the simulation acts on, or to the
 * functional level. `levels`: the plan is a functional-level plan.
 */
export function outcomeOf(result: StepResult, levels: boolean): string | undefined {
  const { step, target, join } = result;
  if (step.action === undefined || step.action === 'note' || step.action === 'cluster-security') return undefined;
  if (step.action === 'update-functional-level') return result.levelUpdate && levelUpdateOutcome(result.levelUpdate);
  if (!target && (step.action === 'set-registry' || step.action === 'delete-registry') && step.target?.declaration && step.computer) {
    return `The key names ${esc(step.computer.name)}, which is not a node of the plan: no node's registry changes at this step.`;
  }
  if (!target) return 'The simulation skips this step: its node is not declared.';
  const name = esc(target.name);
  if (!target.member && MEMBERS_ONLY.has(step.action)) return `${name} is not a member of the cluster since it was evicted: nothing happens.`;
  if (join && levels) return levelJoinOutcome(name, step.action, join);
  if (join) {
    switch (join.outcome) {
      case 'formed':
        return `${name} forms the cluster on its own: no other node is active.`;
      case 'no-cluster':
        return `${name} cannot join: no node is active, so there is no cluster to join.`;
      case 'already-running':
        return `${name}'s service already runs: nothing happens.`;
      case 'refused':
        // The join-incompatible finding, which VS Code shows beside this hover, says why and which event it logs.
        return `${name} is refused and stays stopped.`;
      case 'joined':
        if (join.checkSkipped) {
          const sponsors = 'sponsor' in step && step.sponsor && !join.sponsorNotRunning ? `its sponsor ${names(join.sponsors)}` : `every active node (${names(join.sponsors)})`;
          return `${name} joins without a version check: NoVersionCheck is in effect on ${name} and on ${sponsors}.`;
        }
        if (join.versionsUnknown) return `${name} joins as far as clusterplan can tell: a version involved is unreadable.`;
        return `${name} joins: ${join.rulesHeld.map((r) => JOIN_RULES[r]).join(', and ')}.`;
    }
  }
  const now = result.after.nodes.find((n) => n.declaration === target.declaration);
  switch (step.action) {
    case 'stop':
      return target.running ? `${name} leaves the cluster.` : `${name}'s service is already stopped: nothing happens.`;
    case 'upgrade':
      if (levels && now?.highest !== undefined) {
        return `${name} now runs ${formatNodeLevel(levelOf(now.highest))}, highest ${formatVersion(now.highest)}; its service ends stopped${target.running ? ', so it leaves the cluster first' : ''}${now.paused ? ', and it stays paused' : ''}.`;
      }
      return `${name} now has highest ${formatVersion(now?.highest)} and lowest ${formatVersion(now?.lowest)}; its service ends stopped${target.running ? ', so it leaves the cluster first' : ''}.`;
    case 'set-registry':
      if (!step.writesNoVersionCheck) return NOT_READ;
      // From Windows Server 2008 on the value is written but read by no join (docs/simulation.md).
      if (levels) return `The value is written to ${name}'s registry, but from Windows Server 2008 on NoVersionCheck bypasses nothing: no join changes.`;
      return target.running
        ? `${name}'s service runs, so the value takes effect only at its next start.`
        : `The value takes effect when ${name}'s service next starts.`;
    case 'delete-registry':
      if (!step.writesNoVersionCheck) return NOT_READ;
      return target.bypass
        ? `${name}'s running service keeps skipping the version check until it restarts: deleting the value is not dynamic.`
        : undefined;
    case 'drain':
      if (target.paused) return `${name} is already paused: nothing changes.`;
      return target.running ? `${name}'s roles move to the other nodes; it stays active, paused.` : `${name}'s service is stopped, so it has no roles to move: nothing changes.`;
    case 'resume':
      if (!target.paused) return `${name} is not paused: nothing changes.`;
      return target.running ? `${name} is no longer paused: its roles come back.` : `${name} is no longer paused; its roles come back once its service runs.`;
    case 'evict':
      return `${name} leaves the cluster${target.running ? ', its service stopped' : ''}: it is no longer a member. It keeps its release; only an add brings it back.`;
    case 'add':
      return `${name} is already a member: nothing happens.`;
    default:
      return undefined;
  }
}

/** A start, join, restart or add judged by the level rule: L = FL, or L = FL + 1 from FL 8 on. */
function levelJoinOutcome(name: string, action: string, join: JoinAttempt): string {
  const adding = action === 'add';
  switch (join.outcome) {
    case 'already-running':
      return `${name}'s service already runs: nothing happens.`;
    case 'no-cluster':
      return adding ? `${name} cannot be added: no node is active, so there is no cluster to add it to.` : `${name} cannot join: no node is active, so there is no cluster to join.`;
    case 'refused':
      // The join-incompatible finding beside this hover names both levels and the error.
      return adding ? `${name} is refused: Add-ClusterNode fails, and it stays out of the cluster.` : `${name} is refused and stays stopped.`;
    case 'formed':
    case 'joined': {
      const verb = join.outcome === 'formed' ? 'forms the cluster on its own' : adding ? 'becomes a member and joins' : 'joins';
      const FL = join.functionalLevel;
      const highest = join.joiner.highest;
      if (join.versionsUnknown || FL === undefined || highest === undefined) return `${name} ${verb} as far as clusterplan can tell: a version or the level is unreadable.`;
      const level = levelOf(highest);
      const fits = level === FL ? `the cluster's level, ${formatLevel(FL)}` : `${formatNodeLevel(level)}, one above ${formatLevel(FL)}, as mixed-OS mode allows`;
      return `${name} ${verb}: it runs ${fits}.`;
    }
  }
}

/** What Update-ClusterFunctionalLevel did. */
function levelUpdateOutcome(update: LevelUpdate): string {
  const FL = update.functionalLevel;
  if (update.outcome === 'unknown' || FL === undefined) return 'Whether the level rises is unknown: the level or a member\'s version cannot be read.';
  const stays = `The level stays ${formatLevel(FL)}.`;
  switch (update.outcome) {
    case 'raised':
      return `The functional level rises from ${formatLevel(FL)} to ${formatLevel(FL + 1)}, for good: nodes of ${releaseOfLevel(FL)} can no longer join.`;
    case 'not-ready': {
      const blocking = update.blocking.map((n) => `${esc(n.name)} (${[n.running ? '' : 'stopped', n.paused ? 'paused' : ''].filter((s) => s).join(', ')})`);
      return `Update-ClusterFunctionalLevel fails while a member is stopped or paused: ${blocking.join(', ')}. ${stays}`;
    }
    case 'noop':
      return `No member runs ${formatLevel(FL + 1)}, so Update-ClusterFunctionalLevel changes nothing. ${stays}`;
    case 'mixed':
      return `Update-ClusterFunctionalLevel fails with error 5973: ${names(update.blocking)} ${update.blocking.length === 1 ? 'does' : 'do'} not run ${formatLevel(FL + 1)} yet. ${stays}`;
  }
}

const NOT_READ = 'The Cluster service reads only NoVersionCheck under ClusSvc\\\\Parameters: nothing changes.';

const JOIN_RULES: Readonly<Record<JoinRule, string>> = {
  'highest = ClusterHighestVersion': 'its highest version equals ClusterHighestVersion',
  'lowest = ClusterHighestVersion': 'its lowest version equals ClusterHighestVersion',
  'highest = ClusterLowestVersion': 'its highest version equals ClusterLowestVersion',
};

function names(nodes: readonly NodeState[]): string {
  return nodes.map((n) => esc(n.name)).join(', ');
}
