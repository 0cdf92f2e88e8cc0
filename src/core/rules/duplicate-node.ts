import { declarationName } from '../plan';
import type { PlanRule } from './rule';

export const duplicateNode: PlanRule = {
  code: 'duplicate-node',
  severity: 'error',
  needs: 'plan',
  title: 'Two nodes have the same name ignoring case',
  explanation:
    'Windows compares computer names without regard to case, so NODE1 and node1 are the same machine. The simulation uses the first declaration and ignores the second.',
  check({ plan }, report) {
    for (const node of plan.nodes) {
      const first = node.duplicateOf;
      if (!first) continue;
      report(
        declarationName(node),
        `Node "${node.name}" is already declared as "${first.name}": Windows compares node names without regard to case. Remove one declaration; the simulation uses the first.`,
        [{ where: declarationName(first), message: `"${first.name}" is declared first here` }],
      );
    }
  },
};
