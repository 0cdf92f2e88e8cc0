import { declarationName, type Located, type NodeDeclaration, type Plan, type UpgradeStep, type VersionPair } from '../plan';

/** An upgrade whose `to` could be read. */
type UpgradeWithTarget = UpgradeStep & { readonly to: VersionPair };

/** What holds a highest/lowest pair: a node's declaration (the pair itself), or an upgrade (its `to`). */
export type PairHolder = NodeDeclaration | UpgradeWithTarget;

/** Every pair the plan declares: the nodes', then the upgrades' `to`, in file order. */
export function pairHolders(plan: Plan): PairHolder[] {
  const upgrades = plan.steps.filter((s): s is UpgradeWithTarget => s.action === 'upgrade' && s.to !== undefined);
  return [...plan.nodes, ...upgrades];
}

export function pairOf(holder: PairHolder): VersionPair {
  return isUpgrade(holder) ? holder.to : holder;
}

/** Where a finding about the pair is shown: a node's name, or the upgrade's `to`. */
export function pairWhere(holder: PairHolder): Located {
  return isUpgrade(holder) ? holder.to : declarationName(holder);
}

export function pairSubject(holder: PairHolder): string {
  return isUpgrade(holder) ? `The upgrade target of step ${holder.index + 1}` : `Node ${holder.name}`;
}

function isUpgrade(holder: PairHolder): holder is UpgradeWithTarget {
  return 'action' in holder;
}
