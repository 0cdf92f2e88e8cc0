import { Suggestions } from '../closest';
import type { NodeReference } from '../plan';
import type { PlanRule } from './rule';

export const unknownNode: PlanRule = {
  code: 'unknown-node',
  severity: 'error',
  needs: 'plan',
  title: 'A step names a node that is not declared',
  explanation:
    'Every "node" and "sponsor" of a step must be declared under "nodes" (names match without regard to case). The simulation skips a step whose node is unknown, so the steps after it may be judged on a wrong cluster state.',
  check({ plan }, report) {
    const names = new Suggestions(declaredNames(plan.nodes));
    // A plan that misspells a node usually does so at many steps: the message is worked out once a name.
    const messages = new Map<string, string>();
    for (const ref of plan.nodeReferences) {
      if (ref.declaration) continue;
      let message = messages.get(ref.name);
      if (message === undefined) messages.set(ref.name, (message = unknownMessage(ref, names)));
      report(ref, message);
    }
  },
};

function unknownMessage(ref: NodeReference, names: Suggestions): string {
  const suggestion = names.closest(ref.name);
  return `No node "${ref.name}" is declared in "nodes"` + (suggestion ? `; did you mean "${suggestion}"?` : '; declare it under "nodes".');
}

export function declaredNames(nodes: readonly { name: string; duplicateOf: unknown }[]): string[] {
  return nodes.filter((n) => !n.duplicateOf).map((n) => n.name);
}
