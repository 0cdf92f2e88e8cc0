import type { RenameRejection } from '../core';

/** Why a node cannot be renamed, or not to that name: one line that says where to put the cursor or what to fix. */
export function renameRefusal(rejection: RenameRejection): string {
  switch (rejection.reason) {
    case 'not-a-node':
      return 'Only node names can be renamed: place the cursor on a name under "nodes" or on a step\'s "node" or "sponsor".';
    case 'undeclared':
      return `"${rejection.name}" is not declared under "nodes", so there is no node to rename. Fix the name or declare the node.`;
    case 'invalid-name':
      return `"${rejection.name}" is not a valid node name: ${rejection.problem}.`;
    case 'collision':
      return `The plan already declares the node "${rejection.other}"; node names are compared ignoring case, so "${rejection.name}" would be the same node.`;
  }
}
