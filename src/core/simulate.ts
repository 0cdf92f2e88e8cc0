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
  /**
   * The widest gap between two nodes' Cluster service majors, over every node with a known version, running
   * or not: major-skew reads it to pass a state without looking at its nodes.
   */
  majorSpread(): number;
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
export function clusterVersionsOf(nodes: readonly NodeState[], match: VersionMatch): Omit<ClusterState, 'nodes' | 'majorSpread'> {
  return measureVersions(nodes, match, { activeCount: 0, clusterHighestVersion: undefined, clusterLowestVersion: undefined, mixed: false });
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

type Versions = Writable<Omit<ClusterState, 'nodes' | 'majorSpread'>>;

/** clusterVersionsOf, written into `into`: the simulation reuses one object at every change. */
function measureVersions(nodes: readonly NodeState[], match: VersionMatch, into: Versions): Versions {
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
  into.activeCount = activeCount;
  into.clusterHighestVersion = known ? highest : undefined;
  into.clusterLowestVersion = known ? lowest : undefined;
  into.mixed = mixed;
  return into;
}

/** Which of fact 5's three conditions hold for a joiner against the cluster's versions. */
export function joinRulesHeld(
  joiner: { highest: number; lowest: number },
  clusterHighest: number,
  clusterLowest: number,
  match: VersionMatch,
): readonly JoinRule[] {
  const bits =
    (versionsEqual(joiner.highest, clusterHighest, match) ? 1 : 0) |
    (versionsEqual(joiner.lowest, clusterHighest, match) ? 2 : 0) |
    (versionsEqual(joiner.highest, clusterLowest, match) ? 4 : 0);
  return HELD[bits]!;
}

const JOIN_RULES: readonly JoinRule[] = ['highest = ClusterHighestVersion', 'lowest = ClusterHighestVersion', 'highest = ClusterLowestVersion'];

/** The eight possible answers, shared: the timeline keeps one per join, and none is ever changed. */
const HELD: readonly (readonly JoinRule[])[] = Array.from({ length: 8 }, (_, bits) => Object.freeze(JOIN_RULES.filter((_, k) => bits & (1 << k))));

export function versionsEqual(a: number, b: number, match: VersionMatch): boolean {
  return match === 'major' ? majorOf(a) === majorOf(b) : a === b;
}

/**
 * Runs the plan over one working array of nodes. A state keeps only the node that changed (SimulatedState)
 * and a join its sponsors only when asked for (SimulatedJoin): the rules look at the nodes of a few steps,
 * and an array of nodes per state was half of what the whole analysis allocated (bench/phases.ts). Every
 * object is built in one go with all its fields: spreads and closures here cost more than the parse.
 */
class Simulation {
  private readonly indexByDeclaration = new Map<NodeDeclaration, number>();
  private readonly match: VersionMatch;
  /** The nodes as the step being simulated has them so far: the latest state, or a node staged on top of it. */
  private readonly work: NodeState[] = [];
  private readonly stoppedNodes = new Map<NodeState, NodeState>();
  private latest!: SimulatedState;
  /** States since the last that copied `work`. */
  private sinceCopy = 0;
  /** Fact 4 over `work`, as `stage` last computed it. */
  private readonly versions: Versions = { activeCount: 0, clusterHighestVersion: undefined, clusterLowestVersion: undefined, mixed: false };

  constructor(private readonly plan: Plan) {
    this.match = plan.versionMatch;
  }

  run(): Timeline {
    for (const declaration of this.plan.nodes) {
      if (declaration.duplicateOf) continue;
      this.indexByDeclaration.set(declaration, this.work.length);
      const registry: RegistryValue | undefined = declaration.noVersionCheck ? { type: 'REG_DWORD', data: 1 } : undefined;
      this.work.push(
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
    measureVersions(this.work, this.match, this.versions);
    const initial = new SimulatedState(undefined, -1, undefined, this.work, true, this.versions);
    this.latest = initial;
    const steps = this.plan.steps;
    const results = new Array<StepResult>(steps.length);
    for (let i = 0; i < steps.length; i++) results[i] = this.apply(steps[i]!, this.latest);
    return { initial, results, final: this.latest };
  }

  private apply(step: Step, before: SimulatedState): StepResult {
    if (step.action === undefined || step.action === 'note' || step.action === 'cluster-security') return stepResult(step, before, before, undefined, undefined);
    const index = this.indexOf(step.target?.declaration);
    if (index === undefined) return stepResult(step, before, before, undefined, undefined);
    const target = this.work[index]!;

    switch (step.action) {
      case 'stop':
        return stepResult(step, before, target.running ? this.commit(index, this.stopped(target)) : before, target, undefined);
      case 'start':
      case 'join':
        if (target.running) return stepResult(step, before, before, target, alreadyRunning(target));
        return this.start(step, before, index, target);
      case 'restart':
        // The node stopped, without a state of its own unless the start then fails.
        if (target.running) this.stage(index, this.stopped(target));
        return this.start(step, before, index, target);
      case 'upgrade': {
        // An in-place upgrade keeps ClusSvc\Parameters, so the registry value survives; the service ends stopped.
        const upgraded = nodeState(target.declaration, step.to?.highest, step.to?.lowest, false, target.registry, false, target.registryChangedAt);
        return stepResult(step, before, this.commit(index, upgraded), target, undefined);
      }
      case 'set-registry': {
        // The Cluster service reads only ClusSvc\Parameters; a value elsewhere changes nothing it sees.
        if (!step.atParametersKey) return stepResult(step, before, before, target, undefined);
        const registry: RegistryValue = { type: step.type, data: step.data };
        const changed = nodeState(target.declaration, target.highest, target.lowest, target.running, registry, target.bypass, step.index);
        return stepResult(step, before, this.commit(index, changed), target, undefined);
      }
      case 'delete-registry': {
        if (!step.atParametersKey) return stepResult(step, before, before, target, undefined);
        // Not dynamic (KB 811272): the running service keeps bypassing until it restarts.
        const changed = nodeState(target.declaration, target.highest, target.lowest, target.running, undefined, target.bypass, step.index);
        return stepResult(step, before, this.commit(index, changed), target, undefined);
      }
    }
  }

  /**
   * DOMAIN.md §2, "Starting or joining node J". `work` has J stopped (staged by a restart, or as `before`
   * has it); `target` is J before the step.
   */
  private start(step: ServiceStep, before: SimulatedState, index: number, target: NodeState): StepResult {
    const stoppedJoiner = this.work[index]!;
    const bypass = bypassesVersionCheck(stoppedJoiner.registry);
    // A stopped node never bypasses, so without the value the joiner is the stopped node itself.
    const joiner = bypass
      ? nodeState(stoppedJoiner.declaration, stoppedJoiner.highest, stoppedJoiner.lowest, false, stoppedJoiner.registry, true, stoppedJoiner.registryChangedAt)
      : stoppedJoiner;
    const H = this.versions.clusterHighestVersion;
    const L = this.versions.clusterLowestVersion;
    let outcome: JoinAttempt['outcome'];
    let named: NodeState | undefined;
    let sponsorNotRunning = false;
    let checkSkipped = false;
    let versionsUnknown = false;
    let rulesHeld: readonly JoinRule[] = NONE;
    const anyActive = this.versions.activeCount > 0;
    if (!anyActive) {
      outcome = step.action === 'join' ? 'no-cluster' : 'formed';
    } else {
      const namedIndex = this.indexOf(step.sponsor?.declaration);
      named = namedIndex === undefined ? undefined : this.work[namedIndex];
      sponsorNotRunning = named !== undefined && !named.running;
      if (!named?.running) named = undefined;
      checkSkipped = bypass && (named ? named.bypass : this.everyActiveBypasses());
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
    const failed = outcome === 'refused' || outcome === 'no-cluster';
    let after: SimulatedState;
    if (failed) {
      // A failed start leaves J stopped: `before` itself, or the restart's stop as a state of its own.
      after = this.work[index] === target ? before : this.commit(index, this.work[index]!);
    } else if (target.running && target.bypass === bypass) {
      // A restart that leaves J as it was (versions, registry, bypass), as most of a rolling restart's do: the
      // state before, rather than copies of it.
      this.unstage(index, target, before);
      after = before;
    } else {
      after = this.commit(index, nodeState(joiner.declaration, joiner.highest, joiner.lowest, true, joiner.registry, bypass, joiner.registryChangedAt));
    }
    const join = new SimulatedJoin(joiner, outcome, anyActive ? after : undefined, index, named, sponsorNotRunning, checkSkipped, versionsUnknown, rulesHeld, H, L);
    return stepResult(step, before, after, target, join);
  }

  /** The node with its service stopped: one object per running node, however often the plan restarts it. */
  private stopped(node: NodeState): NodeState {
    let result = this.stoppedNodes.get(node);
    if (!result) {
      result = nodeState(node.declaration, node.highest, node.lowest, false, node.registry, false, node.registryChangedAt);
      this.stoppedNodes.set(node, result);
    }
    return result;
  }

  private everyActiveBypasses(): boolean {
    for (const node of this.work) if (node.running && !node.bypass) return false;
    return true;
  }

  private indexOf(declaration: NodeDeclaration | undefined): number | undefined {
    return declaration ? this.indexByDeclaration.get(declaration) : undefined;
  }

  /** Puts `node` into `work` without a state for it: the restart's stop, before its start is judged. */
  private stage(index: number, node: NodeState): void {
    this.work[index] = node;
    measureVersions(this.work, this.match, this.versions);
  }

  /** Puts `node` back into `work` as `state` has it, with the versions `state` already counted. */
  private unstage(index: number, node: NodeState, state: ClusterState): void {
    this.work[index] = node;
    this.versions.activeCount = state.activeCount;
    this.versions.clusterHighestVersion = state.clusterHighestVersion;
    this.versions.clusterLowestVersion = state.clusterLowestVersion;
    this.versions.mixed = state.mixed;
  }

  /** The state after `node` replaced what `work` had at `index`: `work` differs from `latest` there only. */
  private commit(index: number, node: NodeState): SimulatedState {
    this.stage(index, node);
    this.sinceCopy = (this.sinceCopy + 1) % SNAPSHOT_EVERY;
    this.latest = new SimulatedState(this.latest, index, node, this.work, this.sinceCopy === 0, this.versions);
    return this.latest;
  }
}

const PREVIOUS = Symbol('previous');
const INDEX = Symbol('index');
const NODE = Symbol('node');
const NODES = Symbol('nodes');
const SPREAD = Symbol('spread');
const AFTER = Symbol('after');
const SPONSORS = Symbol('sponsors');

/** How many changes a state may be from a copy of the whole array: bounds the work of `nodes`. */
const SNAPSHOT_EVERY = 32;

const NONE: readonly NodeState[] & readonly JoinRule[] = Object.freeze([]);

/**
 * A state that holds the node it changed and the state before it; every SNAPSHOT_EVERY states, a copy of the
 * simulation's array (`work`) too. Its array of all nodes is built from the nearest copy the first time it
 * is asked for, and then kept.
 */
class SimulatedState implements ClusterState {
  readonly activeCount: number;
  readonly clusterHighestVersion: number | undefined;
  readonly clusterLowestVersion: number | undefined;
  readonly mixed: boolean;
  // Symbol keys keep the chain out of JSON.stringify and Object.keys, as private (#) fields would, without
  // their initializer, which cost more than the rest of the constructor.
  private [PREVIOUS]: SimulatedState | undefined;
  private [INDEX]: number;
  private [NODE]: NodeState | undefined;
  private [NODES]: readonly NodeState[] | undefined;
  private [SPREAD]: number;

  constructor(
    previous: SimulatedState | undefined,
    index: number,
    node: NodeState | undefined,
    work: readonly NodeState[],
    copy: boolean,
    versions: Versions,
  ) {
    this.activeCount = versions.activeCount;
    this.clusterHighestVersion = versions.clusterHighestVersion;
    this.clusterLowestVersion = versions.clusterLowestVersion;
    this.mixed = versions.mixed;
    this[SPREAD] = majorSpreadOf(work);
    this[PREVIOUS] = previous;
    this[INDEX] = index;
    this[NODE] = node;
    this[NODES] = copy ? work.slice() : undefined;
  }

  majorSpread(): number {
    return this[SPREAD];
  }

  get nodes(): readonly NodeState[] {
    if (this[NODES]) return this[NODES];
    const changes: SimulatedState[] = [];
    let copied: SimulatedState = this;
    while (!copied[NODES]) {
      changes.push(copied);
      copied = copied[PREVIOUS]!;
    }
    const nodes = copied[NODES].slice();
    for (let k = changes.length - 1; k >= 0; k--) nodes[changes[k]![INDEX]] = changes[k]![NODE]!;
    this[NODES] = nodes;
    return nodes;
  }
}

// The fields are JoinAttempt's, declared once there; the class adds `sponsors`.
interface SimulatedJoin extends Writable<Omit<JoinAttempt, 'sponsors'>> {}

/** A join whose sponsors, when every active node may sponsor, are listed only when asked for. */
class SimulatedJoin implements JoinAttempt {
  /** The state after the step: the active nodes other than the joiner are the cluster it joined. */
  private [AFTER]: ClusterState | undefined;
  private [INDEX]: number;
  private [SPONSORS]: readonly NodeState[] | undefined;

  constructor(
    joiner: NodeState,
    outcome: JoinAttempt['outcome'],
    after: ClusterState | undefined,
    index: number,
    named: NodeState | undefined,
    sponsorNotRunning: boolean,
    checkSkipped: boolean,
    versionsUnknown: boolean,
    rulesHeld: readonly JoinRule[],
    clusterHighestVersion: number | undefined,
    clusterLowestVersion: number | undefined,
  ) {
    this.joiner = joiner;
    this.outcome = outcome;
    this.sponsorNotRunning = sponsorNotRunning;
    this.checkSkipped = checkSkipped;
    this.versionsUnknown = versionsUnknown;
    this.rulesHeld = rulesHeld;
    this.clusterHighestVersion = clusterHighestVersion;
    this.clusterLowestVersion = clusterLowestVersion;
    this[AFTER] = after;
    this[INDEX] = index;
    this[SPONSORS] = after === undefined ? NONE : named ? [named] : undefined;
  }

  get sponsors(): readonly NodeState[] {
    if (this[SPONSORS]) return this[SPONSORS];
    const sponsors: NodeState[] = [];
    const nodes = this[AFTER]!.nodes;
    for (let k = 0; k < nodes.length; k++) if (k !== this[INDEX] && nodes[k]!.running) sponsors.push(nodes[k]!);
    this[SPONSORS] = sponsors;
    return sponsors;
  }
}

function majorSpreadOf(nodes: readonly NodeState[]): number {
  let lowest = Infinity;
  let highest = -Infinity;
  for (const n of nodes) {
    if (n.highest === undefined) continue;
    const major = majorOf(n.highest);
    if (major < lowest) lowest = major;
    if (major > highest) highest = major;
  }
  return highest >= lowest ? highest - lowest : 0;
}

function alreadyRunning(target: NodeState): JoinAttempt {
  return new SimulatedJoin(target, 'already-running', undefined, -1, undefined, false, false, false, NONE, undefined, undefined);
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
