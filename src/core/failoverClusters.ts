/**
 * The FailoverClusters PowerShell cmdlet of each step of a functional-level plan (docs/export.md, "Windows
 * Server 2008 and later"): its name, the switches that make it do what the step says, and the first
 * functional level it manages. Completion, the step hover and the runbook export all name the cmdlets from
 * here, so that a cmdlet is spelt in one place.
 */

/** The steps a cmdlet does. `grant` and `revoke` are the two forms of a cluster-security step. */
export type CmdletStep = 'stop' | 'start' | 'drain' | 'resume' | 'evict' | 'add' | 'grant' | 'revoke' | 'update-functional-level';

export interface Cmdlet {
  /** As Get-Command lists it: `Suspend-ClusterNode`. */
  readonly name: string;
  /** What makes the cmdlet do the step, after its target: `-Drain`; empty when the cmdlet alone does it. */
  readonly switches: string;
  /** The lowest functional level of a cluster it manages. */
  readonly level: number;
}

/**
 * The module came with Windows Server 2008 R2 (FL 6); draining, and resuming with failback, with Windows
 * Server 2012 (FL 7); Update-ClusterFunctionalLevel with Windows Server 2016, for a cluster still at the
 * level of the release before, which mixed-OS mode allows from FL 8 (Windows Server 2012 R2) on.
 */
export const CMDLETS: Readonly<Record<CmdletStep, Cmdlet>> = {
  stop: { name: 'Stop-ClusterNode', switches: '', level: 6 },
  start: { name: 'Start-ClusterNode', switches: '', level: 6 },
  drain: { name: 'Suspend-ClusterNode', switches: '-Drain', level: 7 },
  resume: { name: 'Resume-ClusterNode', switches: '-Failback Immediate', level: 7 },
  evict: { name: 'Remove-ClusterNode', switches: '', level: 6 },
  add: { name: 'Add-ClusterNode', switches: '', level: 6 },
  grant: { name: 'Grant-ClusterAccess', switches: '', level: 6 },
  revoke: { name: 'Remove-ClusterAccess', switches: '', level: 6 },
  'update-functional-level': { name: 'Update-ClusterFunctionalLevel', switches: '', level: 8 },
};

/** `Suspend-ClusterNode -Drain`: the cmdlet as a description or a message names it, without its target. */
export function cmdletNamed(step: CmdletStep): string {
  const { name, switches } = CMDLETS[step];
  return switches === '' ? name : `${name} ${switches}`;
}
