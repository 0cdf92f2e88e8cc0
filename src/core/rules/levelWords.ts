import { nameList } from '../describe';
import { formatLevel, formatNodeLevel, levelOf } from '../functionalLevel';
import type { NodeState } from '../simulate';

/** Message pieces of the functional-level rules (docs/simulation.md): nodes named by their release level. */

/** `HV1 and HV2 run level 9 (Windows Server 2016), HV3 runs level 10 (Windows Server 2019)`, lowest level first. */
export function levelsRun(nodes: readonly NodeState[]): string {
  const byLevel = new Map<number | undefined, NodeState[]>();
  for (const node of nodes) {
    const level = node.highest === undefined ? undefined : levelOf(node.highest);
    const group = byLevel.get(level);
    if (group) group.push(node);
    else byLevel.set(level, [node]);
  }
  const levels = [...byLevel.keys()].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  return levels
    .map((level) => {
      const group = byLevel.get(level)!;
      const what = level === undefined ? 'an unknown level' : formatNodeLevel(level);
      return `${nameList(group)} ${group.length === 1 ? 'runs' : 'run'} ${what}`;
    })
    .join(', ');
}

/** `HV2 level 10 (Windows Server 2019)`: one node and its level, as a list item. */
export function nodeAtLevel(node: NodeState): string {
  return `${node.name} ${node.highest === undefined ? 'level unknown' : formatNodeLevel(levelOf(node.highest))}`;
}

/** `FL 9 (Windows Server 2016)`, or "the functional level" when it cannot be known. */
export function levelName(functionalLevel: number | undefined): string {
  return functionalLevel === undefined ? 'the functional level' : formatLevel(functionalLevel);
}
