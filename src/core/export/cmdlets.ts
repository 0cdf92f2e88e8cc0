/**
 * The FailoverClusters cmdlets of a functional-level plan's runbook (docs/export.md, "Windows Server 2008 and
 * later"): why a step cannot run through its cmdlet, and the cmdlet's command line. The cmdlets themselves,
 * and the first functional level each manages, are in ../failoverClusters.ts. The PowerShell runbook runs
 * these lines; the Markdown runbook shows them.
 */
import { CMDLETS, cmdletNamed, type CmdletStep } from '../failoverClusters';
import { formatLevel, releaseOfLevel } from '../functionalLevel';
import type { Operation } from './model';
import { psQuote } from './quoting';

/** The steps a cmdlet runs: a restart is Stop-ClusterNode, then Start-ClusterNode. */
export type CmdletAction = CmdletStep | 'restart';

/** The cmdlets a step needs, as its refusal names them, and the lowest functional level they manage. */
function needs(action: CmdletAction): { readonly cmdlet: string; readonly level: number } {
  if (action === 'restart') return { cmdlet: `${cmdletNamed('stop')} and ${cmdletNamed('start')}`, level: Math.max(CMDLETS.stop.level, CMDLETS.start.level) };
  return { cmdlet: cmdletNamed(action), level: CMDLETS[action].level };
}

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
  const { cmdlet, level } = needs(action);
  if (functionalLevel === undefined || functionalLevel >= level) return undefined;
  return (
    `${label} needs ${cmdlet}, available for clusters from ${formatLevel(level)} on, and the cluster is at ` +
    `${formatLevel(functionalLevel)} before it: do this step by hand, and make it a "note" in the plan.`
  );
}

/** The cmdlet lines of an operation, as an administrator would type them; empty for an operation that is not a cmdlet's. */
export function cmdletCommands(op: Operation): string[] {
  switch (op.kind) {
    case 'cmdlet': {
      const target = `-Cluster ${psQuote(op.cluster)} -Name ${psQuote(op.node)}`;
      switch (op.action) {
        case 'restart':
          return [command('stop', target), command('start', target)];
        case 'drain':
          return [command('drain', target, '-Wait')];
        case 'evict':
          return [command('evict', target, '-Force')];
        default:
          return [command(op.action, target)];
      }
    }
    case 'access': {
      const who = `-Cluster ${psQuote(op.cluster)} -User ${psQuote(op.account)}`;
      return op.grant ? [command('grant', who, op.rights === 'full' ? '-Full' : '-ReadOnly')] : [command('revoke', who)];
    }
    case 'update-functional-level':
      return [levelWhatIf(op), levelUpdate(op)];
  }
  return [];
}

/**
 * A cmdlet's line: its name, its target, the switches that make it do the step, then what the runbook adds
 * (`-Wait`, `-Force`, `-WhatIf`).
 */
function command(step: CmdletStep, target: string, extra = ''): string {
  const { name, switches } = CMDLETS[step];
  return [name, target, switches, extra].filter((part) => part !== '').join(' ');
}

/** The test run: it changes nothing, and fails if the update would. */
export function levelWhatIf(op: Extract<Operation, { kind: 'update-functional-level' }>): string {
  return command('update-functional-level', `-Cluster ${psQuote(op.cluster)}`, '-WhatIf');
}

/** The real call; -Force, since the runbook has asked the administrator itself. */
export function levelUpdate(op: Extract<Operation, { kind: 'update-functional-level' }>): string {
  return command('update-functional-level', `-Cluster ${psQuote(op.cluster)}`, '-Force');
}

type LevelOperation = Pick<Extract<Operation, { kind: 'update-functional-level' }>, 'from' | 'raises'>;

/**
 * `Raise the cluster functional level from FL 9 (Windows Server 2016) to FL 10 (Windows Server 2019)`; for an
 * update the simulation expects to change nothing (functional-level-update-noop, or a forced export of a
 * refused one), what the plan expects instead, so that no one confirms a raise the runbook does not foresee.
 */
export function levelTitle(op: LevelOperation): string {
  if (op.from === undefined) return 'Raise the cluster functional level by one';
  if (!op.raises) return `Update the cluster functional level, which the plan expects to stay at ${formatLevel(op.from)}`;
  return `Raise the cluster functional level from ${formatLevel(op.from)} to ${formatLevel(op.from + 1)}`;
}

/** `The functional level goes from FL 9 (Windows Server 2016) to FL 10 (Windows Server 2019).` */
export function levelChange(op: LevelOperation): string {
  if (op.from === undefined) return 'The functional level goes up by one.';
  if (!op.raises) return `The plan expects no change: the level stays at ${formatLevel(op.from)} (see the findings above).`;
  return `The functional level goes from ${formatLevel(op.from)} to ${formatLevel(op.from + 1)}.`;
}

/** Why the update is irreversible, in the terms of the plan's releases. */
export function levelIrreversible(from: number | undefined): string {
  const older = from === undefined ? 'the older release' : releaseOfLevel(from);
  return `This cannot be undone: once the level is raised, no node of ${older} can join the cluster again.`;
}
