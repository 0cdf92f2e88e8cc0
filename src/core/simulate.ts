import type { NodeDeclaration, Plan, ServiceStep, Step, VersionMatch } from './plan';
import { bypassesVersionCheck, type RegistryValue } from './registry';
import { majorOf } from './versions';

/** One node at one point of the plan. Objects are shared between states while the node does not change. */
export interface NodeState {
  readonly declaration: NodeDeclaration;
  readonly name: string;
  readonly highest: number | undefined;
  readonly lowest: number | undefined;
  /** The Cluster service runs: the node is an active member. */
  readonly running: boolean;
  /** NoVersionCheck under ClusSvc\Parameters, if present. */
  readonly registry: RegistryValue | undefined;
  /** The running service started while NoVersionCheck was REG_DWORD 1. False while stopped. */
  readonly bypass: boolean;
  /** The step that last set or deleted NoVersionCheck on this node; -1 for the declaration in "nodes". */
  readonly registryChangedAt: number | undefined;
}

export interface ClusterState {
  /** One per declared node (first declaration of a name), in declaration order. */
  readonly nodes: readonly NodeState[];
  readonly activeCount: number;
  /** Min of the active nodes' highest versions; undefined with no active node or an unknown version. */
  readonly clusterHighestVersion: number | undefined;
  /** Max of the active nodes' lowest versions; undefined likewise. */
  readonly clusterLowestVersion: number | undefined;
  /** The active nodes' highest versions differ (by the plan's versionMatch). */
  readonly mixed: boolean;
}

/** The three conditions of which at least one must hold for a node to join (fact 5). */
export type JoinRule = 'highest = ClusterHighestVersion' | 'lowest = ClusterHighestVersion' | 'highest = ClusterLowestVersion';

export interface JoinAttempt {
  /** The joiner as it tried: its bypass is what it read from the registry at this start. */
  readonly joiner: NodeState;
  readonly outcome: 'formed' | 'joined' | 'refused' | 'no-cluster' | 'already-running';
  /** The nodes whose bypass decides whether the check runs: the named sponsor, or every active node. */
  readonly sponsors: readonly NodeState[];
  /** The step names a sponsor that is not an active member, so every active node may sponsor instead. */
  readonly sponsorNotRunning: boolean;
  readonly checkSkipped: boolean;
  /** Versions of the joiner or the cluster are unknown (invalid in the plan), so no verdict was possible. */
  readonly versionsUnknown: boolean;
  readonly rulesHeld: readonly JoinRule[];
  readonly clusterHighestVersion: number | undefined;
  readonly clusterLowestVersion: number | undefined;
}

export interface StepResult {
  readonly step: Step;
  readonly before: ClusterState;
  readonly after: ClusterState;
  /** The target node's state before the step, when the step has a known target. */
  readonly target: NodeState | undefined;
  readonly join: JoinAttempt | undefined;
}

export interface Timeline {
  readonly initial: ClusterState;
  /** One per step, in order. A step the simulation cannot read leaves the state as it was. */
  readonly results: readonly StepResult[];
  readonly final: ClusterState;
}

export function simulate(plan: Plan): Timeline {
  return new Simulation(plan).run();
}

/** Fact 4 over the nodes whose service runs; recomputed whenever the active set changes. */
export function clusterVersionsOf(nodes: readonly NodeState[], match: VersionMatch): Omit<ClusterState, 'nodes'> {
  let activeCount = 0;
  let highest: number | undefined;
  let lowest: number | undefined;
  let known = true;
  let mixed = false;
  let first: number | undefined;
  for (const n of nodes) {
    if (!n.running) continue;
    activeCount++;
    if (n.highest === undefined || n.lowest === undefined) {
      known = false;
      continue;
    }
    highest = highest === undefined ? n.highest : Math.min(highest, n.highest);
    lowest = lowest === undefined ? n.lowest : Math.max(lowest, n.lowest);
    if (first === undefined) first = n.highest;
    else if (!versionsEqual(first, n.highest, match)) mixed = true;
  }
  return {
    activeCount,
    clusterHighestVersion: known ? highest : undefined,
    clusterLowestVersion: known ? lowest : undefined,
    mixed,
  };
}

/** Which of fact 5's three conditions hold for a joiner against the cluster's versions. */
export function joinRulesHeld(
  joiner: { highest: number; lowest: number },
  clusterHighest: number,
  clusterLowest: number,
  match: VersionMatch,
): JoinRule[] {
  const held: JoinRule[] = [];
  if (versionsEqual(joiner.highest, clusterHighest, match)) held.push('highest = ClusterHighestVersion');
  if (versionsEqual(joiner.lowest, clusterHighest, match)) held.push('lowest = ClusterHighestVersion');
  if (versionsEqual(joiner.highest, clusterLowest, match)) held.push('highest = ClusterLowestVersion');
  // The timeline keeps one per join: an exact copy, as push leaves room for 17.
  return held.slice();
}

export function versionsEqual(a: number, b: number, match: VersionMatch): boolean {
  return match === 'major' ? majorOf(a) === majorOf(b) : a === b;
}

/**
 * One object per step and per changed node, each built in one literal with all its fields: the simulation
 * runs on every pause in typing, and spreads and closures here cost more than the parse (bench/phases.ts).
 */
class Simulation {
  private readonly indexByDeclaration = new Map<NodeDeclaration, number>();

  constructor(private readonly plan: Plan) {}

  run(): Timeline {
    const nodes: NodeState[] = [];
    for (const declaration of this.plan.nodes) {
      if (declaration.duplicateOf) continue;
      this.indexByDeclaration.set(declaration, nodes.length);
      const registry: RegistryValue | undefined = declaration.noVersionCheck ? { type: 'REG_DWORD', data: 1 } : undefined;
      nodes.push(
        nodeState(
          declaration,
          declaration.highest,
          declaration.lowest,
          declaration.running,
          registry,
          declaration.running && bypassesVersionCheck(registry),
          registry ? -1 : undefined,
        ),
      );
    }
    const initial = this.state(nodes);
    let current = initial;
    const results: StepResult[] = [];
    for (const step of this.plan.steps) {
      const result = this.apply(step, current);
      results.push(result);
      current = result.after;
    }
    return { initial, results, final: current };
  }

  private apply(step: Step, before: ClusterState): StepResult {
    if (step.action === undefined || step.action === 'note' || step.action === 'cluster-security') return stepResult(step, before, before, undefined, undefined);
    const index = this.indexOf(step.target?.declaration);
    if (index === undefined) return stepResult(step, before, before, undefined, undefined);
    const target = before.nodes[index]!;

    switch (step.action) {
      case 'stop':
        return stepResult(step, before, target.running ? this.replace(before, index, stopped(target)) : before, target, undefined);
      case 'start':
      case 'join':
        if (target.running) return stepResult(step, before, before, target, this.alreadyRunning(target));
        return this.start(step, before, before, index, target);
      case 'restart': {
        const down = target.running ? this.replace(before, index, stopped(target)) : before;
        return this.start(step, before, down, index, target);
      }
      case 'upgrade': {
        // An in-place upgrade keeps ClusSvc\Parameters, so the registry value survives; the service ends stopped.
        const upgraded = nodeState(target.declaration, step.to?.highest, step.to?.lowest, false, target.registry, false, target.registryChangedAt);
        return stepResult(step, before, this.replace(before, index, upgraded), target, undefined);
      }
      case 'set-registry': {
        // The Cluster service reads only ClusSvc\Parameters; a value elsewhere changes nothing it sees.
        if (!step.atParametersKey) return stepResult(step, before, before, target, undefined);
        const registry: RegistryValue = { type: step.type, data: step.data };
        const changed = nodeState(target.declaration, target.highest, target.lowest, target.running, registry, target.bypass, step.index);
        return stepResult(step, before, this.replace(before, index, changed), target, undefined);
      }
      case 'delete-registry': {
        if (!step.atParametersKey) return stepResult(step, before, before, target, undefined);
        // Not dynamic (KB 811272): the running service keeps bypassing until it restarts.
        const changed = nodeState(target.declaration, target.highest, target.lowest, target.running, undefined, target.bypass, step.index);
        return stepResult(step, before, this.replace(before, index, changed), target, undefined);
      }
    }
  }

  /** DOMAIN.md §2, "Starting or joining node J". `state` has J stopped; `target` is J before the step. */
  private start(step: ServiceStep, before: ClusterState, state: ClusterState, index: number, target: NodeState): StepResult {
    const stoppedJoiner = state.nodes[index]!;
    const bypass = bypassesVersionCheck(stoppedJoiner.registry);
    const joiner = nodeState(stoppedJoiner.declaration, stoppedJoiner.highest, stoppedJoiner.lowest, false, stoppedJoiner.registry, bypass, stoppedJoiner.registryChangedAt);
    const H = state.clusterHighestVersion;
    const L = state.clusterLowestVersion;
    let outcome: JoinAttempt['outcome'];
    let sponsors: readonly NodeState[] = [];
    let sponsorNotRunning = false;
    let checkSkipped = false;
    let versionsUnknown = false;
    let rulesHeld: readonly JoinRule[] = [];
    if (state.activeCount === 0) {
      outcome = step.action === 'join' ? 'no-cluster' : 'formed';
    } else {
      const namedIndex = this.indexOf(step.sponsor?.declaration);
      const named = namedIndex === undefined ? undefined : state.nodes[namedIndex];
      sponsorNotRunning = named !== undefined && !named.running;
      sponsors = named?.running ? [named] : activeNodes(state);
      checkSkipped = bypass && sponsors.every((s) => s.bypass);
      if (checkSkipped) {
        outcome = 'joined';
      } else if (H === undefined || L === undefined || joiner.highest === undefined || joiner.lowest === undefined) {
        // An invalid version is already an error; guessing a verdict here would only add noise.
        versionsUnknown = true;
        outcome = 'joined';
      } else {
        rulesHeld = joinRulesHeld({ highest: joiner.highest, lowest: joiner.lowest }, H, L, this.plan.versionMatch);
        outcome = rulesHeld.length === 0 ? 'refused' : 'joined';
      }
    }
    const after =
      outcome === 'refused' || outcome === 'no-cluster'
        ? state
        : this.replace(state, index, nodeState(joiner.declaration, joiner.highest, joiner.lowest, true, joiner.registry, bypass, joiner.registryChangedAt));
    const join: JoinAttempt = { joiner, outcome, sponsors, sponsorNotRunning, checkSkipped, versionsUnknown, rulesHeld, clusterHighestVersion: H, clusterLowestVersion: L };
    return stepResult(step, before, after, target, join);
  }

  private alreadyRunning(target: NodeState): JoinAttempt {
    return {
      joiner: target,
      outcome: 'already-running',
      sponsors: [],
      sponsorNotRunning: false,
      checkSkipped: false,
      versionsUnknown: false,
      rulesHeld: [],
      clusterHighestVersion: undefined,
      clusterLowestVersion: undefined,
    };
  }

  private indexOf(declaration: NodeDeclaration | undefined): number | undefined {
    return declaration ? this.indexByDeclaration.get(declaration) : undefined;
  }

  private replace(state: ClusterState, index: number, node: NodeState): ClusterState {
    const nodes = state.nodes.slice();
    nodes[index] = node;
    return this.state(nodes);
  }

  private state(nodes: readonly NodeState[]): ClusterState {
    const versions = clusterVersionsOf(nodes, this.plan.versionMatch);
    return {
      nodes,
      activeCount: versions.activeCount,
      clusterHighestVersion: versions.clusterHighestVersion,
      clusterLowestVersion: versions.clusterLowestVersion,
      mixed: versions.mixed,
    };
  }
}

/** The active nodes in an array of their exact size: the timeline keeps one per join. */
function activeNodes(state: ClusterState): NodeState[] {
  const active = new Array<NodeState>(state.activeCount);
  let k = 0;
  for (const node of state.nodes) if (node.running) active[k++] = node;
  return active;
}

function nodeState(
  declaration: NodeDeclaration,
  highest: number | undefined,
  lowest: number | undefined,
  running: boolean,
  registry: RegistryValue | undefined,
  bypass: boolean,
  registryChangedAt: number | undefined,
): NodeState {
  return { declaration, name: declaration.name, highest, lowest, running, registry, bypass, registryChangedAt };
}

function stepResult(step: Step, before: ClusterState, after: ClusterState, target: NodeState | undefined, join: JoinAttempt | undefined): StepResult {
  return { step, before, after, target, join };
}

function stopped(node: NodeState): NodeState {
  return nodeState(node.declaration, node.highest, node.lowest, false, node.registry, false, node.registryChangedAt);
}
