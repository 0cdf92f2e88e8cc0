import type { FindingsRule } from './rule';

export const invalidSuppression: FindingsRule = {
  code: 'invalid-suppression',
  severity: 'warning',
  needs: 'findings',
  title: 'A suppression comment cannot be applied',
  explanation:
    'A "// clusterplan-disable-next-line <code> -- <reason>" comment must name rule codes that exist and that a comment may hide. A comment that does not hides nothing, not even the findings of the valid codes it names.',
  check({ suppressions }, report) {
    for (const s of suppressions) {
      if (s.problems.length > 0) report(s.offset, s.length, `This suppression hides nothing: ${s.problems.join(', and ')}. Write "// clusterplan-disable-next-line <code> -- <reason>".`);
    }
  },
};
