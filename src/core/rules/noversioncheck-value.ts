import { stepLabel } from '../describe';
import { PARAMETERS_KEY } from '../registry';
import type { PlanRule } from './rule';

export const noVersionCheckValue: PlanRule = {
  code: 'noversioncheck-value',
  severity: 'warning',
  needs: 'plan',
  title: 'NoVersionCheck is set with the wrong type, data or key',
  explanation:
    'The Cluster service skips the version check only for a REG_DWORD value NoVersionCheck = 1 under HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters. Any other type, data or key leaves the check on, and the join is then judged on the version rules alone.',
  check({ plan }, report) {
    // From Windows Server 2008 on no value switches the check off, so no value is the wrong one (docs/simulation.md).
    if (plan.functionalLevelPlan) return;
    for (const step of plan.steps) {
      if (step.action !== 'set-registry') continue;
      const { type, data } = step;
      if (type === 'REG_DWORD' && (data === undefined || data === 1) && step.atParametersKey) continue;
      const problems: string[] = [];
      if (type !== 'REG_DWORD') problems.push(`its type is ${type}, not REG_DWORD`);
      if (data !== undefined && data !== 1) problems.push(`its data is ${JSON.stringify(data)}, not 1`);
      if (!step.atParametersKey) problems.push(`its key is "${step.key}", not ${PARAMETERS_KEY}`);
      report(step, `NoVersionCheck at ${stepLabel(step)} does not switch the version check off: ${problems.join(', ')}.`);
    }
  },
};
