import { stepLabel } from '../describe';
import type { NewStep } from '../fixes/stepEdits';
import type { Plan, SecurityStep, UpgradeStep } from '../plan';
import type { Timeline } from '../simulate';
import { formatVersion } from '../versions';
import type { PlanRule } from './rule';

export const securityDescriptor: PlanRule = {
  code: 'security-descriptor',
  severity: 'warning',
  needs: 'plan',
  title: 'The upgrade from a pre-release leaves the cluster security descriptor unfixed',
  explanation:
    'In Windows Server 2003 RC1 and RC2 the cluster security descriptor grants SERVICE, which covers every account allowed to run as a service, and the upgrade to RTM does not fix it. MSDTC now runs as Network Service. KB 811272: cluster /prop Security=NETWORKSERVICE,grant,f:security and cluster /prop Security=SERVICE,revoke:security.',
  check({ plan, timeline }, report) {
    const state = descriptorState(plan, timeline);
    if (!state || state.missing.length === 0) return;
    const first = state.upgrades[0]!;
    const last = state.upgrades[state.upgrades.length - 1]!;
    report(
      first.step,
      `${first.node} is upgraded from the pre-release ${first.from} at ${stepLabel(first.step)}; the upgrade does not fix the cluster security descriptor, which still grants SERVICE. ` +
        `After the last such upgrade (${stepLabel(last.step)}) the plan lacks ${state.missing.map((m) => m.describe).join(' and ')}.`,
    );
  },
};

interface Missing {
  readonly describe: string;
  readonly short: string;
  readonly step: NewStep;
}

export function descriptorState(plan: Plan, timeline: Timeline) {
  const upgrades: { step: UpgradeStep; node: string; from: string }[] = [];
  for (const { step, target } of timeline.steps) {
    // The version the node is upgraded from: its own before the step.
    const highest = target?.highest;
    if (step.action !== 'upgrade' || highest === undefined) continue;
    const release = plan.catalog.releaseOf(highest);
    if (release?.preRelease) upgrades.push({ step, node: target!.name, from: `${release.alias} ${formatVersion(highest)}` });
  }
  if (upgrades.length === 0) return undefined;
  const after = upgrades[upgrades.length - 1]!.step.index;
  const later = plan.steps.slice(after + 1).filter((s): s is SecurityStep => s.action === 'cluster-security');
  const missing: Missing[] = [];
  if (!later.some((s) => s.grant !== undefined && account(s.grant) === 'NETWORKSERVICE' && s.rights === 'full')) {
    missing.push({
      describe: 'a grant of full rights to NETWORKSERVICE (MSDTC runs as Network Service)',
      short: 'grant NETWORKSERVICE',
      step: { action: 'cluster-security', grant: 'NETWORKSERVICE', rights: 'full' },
    });
  }
  if (!later.some((s) => s.revoke !== undefined && account(s.revoke) === 'SERVICE')) {
    missing.push({ describe: 'a revoke of SERVICE (every account that may run as a service)', short: 'revoke SERVICE', step: { action: 'cluster-security', revoke: 'SERVICE' } });
  }
  return { upgrades, missing };
}

/** cluster.exe's NETWORKSERVICE is also written "Network Service" or "NT AUTHORITY\NETWORK SERVICE". */
export function account(name: string): string {
  return name.toUpperCase().replace(/^NT AUTHORITY\\/, '').replace(/\s+/g, '');
}
