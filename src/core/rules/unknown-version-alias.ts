import type { PlanRule } from './rule';

export const unknownVersionAlias: PlanRule = {
  code: 'unknown-version-alias',
  severity: 'error',
  needs: 'plan',
  title: 'A version alias is not in the catalog or the plan\'s "versions"',
  explanation:
    'Aliases such as ws2003-rtm come from the built-in catalog or from the plan\'s own "versions". Aliases are case-sensitive. To give a version by number, use "highest" and "lowest" instead of "version".',
  check({ plan }, report) {
    for (const value of plan.versionValues) {
      const problem = value.problem;
      if (problem?.code !== 'unknown-version-alias') continue;
      report(value, `Unknown version alias: ${problem.reason}` + (problem.suggestion ? `; did you mean "${problem.suggestion}"?` : '.'));
    }
  },
};
