import { declarationName, type Located, type NodeDeclaration, type Plan, type UpgradeStep } from '../plan';

/** What holds a highest/lowest pair: a node's declaration (the pair itself), or an upgrade (its target). */
export type PairHolder = NodeDeclaration | UpgradeStep;

/**
 * Every pair the plan declares, the nodes' then the upgrades' `to`, as its two versions and a number for
 * `holderAt`. The holder, where the pair is and what to call it are worked out only for a pair a rule
 * reports: these rules visit every upgrade, and most plans report none.
 */
export function forEachPair(plan: Plan, visit: (highest: number | undefined, lowest: number | undefined, at: number) => void): void {
  const nodes = plan.nodes;
  for (let k = 0; k < nodes.length; k++) visit(nodes[k]!.highest, nodes[k]!.lowest, k);
  const steps = plan.stepTable;
  for (let i = 0; i < steps.length; i++) if (steps.hasTo(i)) visit(steps.toHighest(i), steps.toLowest(i), nodes.length + i);
}

/** The holder of the pair forEachPair numbered `at`. */
export function holderAt(plan: Plan, at: number): PairHolder {
  return at < plan.nodes.length ? plan.nodes[at]! : (plan.stepTable.step(at - plan.nodes.length) as UpgradeStep);
}

/** Where a finding about the pair is shown: a node's name, or the upgrade's `to`. */
export function pairWhere(holder: PairHolder): Located {
  return isUpgrade(holder) ? holder.to! : declarationName(holder);
}

export function pairSubject(holder: PairHolder): string {
  return isUpgrade(holder) ? `The upgrade target of step ${holder.index + 1}` : `Node ${holder.name}`;
}

function isUpgrade(holder: PairHolder): holder is UpgradeStep {
  return (holder as UpgradeStep).action === 'upgrade';
}
