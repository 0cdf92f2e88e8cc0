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
  return held;
}

export function versionsEqual(a: number, b: number, match: VersionMatch): boolean {
  return match === 'major' ? majorOf(a) === majorOf(b) : a === b;
}

class Simulation {
  private readonly indexByDeclaration = new Map<NodeDeclaration, number>();

  constructor(private readonly plan: Plan) {}

  run(): Timeline {
    const nodes: NodeState[] = [];
    for (const declaration of this.plan.nodes) {
      if (declaration.duplicateOf) continue;
      this.indexByDeclaration.set(declaration, nodes.length);
      const registry: RegistryValue | undefined = declaration.noVersionCheck ? { type: 'REG_DWORD', data: 1 } : undefined;
      nodes.push({
        declaration,
        name: declaration.name,
        highest: declaration.highest,
        lowest: declaration.lowest,
        running: declaration.running,
        registry,
        bypass: declaration.running && bypassesVersionCheck(registry),
        registryChangedAt: registry ? -1 : undefined,
      });
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
    const unchanged: StepResult = { step, before, after: before, target: undefined, join: undefined };
    if (step.action === undefined || step.action === 'note' || step.action === 'cluster-security') return unchanged;
    const index = this.indexOf(step.target?.declaration);
    if (index === undefined) return unchanged;
    const target = before.nodes[index]!;
    const result = (after: ClusterState, join?: JoinAttempt): StepResult => ({ step, before, after, target, join });

    switch (step.action) {
      case 'stop':
        return result(target.running ? this.replace(before, index, stopped(target)) : before);
      case 'start':
      case 'join':
        if (target.running) return result(before, this.alreadyRunning(target));
        return this.start(step, before, index, result);
      case 'restart': {
        const down = target.running ? this.replace(before, index, stopped(target)) : before;
        return this.start(step, down, index, result);
      }
      case 'upgrade': {
        // An in-place upgrade keeps ClusSvc\Parameters, so the registry value survives; the service ends stopped.
        const upgraded: NodeState = {
          ...stopped(target),
          highest: step.to?.highest,
          lowest: step.to?.lowest,
        };
        return result(this.replace(before, index, upgraded));
      }
      case 'set-registry':
        // The Cluster service reads only ClusSvc\Parameters; a value elsewhere changes nothing it sees.
        if (!step.atParametersKey) return result(before);
        return result(this.replace(before, index, { ...target, registry: { type: step.type, data: step.data }, registryChangedAt: step.index }));
      case 'delete-registry':
        if (!step.atParametersKey) return result(before);
        // Not dynamic (KB 811272): the running service keeps bypassing until it restarts.
        return result(this.replace(before, index, { ...target, registry: undefined, registryChangedAt: step.index }));
    }
  }

  /** DOMAIN.md §2, "Starting or joining node J". `state` has J stopped. */
  private start(
    step: ServiceStep,
    state: ClusterState,
    index: number,
    result: (after: ClusterState, join: JoinAttempt) => StepResult,
  ): StepResult {
    const joiner: NodeState = { ...state.nodes[index]!, bypass: bypassesVersionCheck(state.nodes[index]!.registry) };
    const active = state.nodes.filter((n) => n.running);
    const base = {
      joiner,
      sponsors: [] as NodeState[],
      sponsorNotRunning: false,
      checkSkipped: false,
      versionsUnknown: false,
      rulesHeld: [] as JoinRule[],
      clusterHighestVersion: state.clusterHighestVersion,
      clusterLowestVersion: state.clusterLowestVersion,
    };
    if (active.length === 0) {
      if (step.action === 'join') return result(state, { ...base, outcome: 'no-cluster' });
      return result(this.replace(state, index, { ...joiner, running: true }), { ...base, outcome: 'formed' });
    }
    const namedIndex = this.indexOf(step.sponsor?.declaration);
    const named = namedIndex === undefined ? undefined : state.nodes[namedIndex];
    const sponsorNotRunning = named !== undefined && !named.running;
    const sponsors = named?.running ? [named] : active;
    const checkSkipped = joiner.bypass && sponsors.every((s) => s.bypass);
    const attempt = { ...base, sponsors, sponsorNotRunning, checkSkipped };
    const joined = () => this.replace(state, index, { ...joiner, running: true });
    if (checkSkipped) return result(joined(), { ...attempt, outcome: 'joined' });

    const H = state.clusterHighestVersion;
    const L = state.clusterLowestVersion;
    if (H === undefined || L === undefined || joiner.highest === undefined || joiner.lowest === undefined) {
      // An invalid version is already an error; guessing a verdict here would only add noise.
      return result(joined(), { ...attempt, outcome: 'joined', versionsUnknown: true });
    }
    const rulesHeld = joinRulesHeld({ highest: joiner.highest, lowest: joiner.lowest }, H, L, this.plan.versionMatch);
    if (rulesHeld.length === 0) return result(state, { ...attempt, outcome: 'refused', rulesHeld });
    return result(joined(), { ...attempt, outcome: 'joined', rulesHeld });
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
    return { nodes, ...clusterVersionsOf(nodes, this.plan.versionMatch) };
  }
}

function stopped(node: NodeState): NodeState {
  return { ...node, running: false, bypass: false };
}
