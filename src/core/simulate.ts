import { declaredNodes, isNodeStep, registryHost, type MembershipStep, type NodeDeclaration, type NodeStep, type Plan, type ServiceStep, type Step, type VersionMatch } from './plan';
import { hasFunctionalLevel, joinsAtLevel, levelOf } from './functionalLevel';
import { clusterVersionsOf, joinRulesHeld, type ClusterVersions, type JoinRule } from './joinRules';
import { bypassesVersionCheck, type RegistryValue } from './registry';

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
  /** Drained (Suspend-ClusterNode): its roles moved away. Kept through stop, restart and upgrade; only resume and evict clear it. */
  readonly paused: boolean;
  /** Part of the cluster: false from an evict until an add. Always true in a plan of the KB 811272 releases. */
  readonly member: boolean;
  /** NoVersionCheck under ClusSvc\Parameters, if present. */
  readonly registry: RegistryValue | undefined;
  /** The running service started while NoVersionCheck was REG_DWORD 1. False while stopped. */
  readonly bypass: boolean;
  /** The step that last set or deleted NoVersionCheck on this node; -1 for the declaration in "nodes". */
  readonly registryChangedAt: number | undefined;
}

export interface ClusterState extends ClusterVersions {
  /** One per declared node (the first declaration of a name), in declaration order. */
  readonly nodes: readonly NodeState[];
  /** The cluster functional level, in a functional-level plan (docs/simulation.md); undefined in any other, or if unknown. */
  readonly functionalLevel: number | undefined;
}

export type { ClusterVersions, JoinRule };
export { clusterVersionsOf, joinRulesHeld, versionsEqual } from './joinRules';

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
  /** In a functional-level plan, the level the joiner was judged against: it joins at FL, or at FL + 1 from FL 8 on. */
  readonly functionalLevel: number | undefined;
}

/** What Update-ClusterFunctionalLevel did, checked in the order of docs/simulation.md. */
export interface LevelUpdate {
  /**
   * raised: FL became FL + 1. not-ready: a member is stopped or paused. noop: no member runs FL + 1.
   * mixed: some members run FL + 1 and others not (error 5973). unknown: a member's version cannot be read.
   */
  readonly outcome: 'raised' | 'not-ready' | 'noop' | 'mixed' | 'unknown';
  /** The level before the step. */
  readonly functionalLevel: number | undefined;
  /** not-ready: the members stopped or paused; mixed: the members not running FL + 1. */
  readonly blocking: readonly NodeState[];
}

export interface StepResult {
  readonly step: Step;
  readonly before: ClusterState;
  /** The same object as `before` when the step changed nothing. */
  readonly after: ClusterState;
  /** The state before the step of the declared node it acts on: for a registry step, the node whose registry it writes. */
  readonly target: NodeState | undefined;
  /** A start, join, restart or add of a declared node. */
  readonly join: JoinAttempt | undefined;
  /** An update-functional-level step. */
  readonly levelUpdate: LevelUpdate | undefined;
}

export interface Timeline {
  /**
   * In a functional-level plan, the nodes declared running whose level does not fit the starting FL: they
   * start stopped (docs/simulation.md). Empty in any other plan.
   */
  readonly refusedAtStart: readonly JoinAttempt[];
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
  /** The plan is simulated with the functional level instead of the three join rules (docs/simulation.md). */
  private readonly levels: boolean;

  constructor(private readonly plan: Plan) {
    this.declarations = declaredNodes(plan);
    if (this.declarations.length > MAX_NODES) throw new RangeError(`simulate() takes at most ${MAX_NODES} nodes, not ${this.declarations.length}`);
    this.indexOf = new Map(this.declarations.map((d, k) => [d, k]));
    this.levels = plan.functionalLevelPlan;
    // With the functional level, "mixed" means the active members' levels (majors) differ.
    this.match = this.levels ? 'major' : plan.versionMatch;
  }

  run(): Timeline {
    const declared = this.declarations.map((d) => declaredState(d, this.levels));
    const functionalLevel = this.levels ? (this.plan.functionalLevel?.level ?? lowestLevel(declared)) : undefined;
    // Each node declared running must fit the starting level, or its service does not start.
    const refusedAtStart: JoinAttempt[] = [];
    for (const [k, node] of declared.entries()) {
      if (!node.running || functionalLevel === undefined || node.highest === undefined || joinsAtLevel(levelOf(node.highest), functionalLevel)) continue;
      declared[k] = withService(node, false, false);
      refusedAtStart.push({ ...attempt(declared[k]!, 'refused'), functionalLevel });
    }
    const initial = this.state(declared, functionalLevel);
    const steps: StepResult[] = [];
    let state = initial;
    for (const step of this.plan.steps) {
      // A note, a cluster-security step, or a step whose action or node cannot be read changes no node.
      const declaration = isNodeStep(step) ? actedOn(step) : undefined;
      const index = declaration && this.indexOf.get(declaration);
      let result: StepResult = { step, before: state, after: state, target: undefined, join: undefined, levelUpdate: undefined };
      if (isNodeStep(step) && index !== undefined) result = this.apply(step, state, index);
      else if (step.action === 'update-functional-level') result = { ...result, ...this.updateLevel(state) };
      steps.push(result);
      state = result.after;
    }
    return { refusedAtStart, initial, steps, final: state };
  }

  /** The step acting on the node at `index`, a declared node. */
  private apply(step: NodeStep, before: ClusterState, index: number): StepResult {
    const target = before.nodes[index]!;
    let after = before;
    let join: JoinAttempt | undefined;
    // An evicted node is not part of the cluster: only an upgrade (the clean install), a registry step, or an add reaches it.
    const outside = !target.member && step.action !== 'upgrade' && step.action !== 'add' && step.action !== 'set-registry' && step.action !== 'delete-registry';
    if (!outside) {
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
        case 'drain':
          // Suspend-ClusterNode -Drain moves the roles of a running member; a stopped one has none to move.
          if (target.running && !target.paused) after = this.replace(before, index, withMembership(target, true, true));
          break;
        case 'resume':
          if (target.paused) after = this.replace(before, index, withMembership(target, true, false));
          break;
        case 'evict':
          after = this.replace(before, index, { ...withService(target, false, false), member: false, paused: false });
          break;
        case 'add':
          // Add-ClusterNode needs a running cluster, and the node joins it under the level rule; it fails otherwise.
          if (!target.member) [after, join] = this.start(step, before, index);
          break;
      }
    }
    return { step, before, after, target, join, levelUpdate: undefined };
  }

  /** Starting, joining or adding node J (docs/simulation.md): the state after, and the attempt. `state` has J stopped. */
  private start(step: ServiceStep | MembershipStep, state: ClusterState, index: number): [ClusterState, JoinAttempt] {
    const stopped = state.nodes[index]!;
    // The service reads NoVersionCheck as it starts. It bypasses nothing with the functional level, nor on a
    // node of Windows Server 2008 or later in a KB 811272 cluster: 2003 → 2008 is a migration, not an upgrade.
    const bypass = !this.levels && !runsWindows2008OrLater(stopped) && bypassesVersionCheck(stopped.registry);
    const joiner = bypass ? withService(stopped, false, true) : stopped;
    let outcome: JoinAttempt['outcome'];
    let sponsors: readonly NodeState[] = [];
    let sponsorNotRunning = false;
    let checkSkipped = false;
    let versionsUnknown = false;
    let rulesHeld: JoinRule[] = [];
    const FL = state.functionalLevel;
    // Only a running member can sponsor: a named sponsor that is not one leaves every active node to do it.
    const namedIndex = 'sponsor' in step && step.sponsor?.declaration ? this.indexOf.get(step.sponsor.declaration) : undefined;
    const named = namedIndex === undefined ? undefined : state.nodes[namedIndex];
    if (state.activeCount > 0) {
      sponsorNotRunning = named !== undefined && !named.running;
      sponsors = named?.running ? [named] : state.nodes.filter((n) => n.running);
    }
    if (state.activeCount === 0 && (step.action === 'join' || step.action === 'add')) {
      // A join asserts a cluster to join, and Add-ClusterNode needs one: with no active node there is none.
      outcome = 'no-cluster';
    } else if (this.levels) {
      // The cluster database keeps FL, so a node that forms the cluster alone is held to the same rule.
      if (FL === undefined || joiner.highest === undefined) versionsUnknown = true;
      outcome = versionsUnknown || joinsAtLevel(levelOf(joiner.highest!), FL!) ? (state.activeCount === 0 ? 'formed' : 'joined') : 'refused';
    } else if (state.activeCount === 0) {
      // With no active node, J forms the cluster alone.
      outcome = 'formed';
    } else {
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
    // A refused start, or a join with no cluster, leaves J stopped (and an added node outside the cluster).
    const started = outcome === 'formed' || outcome === 'joined';
    const after = started ? this.replace(state, index, { ...withService(joiner, true, bypass), member: true }) : state;
    const { clusterHighestVersion, clusterLowestVersion } = state;
    return [after, { joiner, outcome, sponsors, sponsorNotRunning, checkSkipped, versionsUnknown, rulesHeld, clusterHighestVersion, clusterLowestVersion, functionalLevel: FL }];
  }

  /** Update-ClusterFunctionalLevel, checked in the order of docs/simulation.md: at most one reason it fails. */
  private updateLevel(before: ClusterState): Pick<StepResult, 'after' | 'levelUpdate'> {
    const FL = before.functionalLevel;
    const members = before.nodes.filter((n) => n.member);
    const notReady = members.filter((n) => !n.running || n.paused);
    const unknown = FL === undefined || members.some((n) => n.highest === undefined);
    const next = unknown ? [] : members.filter((n) => levelOf(n.highest!) === FL! + 1);
    let outcome: LevelUpdate['outcome'];
    let blocking: readonly NodeState[] = [];
    if (!this.levels) outcome = 'unknown';
    else if (notReady.length > 0) [outcome, blocking] = ['not-ready', notReady];
    else if (unknown) outcome = 'unknown';
    else if (next.length === 0) outcome = 'noop';
    else if (next.length < members.length) [outcome, blocking] = ['mixed', members.filter((n) => !next.includes(n))];
    else outcome = 'raised';
    const after = outcome === 'raised' ? this.state(before.nodes, FL! + 1) : before;
    return { after, levelUpdate: { outcome, functionalLevel: FL, blocking } };
  }

  /** The state with the node at `index` replaced, its cluster versions recomputed. */
  private replace(state: ClusterState, index: number, node: NodeState): ClusterState {
    const nodes = state.nodes.slice();
    nodes[index] = node;
    return this.state(nodes, state.functionalLevel);
  }

  private state(nodes: readonly NodeState[], functionalLevel: number | undefined): ClusterState {
    const { activeCount, clusterHighestVersion, clusterLowestVersion, mixed } = clusterVersionsOf(nodes, this.match);
    return { nodes, activeCount, clusterHighestVersion, clusterLowestVersion, mixed, functionalLevel };
  }
}

/** The node runs a release with a functional level: NoVersionCheck is not documented for those (docs/simulation.md). */
export function runsWindows2008OrLater(node: NodeState): boolean {
  return hasFunctionalLevel(node.highest);
}

/** The starting functional level when the plan gives none: the lowest level among the declared nodes. */
function lowestLevel(nodes: readonly NodeState[]): number | undefined {
  let lowest: number | undefined;
  for (const n of nodes) {
    if (n.highest !== undefined && (lowest === undefined || levelOf(n.highest) < lowest)) lowest = levelOf(n.highest);
  }
  return lowest;
}
/** The node a step acts on: its node or, for a registry step, the node whose registry its key names. */
function actedOn(step: NodeStep): NodeDeclaration | undefined {
  return step.action === 'set-registry' || step.action === 'delete-registry' ? registryHost(step) : step.target?.declaration;
}

/**
 * A node as "nodes" declares it; `"noVersionCheck": true` is REG_DWORD 1, in effect if the service runs,
 * except with the functional level, where it bypasses nothing.
 */
function declaredState(declaration: NodeDeclaration, levels: boolean): NodeState {
  const registry: RegistryValue | undefined = declaration.noVersionCheck ? { type: 'REG_DWORD', data: 1 } : undefined;
  return {
    declaration,
    name: declaration.name,
    highest: declaration.highest,
    lowest: declaration.lowest,
    running: declaration.running,
    // Only a plan of Windows Server 2008 or later has drained nodes; elsewhere "paused" is a schema error only.
    paused: levels && declaration.paused,
    member: true,
    registry,
    bypass: !levels && declaration.running && declaration.noVersionCheck,
    registryChangedAt: registry ? -1 : undefined,
  };
}

// A step changes a node into a new object: states share the node objects a step did not change.

/** The node with its service stopped or started; `bypass` is what a start read from the registry. */
function withService(node: NodeState, running: boolean, bypass: boolean): NodeState {
  const { declaration, name, highest, lowest, paused, member, registry, registryChangedAt } = node;
  return { declaration, name, highest, lowest, running, paused, member, registry, bypass, registryChangedAt };
}

/** The node drained (paused) or resumed; `member` as it becomes. */
function withMembership(node: NodeState, member: boolean, paused: boolean): NodeState {
  const { declaration, name, highest, lowest, running, registry, bypass, registryChangedAt } = node;
  return { declaration, name, highest, lowest, running, paused, member, registry, bypass, registryChangedAt };
}

/** The node after an upgrade: its new versions, its service stopped, its registry, membership and pause kept. */
function upgraded(node: NodeState, highest: number | undefined, lowest: number | undefined): NodeState {
  const { declaration, name, paused, member, registry, registryChangedAt } = node;
  return { declaration, name, highest, lowest, running: false, paused, member, registry, bypass: false, registryChangedAt };
}

/** The node after NoVersionCheck was set (a value) or deleted (undefined) at step `at`. */
function withRegistry(node: NodeState, registry: RegistryValue | undefined, at: number): NodeState {
  const { declaration, name, highest, lowest, running, paused, member, bypass } = node;
  return { declaration, name, highest, lowest, running, paused, member, registry, bypass, registryChangedAt: at };
}

/** An attempt decided without the version check: the node already runs, or its declared state is refused. */
function attempt(joiner: NodeState, outcome: JoinAttempt['outcome']): JoinAttempt {
  return {
    joiner,
    outcome,
    sponsors: [],
    sponsorNotRunning: false,
    checkSkipped: false,
    versionsUnknown: false,
    rulesHeld: [],
    clusterHighestVersion: undefined,
    clusterLowestVersion: undefined,
    functionalLevel: undefined,
  };
}

function alreadyRunning(target: NodeState): JoinAttempt {
  return attempt(target, 'already-running');
}
