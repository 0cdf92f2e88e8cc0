import { declarationName, type Located, type NodeDeclaration, type Plan, type UpgradeStep, type VersionPair } from '../plan';

/** What holds a highest/lowest pair: a node's declaration (the pair itself), or an upgrade (its target). */
export type PairHolder = NodeDeclaration | UpgradeStep;

/**
 * Every holder of a pair the plan declares: the nodes, then the upgrades with a target. Where a pair is and
 * what to call it are worked out only for a pair a rule reports: these rules visit every upgrade, and most
 * plans report none.
 */
export function pairHolders(plan: Plan): PairHolder[] {
  const holders: PairHolder[] = plan.nodes.slice();
  for (const step of plan.steps) if (step.action === 'upgrade' && step.to) holders.push(step);
  return holders;
}

export function pairOf(holder: PairHolder): VersionPair {
  return isUpgrade(holder) ? holder.to! : holder;
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
