import type { PlanRule } from './rule';

export const unknownVersionAlias: PlanRule = {
  code: 'unknown-version-alias',
  severity: 'error',
  needs: 'plan',
  title: 'A version alias is not in the catalog or the plan\'s "versions"',
  explanation:
    'Aliases such as ws2003-rtm come from the built-in catalog or from the plan\'s own "versions". Aliases are case-sensitive. To give a version by number, use "highest" and "lowest" instead of "version".',
  check({ plan }, report) {
    for (const value of plan.versionProblems) {
      const problem = value.problem;
      if (problem?.code !== 'unknown-version-alias') continue;
      report(value, `Unknown version alias: ${problem.reason}` + (problem.suggestion ? `; did you mean "${problem.suggestion}"?` : '.'));
    }
  },
  fixes({ plan, document, edit }, finding) {
    const value = plan.versionProblems.find((v) => v.node.offset === finding.offset && v.problem?.suggestion !== undefined);
    const suggestion = value?.problem?.suggestion;
    if (!value || !suggestion) return [];
    const written = String(value.node.value);
    // Only a difference of case is certain enough to apply without asking.
    const safe = written.toLowerCase() === suggestion.toLowerCase();
    return [{ title: `Change to "${suggestion}"`, edits: edit.replaceValue(document, value.node, suggestion), isPreferred: true, safe }];
  },
};
