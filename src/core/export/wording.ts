/** The sentences of a runbook that come from the plan: step titles, expected states, findings. Free text. */
import type { Finding } from '../finding';
import type { ClusterState, StepResult } from '../simulate';
import { formatLevel } from '../functionalLevel';
import { formatVersion } from '../versions';
import { levelTitle } from './cmdlets';
import type { Operation } from './model';

/** A sentence for a step without a description. */
export function titleOf(op: Operation): string {
  switch (op.kind) {
    case 'stop':
      return `Stop the Cluster service on ${op.node}`;
    case 'restart':
      return `Restart the Cluster service on ${op.node}`;
    case 'start':
      if (!op.joins) return `Start the Cluster service on ${op.node}`;
      return `Start the Cluster service on ${op.node}: it joins the cluster` + (op.sponsor ? ` (sponsor ${op.sponsor})` : '');
    case 'upgrade':
      return `Upgrade ${op.node} to ${op.target}`;
    case 'set-registry':
      return `Set NoVersionCheck = ${op.data} (${op.type}) on ${op.node}`;
    case 'delete-registry':
      return `Delete NoVersionCheck on ${op.node}`;
    case 'security':
      return op.grant
        ? `Grant ${op.account} ${op.rights} access to the cluster security descriptor`
        : `Revoke ${op.account} from the cluster security descriptor`;
    case 'note':
      return `Note: ${op.text}`;
    case 'cmdlet':
      return cmdletTitle(op);
    case 'access':
      return op.grant ? `Grant ${op.account} ${op.rights === 'full' ? 'full' : 'read-only'} access to the cluster` : `Remove ${op.account} from the cluster's access list`;
    case 'update-functional-level':
      return levelTitle(op);
  }
}

function cmdletTitle(op: Extract<Operation, { kind: 'cmdlet' }>): string {
  switch (op.action) {
    case 'stop':
    case 'start':
    case 'restart':
      return titleOf({ kind: op.action, node: op.node, joins: op.joins, sponsor: undefined });
    case 'drain':
      return `Drain ${op.node}: move its roles to the other nodes and pause it`;
    case 'resume':
      return `Resume ${op.node} and fail its roles back`;
    case 'evict':
      return `Evict ${op.node} from the cluster`;
    case 'add':
      return `Add ${op.node} to the cluster`;
  }
}

/**
 * What the operator should find after the step, in the simulation's terms. `levels`: a functional-level plan,
 * whose refusals name no event (no Microsoft source gives one) and whose states show paused and evicted
 * nodes and the functional level.
 */
export function expectation(result: StepResult, levels: boolean): string {
  return outcome(result, levels) + stateText(result.after, levels);
}

function outcome(result: StepResult, levels: boolean): string {
  if (!levels) return result.join?.outcome === 'refused' ? 'the join is refused (error 5075, event 1071); ' : '';
  const what = result.step.action === 'add' ? 'Add-ClusterNode' : 'the join';
  if (result.join?.outcome === 'refused') return `${what} is refused (error 5075); `;
  if (result.join?.outcome === 'no-cluster') return `${what} fails: no node is active; `;
  if (result.levelUpdate && result.levelUpdate.outcome !== 'raised') return 'the functional level is not raised; ';
  return '';
}

export function stateText(state: ClusterState, levels: boolean): string {
  const active = state.nodes.filter((n) => n.running).map((n) => n.name);
  const parts = [active.length === 0 ? 'no node active: the cluster is offline' : `active ${active.join(', ')}`];
  if (levels) {
    const paused = state.nodes.filter((n) => n.paused).map((n) => n.name);
    const evicted = state.nodes.filter((n) => !n.member).map((n) => n.name);
    if (paused.length > 0) parts.push(`paused ${paused.join(', ')}`);
    if (evicted.length > 0) parts.push(`evicted ${evicted.join(', ')}`);
  }
  if (active.length > 0) {
    parts.push(`ClusterHighestVersion ${formatVersion(state.clusterHighestVersion)}, ClusterLowestVersion ${formatVersion(state.clusterLowestVersion)}`);
    if (state.mixed) parts.push('mixed versions');
  }
  if (levels) parts.push(formatLevel(state.functionalLevel));
  return parts.join('; ');
}

export function findingLine(f: Finding): string {
  const step = /^\/steps\/(\d+)(?:\/|$)/.exec(f.pointer);
  const where = step ? `step ${Number(step[1]) + 1}` : f.pointer === '' ? 'plan' : f.pointer;
  return `${f.severity} ${f.code} (${where}): ${f.message}`;
}
