/**
 * The FailoverClusters cmdlets of a functional-level plan's runbook (docs/export.md, "Windows Server 2008 and
 * later"): which cmdlet runs each step, the first functional level it manages, and its command line. The
 * PowerShell runbook runs these lines; the Markdown runbook shows them.
 */
import { formatLevel, releaseOfLevel } from '../functionalLevel';
import type { Operation } from './model';
import { psQuote } from './quoting';

/** The steps a cmdlet runs. `grant` and `revoke` are the two forms of a cluster-security step. */
export type CmdletAction = 'stop' | 'start' | 'restart' | 'drain' | 'resume' | 'evict' | 'add' | 'grant' | 'revoke' | 'update-functional-level';

/**
 * The cmdlet of each step, and the lowest functional level of a cluster it manages. The module came with
 * Windows Server 2008 R2 (FL 6); draining, and resuming with failback, with Windows Server 2012 (FL 7);
 * Update-ClusterFunctionalLevel with Windows Server 2016, for a cluster still at the level of the release
 * before, which mixed-OS mode allows from FL 8 (Windows Server 2012 R2) on.
 */
const CMDLETS: Readonly<Record<CmdletAction, { readonly cmdlet: string; readonly level: number }>> = {
  stop: { cmdlet: 'Stop-ClusterNode', level: 6 },
  start: { cmdlet: 'Start-ClusterNode', level: 6 },
  restart: { cmdlet: 'Stop-ClusterNode and Start-ClusterNode', level: 6 },
  drain: { cmdlet: 'Suspend-ClusterNode -Drain', level: 7 },
  resume: { cmdlet: 'Resume-ClusterNode -Failback', level: 7 },
  evict: { cmdlet: 'Remove-ClusterNode', level: 6 },
  add: { cmdlet: 'Add-ClusterNode', level: 6 },
  grant: { cmdlet: 'Grant-ClusterAccess', level: 6 },
  revoke: { cmdlet: 'Remove-ClusterAccess', level: 6 },
  'update-functional-level': { cmdlet: 'Update-ClusterFunctionalLevel', level: 8 },
};

/** The lowest functional level for which a workstation's FailoverClusters module exists: Windows Server 2008 R2. */
export const FIRST_MODULE_LEVEL = 6;

export const NO_CLUSTER_NAME =
  'The plan names no cluster, and the FailoverClusters cmdlets reach the cluster by its name (-Cluster): add "cluster": "NAME" at the top of the plan.';

/**
 * Why a step cannot run through its cmdlet: the plan names no cluster, or the cluster's level before the step
 * (`functionalLevel`) is below the cmdlet's. An unknown level, which only a forced export gets here with, is
 * not held against the step.
 */
export function cmdletProblem(label: string, action: CmdletAction, cluster: string | undefined, functionalLevel: number | undefined): string | undefined {
  if (cluster === undefined) return NO_CLUSTER_NAME;
  const { cmdlet, level } = CMDLETS[action];
  if (functionalLevel === undefined || functionalLevel >= level) return undefined;
  return (
    `${label} needs ${cmdlet}, which manages clusters from ${formatLevel(level)} on, and the cluster is at ` +
    `${formatLevel(functionalLevel)} before it: do this step by hand, and make it a "note" in the plan.`
  );
}

/** The cmdlet lines of an operation, as an administrator would type them; empty for an operation that is not a cmdlet's. */
export function cmdletCommands(op: Operation): string[] {
  switch (op.kind) {
    case 'cmdlet': {
      const target = `-Cluster ${psQuote(op.cluster)} -Name ${psQuote(op.node)}`;
      switch (op.action) {
        case 'stop':
          return [`Stop-ClusterNode ${target}`];
        case 'start':
          return [`Start-ClusterNode ${target}`];
        case 'restart':
          return [`Stop-ClusterNode ${target}`, `Start-ClusterNode ${target}`];
        case 'drain':
          return [`Suspend-ClusterNode ${target} -Drain -Wait`];
        case 'resume':
          return [`Resume-ClusterNode ${target} -Failback Immediate`];
        case 'evict':
          return [`Remove-ClusterNode ${target} -Force`];
        case 'add':
          return [`Add-ClusterNode ${target}`];
      }
      break;
    }
    case 'access':
      return op.grant
        ? [`Grant-ClusterAccess -Cluster ${psQuote(op.cluster)} -User ${psQuote(op.account)} ${op.rights === 'full' ? '-Full' : '-ReadOnly'}`]
        : [`Remove-ClusterAccess -Cluster ${psQuote(op.cluster)} -User ${psQuote(op.account)}`];
    case 'update-functional-level':
      return [levelWhatIf(op), levelUpdate(op)];
  }
  return [];
}

/** The test run: it changes nothing, and fails if the update would. */
export function levelWhatIf(op: Extract<Operation, { kind: 'update-functional-level' }>): string {
  return `Update-ClusterFunctionalLevel -Cluster ${psQuote(op.cluster)} -WhatIf`;
}

/** The real call; -Force, since the runbook has asked the administrator itself. */
export function levelUpdate(op: Extract<Operation, { kind: 'update-functional-level' }>): string {
  return `Update-ClusterFunctionalLevel -Cluster ${psQuote(op.cluster)} -Force`;
}

/** `Raise the cluster functional level from FL 9 (Windows Server 2016) to FL 10 (Windows Server 2019)`. */
export function levelTitle(from: number | undefined): string {
  if (from === undefined) return 'Raise the cluster functional level by one';
  return `Raise the cluster functional level from ${formatLevel(from)} to ${formatLevel(from + 1)}`;
}

/** Why the update is irreversible, in the terms of the plan's releases. */
export function levelIrreversible(from: number | undefined): string {
  const older = from === undefined ? 'the older release' : releaseOfLevel(from);
  return `This cannot be undone: once the level is raised, no node of ${older} can join the cluster again.`;
}
