import type { StepResult, JoinRule, NodeState } from '../simulate';
import { formatVersion } from '../versions';
import { escapeMarkdown as esc } from './markdown';

/** One sentence on what happened to the step's node, for the steps the simulation acts on. */
export function outcomeOf(result: StepResult): string | undefined {
  const { step, target, join } = result;
  if (step.action === undefined || step.action === 'note' || step.action === 'cluster-security') return undefined;
  if (!target && (step.action === 'set-registry' || step.action === 'delete-registry') && step.target?.declaration && step.computer) {
    return `The key names ${esc(step.computer.name)}, which is not a node of the plan: no node's registry changes at this step.`;
  }
  if (!target) return 'The simulation skips this step: its node is not declared.';
  const name = esc(target.name);
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
      return `${name} now has highest ${formatVersion(now?.highest)} and lowest ${formatVersion(now?.lowest)}; its service ends stopped${target.running ? ', so it leaves the cluster first' : ''}.`;
    case 'set-registry':
      if (!step.writesNoVersionCheck) return NOT_READ;
      return target.running
        ? `${name}'s service runs, so the value takes effect only at its next start.`
        : `The value takes effect when ${name}'s service next starts.`;
    case 'delete-registry':
      if (!step.writesNoVersionCheck) return NOT_READ;
      return target.bypass
        ? `${name}'s running service keeps skipping the version check until it restarts: deleting the value is not dynamic.`
        : undefined;
    default:
      return undefined;
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
