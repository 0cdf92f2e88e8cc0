import { declarationName, type Located, type Plan, type VersionPair } from '../plan';

/** Every highest/lowest pair the plan declares: the nodes' (shown at the name) and the upgrades' targets. */
export function* versionPairs(plan: Plan): Generator<{ where: Located; pair: VersionPair; subject: string }> {
  for (const node of plan.nodes) {
    yield { where: declarationName(node), pair: node, subject: `Node ${node.name}` };
  }
  for (const step of plan.steps) {
    if (step.action === 'upgrade' && step.to) {
      yield { where: step.to, pair: step.to, subject: `The upgrade target of step ${step.index + 1}` };
    }
  }
}
