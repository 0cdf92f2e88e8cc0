import type { PlanRule } from './rule';

export const invalidVersion: PlanRule = {
  code: 'invalid-version',
  severity: 'error',
  needs: 'plan',
  title: 'A version cannot be read',
  explanation:
    'A version is "M.m" (decimal major and minor, each 0 to 65535), a DWORD number from 0 to 4294967295, a "0x…" hex string of up to 8 digits, or an alias. A JSON number with a fraction such as 4.3790 is refused because JSON reads it as 4.379: quote it as "4.3790".',
  check({ plan }, report) {
    for (const value of plan.versionValues) {
      if (value.problem?.code === 'invalid-version') report(value, `Invalid version: ${value.problem.reason}.`);
    }
  },
};
