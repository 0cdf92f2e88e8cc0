/** The sentences of a runbook that come from the plan: step titles, expected states, findings. Free text. */
import type { Finding } from '../finding';
import type { ClusterState, StepResult } from '../simulate';
import { formatVersion } from '../versions';
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
  }
}

/** What the operator should find after the step, in the simulation's terms. */
export function expectation(result: StepResult): string {
  const refused = result.join?.outcome === 'refused' ? 'the join is refused (error 5075, event 1071); ' : '';
  return refused + stateText(result.after);
}

export function stateText(state: ClusterState): string {
  const active = state.nodes.filter((n) => n.running).map((n) => n.name);
  if (active.length === 0) return 'no node active: the cluster is offline';
  return (
    `active ${active.join(', ')}; ClusterHighestVersion ${formatVersion(state.clusterHighestVersion)}, ` +
    `ClusterLowestVersion ${formatVersion(state.clusterLowestVersion)}` +
    (state.mixed ? '; mixed versions' : '')
  );
}

export function findingLine(f: Finding): string {
  const step = /^\/steps\/(\d+)(?:\/|$)/.exec(f.pointer);
  const where = step ? `step ${Number(step[1]) + 1}` : f.pointer === '' ? 'plan' : f.pointer;
  return `${f.severity} ${f.code} (${where}): ${f.message}`;
}
