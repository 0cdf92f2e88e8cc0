import { declaredNodes, isNodeStep, type NodeDeclaration, type NodeStep, type Plan, type ServiceStep, type Step, type VersionMatch } from './plan';
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
  /** The target node's state before the step, when the step has a declared target. */
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
  const declarations = declaredNodes(plan);
  if (declarations.length > MAX_NODES) throw new RangeError(`simulate() takes at most ${MAX_NODES} nodes, not ${declarations.length}`);
  const indexOf = new Map(declarations.map((d, k) => [d, k]));
  const match = plan.versionMatch;
  const initial = clusterState(declarations.map(declaredState), match);
  const steps: StepResult[] = [];
  let state = initial;
  for (const step of plan.steps) {
    // A note, a cluster-security step, or a step whose action or node cannot be read changes no node.
    const declaration = isNodeStep(step) ? step.target?.declaration : undefined;
    const index = declaration && indexOf.get(declaration);
    const result = isNodeStep(step) && index !== undefined ? apply(step, state, index, indexOf, match) : { step, before: state, after: state, target: undefined, join: undefined };
    steps.push(result);
    state = result.after;
  }
  return { initial, steps, final: state };
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

/** What a step changes of a node; the rest stays as it was. */
type NodeChange = Partial<Pick<NodeState, 'highest' | 'lowest' | 'running' | 'registry' | 'bypass' | 'registryChangedAt'>>;

/** The node after `change`: a new object, since states share the nodes a step did not change. */
function changed(node: NodeState, change: NodeChange): NodeState {
  return {
    declaration: node.declaration,
    name: node.name,
    highest: 'highest' in change ? change.highest : node.highest,
    lowest: 'lowest' in change ? change.lowest : node.lowest,
    running: change.running ?? node.running,
    registry: 'registry' in change ? change.registry : node.registry,
    bypass: change.bypass ?? node.bypass,
    registryChangedAt: 'registryChangedAt' in change ? change.registryChangedAt : node.registryChangedAt,
  };
}

/** The step acting on the node at `index`, a declared node. */
function apply(step: NodeStep, before: ClusterState, index: number, indexOf: ReadonlyMap<NodeDeclaration, number>, match: VersionMatch): StepResult {
  const target = before.nodes[index]!;
  const result = (after: ClusterState, join?: JoinAttempt): StepResult => ({ step, before, after, target, join });
  const stopped = () => replace(before, index, changed(target, { running: false, bypass: false }), match);
  switch (step.action) {
    case 'stop':
      return result(target.running ? stopped() : before);
    case 'start':
    case 'join': {
      if (target.running) return result(before, alreadyRunning(target));
      const { after, join } = start(step, before, index, indexOf, match);
      return result(after, join);
    }
    case 'restart': {
      // The node stops, then starts: the start reads NoVersionCheck afresh.
      const { after, join } = start(step, target.running ? stopped() : before, index, indexOf, match);
      return result(after, join);
    }
    case 'upgrade':
      // An in-place upgrade keeps ClusSvc\Parameters, so the registry value survives; the service ends stopped.
      return result(replace(before, index, changed(target, { running: false, bypass: false, highest: step.to?.highest, lowest: step.to?.lowest }), match));
    case 'set-registry':
      // The Cluster service reads only ClusSvc\Parameters; a value elsewhere changes nothing it sees.
      if (!step.atParametersKey) return result(before);
      return result(replace(before, index, changed(target, { registry: { type: step.type, data: step.data }, registryChangedAt: step.index }), match));
    case 'delete-registry':
      if (!step.atParametersKey) return result(before);
      // Not dynamic (KB 811272): the running service keeps bypassing until it restarts.
      return result(replace(before, index, changed(target, { registry: undefined, registryChangedAt: step.index }), match));
  }
}

/** Starting or joining node J (docs/simulation.md). `state` has J stopped. */
function start(step: ServiceStep, state: ClusterState, index: number, indexOf: ReadonlyMap<NodeDeclaration, number>, match: VersionMatch): { after: ClusterState; join: JoinAttempt } {
  // The service reads NoVersionCheck as it starts.
  const joiner = changed(state.nodes[index]!, { bypass: bypassesVersionCheck(state.nodes[index]!.registry) });
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
    const namedIndex = step.sponsor?.declaration ? indexOf.get(step.sponsor.declaration) : undefined;
    const named = namedIndex === undefined ? undefined : state.nodes[namedIndex];
    sponsorNotRunning = named !== undefined && !named.running;
    sponsors = named?.running ? [named] : state.nodes.filter((n) => n.running);
    checkSkipped = joiner.bypass && sponsors.every((s) => s.bypass);
    const H = state.clusterHighestVersion;
    const L = state.clusterLowestVersion;
    if (checkSkipped) {
      outcome = 'joined';
    } else if (H === undefined || L === undefined || joiner.highest === undefined || joiner.lowest === undefined) {
      // An invalid version is already an error; guessing a verdict here would only add noise.
      versionsUnknown = true;
      outcome = 'joined';
    } else {
      rulesHeld = joinRulesHeld({ highest: joiner.highest, lowest: joiner.lowest }, H, L, match);
      outcome = rulesHeld.length === 0 ? 'refused' : 'joined';
    }
  }
  // A refused start, or a join with no cluster, leaves J stopped.
  const after = outcome === 'formed' || outcome === 'joined' ? replace(state, index, changed(joiner, { running: true }), match) : state;
  const join: JoinAttempt = {
    joiner,
    outcome,
    sponsors,
    sponsorNotRunning,
    checkSkipped,
    versionsUnknown,
    rulesHeld,
    clusterHighestVersion: state.clusterHighestVersion,
    clusterLowestVersion: state.clusterLowestVersion,
  };
  return { after, join };
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

/** The state with the node at `index` replaced, its cluster versions recomputed. */
function replace(state: ClusterState, index: number, node: NodeState, match: VersionMatch): ClusterState {
  const nodes = state.nodes.slice();
  nodes[index] = node;
  return clusterState(nodes, match);
}

function clusterState(nodes: readonly NodeState[], match: VersionMatch): ClusterState {
  const { activeCount, clusterHighestVersion, clusterLowestVersion, mixed } = clusterVersionsOf(nodes, match);
  return { nodes, activeCount, clusterHighestVersion, clusterLowestVersion, mixed };
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
