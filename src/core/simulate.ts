import { declaredNodes, isNodeStep, registryHost, type NodeDeclaration, type NodeStep, type Plan, type ServiceStep, type Step, type VersionMatch } from './plan';
import { bypassesVersionCheck, type RegistryValue } from './registry';
import { majorOf } from './versions';

/**
 * The simulation of docs/simulation.md: the cluster before the first step, then after each step. Its
 * result is plain data that no one changes: a state shares the node objects that a step did not change.
 * `undefined` means unknown (a version the plan does not give in a readable form) or absent.
 */

/** One node at one point of the plan. */
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

/** ClusterHighestVersion and ClusterLowestVersion over the active nodes, recomputed when one joins or leaves. */
export interface ClusterVersions {
  readonly activeCount: number;
  /** Min of the active nodes' highest versions; undefined with no active node or an unknown version. */
  readonly clusterHighestVersion: number | undefined;
  /** Max of the active nodes' lowest versions; undefined likewise. */
  readonly clusterLowestVersion: number | undefined;
  /** The active nodes' highest versions differ (by the plan's versionMatch). */
  readonly mixed: boolean;
}

export interface ClusterState extends ClusterVersions {
  /** One per declared node (the first declaration of a name), in declaration order. */
  readonly nodes: readonly NodeState[];
}

/** The three conditions of which at least one must hold for a node to join. */
export type JoinRule = 'highest = ClusterHighestVersion' | 'lowest = ClusterHighestVersion' | 'highest = ClusterLowestVersion';

export interface JoinAttempt {
  /** The joiner as it tried, stopped: its bypass is what it read from the registry at this start. */
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
  /** The same object as `before` when the step changed nothing. */
  readonly after: ClusterState;
  /** The state before the step of the declared node it acts on: for a registry step, the node whose registry it writes. */
  readonly target: NodeState | undefined;
  /** A start, join or restart of a declared node. */
  readonly join: JoinAttempt | undefined;
}

export interface Timeline {
  readonly initial: ClusterState;
  /** One per step, in order. A step the simulation cannot read leaves the state as it was. */
  readonly steps: readonly StepResult[];
  readonly final: ClusterState;
}

/** Windows Server 2016 and later; Windows Server 2003 had 8. analyze() reports a plan with more and does not simulate it. */
export const MAX_NODES = 64;

export function simulate(plan: Plan): Timeline {
  return new Simulation(plan).run();
}

/** The declared nodes and how the plan compares versions: what every step of the simulation needs. */
class Simulation {
  private readonly declarations: readonly NodeDeclaration[];
  private readonly indexOf: ReadonlyMap<NodeDeclaration, number>;
  private readonly match: VersionMatch;

  constructor(private readonly plan: Plan) {
    this.declarations = declaredNodes(plan);
    if (this.declarations.length > MAX_NODES) throw new RangeError(`simulate() takes at most ${MAX_NODES} nodes, not ${this.declarations.length}`);
    this.indexOf = new Map(this.declarations.map((d, k) => [d, k]));
    this.match = plan.versionMatch;
  }

  run(): Timeline {
    const initial = this.state(this.declarations.map(declaredState));
    const steps: StepResult[] = [];
    let state = initial;
    for (const step of this.plan.steps) {
      // A note, a cluster-security step, or a step whose action or node cannot be read changes no node.
      const declaration = isNodeStep(step) ? actedOn(step) : undefined;
      const index = declaration && this.indexOf.get(declaration);
      const result = isNodeStep(step) && index !== undefined ? this.apply(step, state, index) : { step, before: state, after: state, target: undefined, join: undefined };
      steps.push(result);
      state = result.after;
    }
    return { initial, steps, final: state };
  }

  /** The step acting on the node at `index`, a declared node. */
  private apply(step: NodeStep, before: ClusterState, index: number): StepResult {
    const target = before.nodes[index]!;
    let after = before;
    let join: JoinAttempt | undefined;
    switch (step.action) {
      case 'stop':
        if (target.running) after = this.replace(before, index, withService(target, false, false));
        break;
      case 'start':
      case 'join':
        if (target.running) join = alreadyRunning(target);
        else [after, join] = this.start(step, before, index);
        break;
      case 'restart':
        // The node stops, then starts: the start reads NoVersionCheck afresh.
        [after, join] = this.start(step, target.running ? this.replace(before, index, withService(target, false, false)) : before, index);
        break;
      case 'upgrade':
        // An in-place upgrade keeps ClusSvc\Parameters, so the registry value survives; the service ends stopped.
        after = this.replace(before, index, upgraded(target, step.to?.highest, step.to?.lowest));
        break;
      case 'set-registry':
        // The Cluster service reads only NoVersionCheck under ClusSvc\Parameters; another value changes nothing it sees.
        if (step.writesNoVersionCheck) after = this.replace(before, index, withRegistry(target, { type: step.type, data: step.data }, step.index));
        break;
      case 'delete-registry':
        // Not dynamic (KB 811272): the running service keeps bypassing until it restarts.
        if (step.writesNoVersionCheck) after = this.replace(before, index, withRegistry(target, undefined, step.index));
        break;
    }
    return { step, before, after, target, join };
  }

  /** Starting or joining node J (docs/simulation.md): the state after, and the attempt. `state` has J stopped. */
  private start(step: ServiceStep, state: ClusterState, index: number): [ClusterState, JoinAttempt] {
    const stopped = state.nodes[index]!;
    // The service reads NoVersionCheck as it starts.
    const bypass = bypassesVersionCheck(stopped.registry);
    const joiner = bypass ? withService(stopped, false, true) : stopped;
    let outcome: JoinAttempt['outcome'];
    let sponsors: readonly NodeState[] = [];
    let sponsorNotRunning = false;
    let checkSkipped = false;
    let versionsUnknown = false;
    let rulesHeld: JoinRule[] = [];
    if (state.activeCount === 0) {
      // With no active node, J forms the cluster alone; a join asserts a cluster to join, and finds none.
      outcome = step.action === 'join' ? 'no-cluster' : 'formed';
    } else {
      const namedIndex = step.sponsor?.declaration ? this.indexOf.get(step.sponsor.declaration) : undefined;
      const named = namedIndex === undefined ? undefined : state.nodes[namedIndex];
      sponsorNotRunning = named !== undefined && !named.running;
      sponsors = named?.running ? [named] : state.nodes.filter((n) => n.running);
      checkSkipped = bypass && sponsors.every((s) => s.bypass);
      const H = state.clusterHighestVersion;
      const L = state.clusterLowestVersion;
      if (checkSkipped) {
        outcome = 'joined';
      } else if (H === undefined || L === undefined || joiner.highest === undefined || joiner.lowest === undefined) {
        // An invalid version is already an error; guessing a verdict here would only add noise.
        versionsUnknown = true;
        outcome = 'joined';
      } else {
        rulesHeld = joinRulesHeld({ highest: joiner.highest, lowest: joiner.lowest }, H, L, this.match);
        outcome = rulesHeld.length === 0 ? 'refused' : 'joined';
      }
    }
    // A refused start, or a join with no cluster, leaves J stopped.
    const after = outcome === 'formed' || outcome === 'joined' ? this.replace(state, index, withService(joiner, true, bypass)) : state;
    const { clusterHighestVersion, clusterLowestVersion } = state;
    return [after, { joiner, outcome, sponsors, sponsorNotRunning, checkSkipped, versionsUnknown, rulesHeld, clusterHighestVersion, clusterLowestVersion }];
  }

  /** The state with the node at `index` replaced, its cluster versions recomputed. */
  private replace(state: ClusterState, index: number, node: NodeState): ClusterState {
    const nodes = state.nodes.slice();
    nodes[index] = node;
    return this.state(nodes);
  }

  private state(nodes: readonly NodeState[]): ClusterState {
    const { activeCount, clusterHighestVersion, clusterLowestVersion, mixed } = clusterVersionsOf(nodes, this.match);
    return { nodes, activeCount, clusterHighestVersion, clusterLowestVersion, mixed };
  }
}

/** The node a step acts on: its node or, for a registry step, the node whose registry its key names. */
function actedOn(step: NodeStep): NodeDeclaration | undefined {
  return step.action === 'set-registry' || step.action === 'delete-registry' ? registryHost(step) : step.target?.declaration;
}

/** A node as "nodes" declares it; `"noVersionCheck": true` is REG_DWORD 1, in effect if the service runs. */
function declaredState(declaration: NodeDeclaration): NodeState {
  const registry: RegistryValue | undefined = declaration.noVersionCheck ? { type: 'REG_DWORD', data: 1 } : undefined;
  return {
    declaration,
    name: declaration.name,
    highest: declaration.highest,
    lowest: declaration.lowest,
    running: declaration.running,
    registry,
    bypass: declaration.running && declaration.noVersionCheck,
    registryChangedAt: registry ? -1 : undefined,
  };
}

// A step changes a node into a new object: states share the node objects a step did not change.

/** The node with its service stopped or started; `bypass` is what a start read from the registry. */
function withService(node: NodeState, running: boolean, bypass: boolean): NodeState {
  const { declaration, name, highest, lowest, registry, registryChangedAt } = node;
  return { declaration, name, highest, lowest, running, registry, bypass, registryChangedAt };
}

/** The node after an upgrade: its new versions, its service stopped, its registry kept. */
function upgraded(node: NodeState, highest: number | undefined, lowest: number | undefined): NodeState {
  const { declaration, name, registry, registryChangedAt } = node;
  return { declaration, name, highest, lowest, running: false, registry, bypass: false, registryChangedAt };
}

/** The node after NoVersionCheck was set (a value) or deleted (undefined) at step `at`. */
function withRegistry(node: NodeState, registry: RegistryValue | undefined, at: number): NodeState {
  const { declaration, name, highest, lowest, running, bypass } = node;
  return { declaration, name, highest, lowest, running, registry, bypass, registryChangedAt: at };
}

function alreadyRunning(target: NodeState): JoinAttempt {
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

/** ClusterHighestVersion (min of highest) and ClusterLowestVersion (max of lowest) over the running nodes. */
export function clusterVersionsOf(nodes: readonly NodeState[], match: VersionMatch): ClusterVersions {
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
  return { activeCount, clusterHighestVersion: known ? highest : undefined, clusterLowestVersion: known ? lowest : undefined, mixed };
}

/** Which of the three join conditions hold for a joiner against the cluster's versions, in their order. */
export function joinRulesHeld(joiner: { highest: number; lowest: number }, clusterHighest: number, clusterLowest: number, match: VersionMatch): JoinRule[] {
  const held: JoinRule[] = [];
  if (versionsEqual(joiner.highest, clusterHighest, match)) held.push('highest = ClusterHighestVersion');
  if (versionsEqual(joiner.lowest, clusterHighest, match)) held.push('lowest = ClusterHighestVersion');
  if (versionsEqual(joiner.highest, clusterLowest, match)) held.push('highest = ClusterLowestVersion');
  return held;
}

export function versionsEqual(a: number, b: number, match: VersionMatch): boolean {
  return match === 'major' ? majorOf(a) === majorOf(b) : a === b;
}
