import type { PlanRule } from './rule';

/**
 * The issues are found while reading: see readPlan.ts, which is the one place that knows the format. None is
 * reported inside an object or array that holds a syntax error: as jsonc-parser recovered it, its members may
 * belong to the next element or have lost their values, and the syntax error already says where to look.
 */
export const schema: PlanRule = {
  code: 'schema',
  severity: 'error',
  needs: 'plan',
  title: 'Unknown action or property, missing or mistyped field',
  explanation:
    'The plan does not follow the .clusterplan format: an unknown action or property, a missing or mistyped field, an invalid node name, or both "version" and "highest" on one node. The simulation skips what it cannot read, so later verdicts may be incomplete.',
  check({ plan, document }, report) {
    for (const issue of plan.schemaIssues) if (!document.isAmbiguous(issue.node.offset)) report(issue, issue.message);
  },
};
