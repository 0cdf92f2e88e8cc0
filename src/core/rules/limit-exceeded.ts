import type { TextRule } from './rule';

export const limitExceeded: TextRule = {
  code: 'limit-exceeded',
  severity: 'error',
  needs: 'text',
  title: 'The plan is too deeply nested or too large to analyse',
  explanation:
    'clusterplan stops reading a plan that nests deeper than 64 levels, is larger than 32 MiB or declares more than 64 nodes, instead of running out of stack, memory or time in your editor. A real plan nests about 5 levels deep.',
  check(document, report) {
    const p = document.limitProblem;
    if (p) report(p.offset, p.length, p.message);
  },
};
