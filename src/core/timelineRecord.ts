import type { NodeDeclaration, StepTable } from './plan';
import { bypassesVersionCheck, isBypass, type RegistryValue } from './registry';
import type { ClusterState, JoinAttempt, JoinRule, NodeState, StepFacts, StepResult, Timeline } from './simulate';

/**
 * What the simulation (simulate.ts) records, in typed arrays, and the objects of the Timeline interface built
 * from it when first asked for. Rules look at every step but report few, so a clean plan builds no object per
 * step: the objects it used to build were most of what the analysis allocated, and all of it survived to the
 * end, which the garbage collector paid for twice (bench/README.md).
 *
 * Three kinds of record, each numbered from 0:
 * - a node *version*: one node's fields at some point (the objects of NodeState, one per version);
 * - a *state*: the cluster after a change, as the version each node has (ClusterState, one per state);
 * - a *step*: the states before and after it, its target, and the join it attempted (StepResult).
 */

/** Undefined in a Float64Array column. */
export const UNKNOWN = NaN;
/** Undefined in an Int32Array column of record numbers or step indexes. */
export const NONE = -1;
/** registry and registryChangedAt: the declaration in "nodes" (-1 in NodeState); NONE is "never". */
const DECLARED = -2;

/** `"noVersionCheck": true` in "nodes". */
const DECLARED_VALUE: RegistryValue = Object.freeze({ type: 'REG_DWORD', data: 1 });

/** One state in SNAPSHOT_EVERY keeps every node's version; the others only the version that changed. */
const SNAPSHOT_EVERY = 32;

const OUTCOMES: readonly (JoinAttempt['outcome'] | undefined)[] = [undefined, 'formed', 'joined', 'refused', 'no-cluster', 'already-running'];
/** Indexes into OUTCOMES. */
export const Outcome = { None: 0, Formed: 1, Joined: 2, Refused: 3, NoCluster: 4, AlreadyRunning: 5 } as const;

/** Bits of a join's `flags`. */
export const JoinFlag = {
  SponsorNotRunning: 1,
  CheckSkipped: 2,
  VersionsUnknown: 4,
  /** The joiner read NoVersionCheck = 1 at this start. */
  Bypass: 8,
  /** Some node was active: the join has a cluster, and so sponsors. */
  AnyActive: 16,
} as const;

const JOIN_RULES: readonly JoinRule[] = ['highest = ClusterHighestVersion', 'lowest = ClusterHighestVersion', 'highest = ClusterLowestVersion'];

/** The eight possible answers, shared: the timeline keeps one per join, and none is ever changed. */
const HELD: readonly (readonly JoinRule[])[] = Array.from({ length: 8 }, (_, bits) => Object.freeze(JOIN_RULES.filter((_, k) => bits & (1 << k))));

/** Fact 5's conditions that hold, from their bits: 1, 2 and 4 in JOIN_RULES's order. */
export function rulesHeldOf(bits: number): readonly JoinRule[] {
  return HELD[bits]!;
}

/** A Float64Array column's value, UNKNOWN as undefined. */
export function known(value: number): number | undefined {
  return value === value ? value : undefined;
}

/** Node versions: the simulation writes them, the timeline builds their NodeState objects. */
export class NodeVersions {
  count = 0;
  /** The node's index: at most 64 nodes (MAX_NODES). */
  readonly node: Int8Array;
  readonly highest: Float64Array;
  readonly lowest: Float64Array;
  readonly running: Uint8Array;
  readonly bypass: Uint8Array;
  /** The step that wrote the value in the registry (its type and data are the step's), DECLARED, or NONE. */
  readonly registry: Int32Array;
  /** A step index, DECLARED, or NONE. */
  readonly registryChangedAt: Int32Array;
  /** The version with the service stopped, once made for this running one: one per version. */
  readonly stopped: Int32Array;

  constructor(
    readonly declarations: readonly NodeDeclaration[],
    capacity: number,
    private readonly steps: StepTable | undefined,
  ) {
    this.node = new Int8Array(capacity);
    this.highest = new Float64Array(capacity);
    this.lowest = new Float64Array(capacity);
    this.running = new Uint8Array(capacity);
    this.bypass = new Uint8Array(capacity);
    this.registry = new Int32Array(capacity);
    this.registryChangedAt = new Int32Array(capacity);
    this.stopped = new Int32Array(capacity).fill(NONE);
  }

  add(node: number, highest: number, lowest: number, running: boolean, registry: number, bypass: boolean, registryChangedAt: number): number {
    const v = this.count++;
    // A typed array drops a write past its end without a word: a wrong capacity must not pass for a verdict.
    if (v >= this.node.length) throw new RangeError(`NodeVersions holds ${this.node.length} versions`);
    this.node[v] = node;
    this.highest[v] = highest;
    this.lowest[v] = lowest;
    this.running[v] = running ? 1 : 0;
    this.registry[v] = registry;
    this.bypass[v] = bypass ? 1 : 0;
    this.registryChangedAt[v] = registryChangedAt;
    return v;
  }

  /** For a declaration's own value; DECLARED becomes -1, as NodeState has it. */
  static readonly DECLARED = DECLARED;

  registryValue(v: number): RegistryValue | undefined {
    const r = this.registry[v]!;
    if (r === NONE) return undefined;
    return r === DECLARED ? DECLARED_VALUE : { type: this.steps!.registryType(r), data: this.steps!.registryData(r) };
  }

  /** bypassesVersionCheck(registryValue(v)), without building the value: the simulation asks at every start. */
  registryBypasses(v: number): boolean {
    const r = this.registry[v]!;
    if (r === NONE) return false;
    return r === DECLARED ? bypassesVersionCheck(DECLARED_VALUE) : isBypass(this.steps!.registryType(r), this.steps!.registryData(r));
  }

  /** The NodeState fields of version `v`, with `running` and `bypass` as given: a joiner is not a version of its own. */
  nodeState(v: number, running: boolean, bypass: boolean): NodeState {
    const declaration = this.declarations[this.node[v]!]!;
    const changedAt = this.registryChangedAt[v]!;
    return {
      declaration,
      name: declaration.name,
      highest: known(this.highest[v]!),
      lowest: known(this.lowest[v]!),
      running,
      registry: this.registryValue(v),
      bypass,
      registryChangedAt: changedAt === NONE ? undefined : changedAt === DECLARED ? -1 : changedAt,
    };
  }
}

/** States: fact 4's versions of each, and which node changed to which version. */
export class States {
  count = 0;
  // Narrow where the values allow (at most 64 nodes, majors below 65,536): these columns are per state.
  readonly changedNode: Int8Array;
  readonly changedVersion: Int32Array;
  readonly activeCount: Uint8Array;
  readonly highest: Float64Array;
  readonly lowest: Float64Array;
  readonly mixed: Uint8Array;
  readonly majorSpread: Uint16Array;
  /** Every node's version, for each state numbered a multiple of SNAPSHOT_EVERY. */
  readonly snapshots: Int32Array;

  constructor(
    readonly nodeCount: number,
    capacity: number,
  ) {
    this.changedNode = new Int8Array(capacity);
    this.changedVersion = new Int32Array(capacity);
    this.activeCount = new Uint8Array(capacity);
    this.highest = new Float64Array(capacity);
    this.lowest = new Float64Array(capacity);
    this.mixed = new Uint8Array(capacity);
    this.majorSpread = new Uint16Array(capacity);
    this.snapshots = new Int32Array((Math.floor((capacity - 1) / SNAPSHOT_EVERY) + 1) * nodeCount);
  }

  /** A new state: `work` is every node's version, in which `changedNode` is the one that changed. */
  add(work: Int32Array, changedNode: number, activeCount: number, highest: number, lowest: number, mixed: boolean, majorSpread: number): number {
    const s = this.count++;
    if (s >= this.changedNode.length) throw new RangeError(`States holds ${this.changedNode.length} states`);
    this.changedNode[s] = changedNode;
    this.changedVersion[s] = changedNode === NONE ? NONE : work[changedNode]!;
    this.activeCount[s] = activeCount;
    this.highest[s] = highest;
    this.lowest[s] = lowest;
    this.mixed[s] = mixed ? 1 : 0;
    this.majorSpread[s] = majorSpread;
    if (s % SNAPSHOT_EVERY === 0) this.snapshots.set(work, (s / SNAPSHOT_EVERY) * this.nodeCount);
    return s;
  }

  /** Every node's version in state `s`: the snapshot before it, then the changes since. */
  versionsOf(s: number): Int32Array {
    const base = s - (s % SNAPSHOT_EVERY);
    const at = (base / SNAPSHOT_EVERY) * this.nodeCount;
    const versions = this.snapshots.slice(at, at + this.nodeCount);
    for (let k = base + 1; k <= s; k++) versions[this.changedNode[k]!] = this.changedVersion[k]!;
    return versions;
  }
}

/** Steps: the states around each, its target's version, and the join it attempted. */
export class StepRecords {
  readonly before: Int32Array;
  readonly after: Int32Array;
  /** The target's version before the step, or NONE. */
  readonly target: Int32Array;
  readonly outcome: Uint8Array;
  readonly flags: Uint8Array;
  /** Bits of fact 5's conditions that held (joinRulesHeld). */
  readonly held: Uint8Array;
  /** The joiner's version, stopped, as the start read it. */
  readonly joiner: Int32Array;
  /** The named sponsor's version, when it was an active member; otherwise NONE. */
  readonly named: Int32Array;
  readonly clusterHighest: Float64Array;
  readonly clusterLowest: Float64Array;

  constructor(readonly length: number) {
    this.before = new Int32Array(length);
    this.after = new Int32Array(length);
    this.target = new Int32Array(length).fill(NONE);
    this.outcome = new Uint8Array(length);
    this.flags = new Uint8Array(length);
    this.held = new Uint8Array(length);
    this.joiner = new Int32Array(length);
    this.named = new Int32Array(length);
    this.clusterHighest = new Float64Array(length);
    this.clusterLowest = new Float64Array(length);
  }
}

const STATE = Symbol('state');
const TIMELINE = Symbol('timeline');
const NODES = Symbol('nodes');
const SPONSORS = Symbol('sponsors');
const AFTER = Symbol('after');
const INDEX = Symbol('index');

/** The simulation's record as the Timeline interface; every object is built once, when first asked for. */
export class RecordedTimeline implements Timeline, StepFacts {
  readonly initial: ClusterState;
  readonly final: ClusterState;
  readonly length: number;
  private readonly nodeObjects = new Map<number, NodeState>();
  private readonly stateObjects = new Map<number, ClusterState>();
  private readonly resultObjects = new Map<number, StepResult>();
  private all: readonly StepResult[] | undefined;

  constructor(
    private readonly steps: StepTable,
    readonly versions: NodeVersions,
    readonly states: States,
    readonly records: StepRecords,
  ) {
    this.length = records.length;
    this.initial = this.state(0);
    this.final = this.state(states.count - 1);
  }

  get facts(): StepFacts {
    return this;
  }

  get results(): readonly StepResult[] {
    if (!this.all) {
      const all = new Array<StepResult>(this.length);
      for (let i = 0; i < this.length; i++) all[i] = this.result(i);
      this.all = all;
    }
    return this.all;
  }

  result(index: number): StepResult {
    let result = this.resultObjects.get(index);
    if (!result) {
      const r = this.records;
      const target = r.target[index]!;
      result = {
        step: this.steps.step(index),
        before: this.state(r.before[index]!),
        after: this.state(r.after[index]!),
        target: target === NONE ? undefined : this.node(target),
        join: r.outcome[index] === Outcome.None ? undefined : this.join(index),
      };
      this.resultObjects.set(index, result);
    }
    return result;
  }

  // StepFacts: what rules test on every step before they build a result.

  outcome(index: number): JoinAttempt['outcome'] | undefined {
    return OUTCOMES[this.records.outcome[index]!];
  }

  targetRunning(index: number): boolean | undefined {
    const target = this.records.target[index]!;
    return target === NONE ? undefined : this.versions.running[target] === 1;
  }

  targetHighest(index: number): number | undefined {
    const target = this.records.target[index]!;
    return target === NONE ? undefined : known(this.versions.highest[target]!);
  }

  activeCountBefore(index: number): number {
    return this.states.activeCount[this.records.before[index]!]!;
  }

  activeCountAfter(index: number): number {
    return this.states.activeCount[this.records.after[index]!]!;
  }

  majorSpreadAfter(index: number): number {
    return this.states.majorSpread[this.records.after[index]!]!;
  }

  sponsorNotRunning(index: number): boolean {
    return (this.records.flags[index]! & JoinFlag.SponsorNotRunning) !== 0;
  }

  /** The NodeState of version `v`: one object per version, so that states share a node's object while it does not change. */
  node(v: number): NodeState {
    let node = this.nodeObjects.get(v);
    if (!node) {
      node = this.versions.nodeState(v, this.versions.running[v] === 1, this.versions.bypass[v] === 1);
      this.nodeObjects.set(v, node);
    }
    return node;
  }

  state(s: number): ClusterState {
    let state = this.stateObjects.get(s);
    if (!state) {
      state = new RecordedState(this, s);
      this.stateObjects.set(s, state);
    }
    return state;
  }

  nodesOf(s: number): readonly NodeState[] {
    const versions = this.states.versionsOf(s);
    const nodes = new Array<NodeState>(versions.length);
    for (let k = 0; k < versions.length; k++) nodes[k] = this.node(versions[k]!);
    return nodes;
  }

  private join(index: number): JoinAttempt {
    const r = this.records;
    const outcome = OUTCOMES[r.outcome[index]!]!;
    const flags = r.flags[index]!;
    if (outcome === 'already-running') return new RecordedJoin(this.node(r.target[index]!), outcome, undefined, NONE, undefined, flags, r.held[index]!);
    const v = r.joiner[index]!;
    // A joiner that read NoVersionCheck = 1 is its stopped version with the bypass: no state holds it.
    const joiner = flags & JoinFlag.Bypass ? this.versions.nodeState(v, false, true) : this.node(v);
    const named = r.named[index]!;
    return new RecordedJoin(
      joiner,
      outcome,
      flags & JoinFlag.AnyActive ? this.state(r.after[index]!) : undefined,
      this.versions.node[v]!,
      named === NONE ? undefined : this.node(named),
      flags,
      r.held[index]!,
      known(r.clusterHighest[index]!),
      known(r.clusterLowest[index]!),
    );
  }
}

class RecordedState implements ClusterState {
  readonly activeCount: number;
  readonly clusterHighestVersion: number | undefined;
  readonly clusterLowestVersion: number | undefined;
  readonly mixed: boolean;
  // Symbol keys keep these out of JSON.stringify and Object.keys, as private (#) fields would, without
  // their initializer, which costs more than the rest of the constructor.
  private [TIMELINE]: RecordedTimeline;
  private [STATE]: number;
  private [NODES]: readonly NodeState[] | undefined;

  constructor(timeline: RecordedTimeline, s: number) {
    const states = timeline.states;
    this.activeCount = states.activeCount[s]!;
    this.clusterHighestVersion = known(states.highest[s]!);
    this.clusterLowestVersion = known(states.lowest[s]!);
    this.mixed = states.mixed[s] === 1;
    this[TIMELINE] = timeline;
    this[STATE] = s;
    this[NODES] = undefined;
  }

  get nodes(): readonly NodeState[] {
    return (this[NODES] ??= this[TIMELINE].nodesOf(this[STATE]));
  }

  majorSpread(): number {
    return this[TIMELINE].states.majorSpread[this[STATE]]!;
  }
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

// The fields are JoinAttempt's, declared once there; the class adds `sponsors`.
interface RecordedJoin extends Writable<Omit<JoinAttempt, 'sponsors'>> {}

/** A join whose sponsors, when every active node may sponsor, are listed only when asked for. */
class RecordedJoin implements JoinAttempt {
  /** The state after the step: the active nodes other than the joiner are the cluster it joined. */
  private [AFTER]: ClusterState | undefined;
  private [INDEX]: number;
  private [SPONSORS]: readonly NodeState[] | undefined;

  constructor(
    joiner: NodeState,
    outcome: JoinAttempt['outcome'],
    after: ClusterState | undefined,
    joinerNode: number,
    named: NodeState | undefined,
    flags: number,
    held: number,
    clusterHighestVersion?: number,
    clusterLowestVersion?: number,
  ) {
    this.joiner = joiner;
    this.outcome = outcome;
    this.sponsorNotRunning = (flags & JoinFlag.SponsorNotRunning) !== 0;
    this.checkSkipped = (flags & JoinFlag.CheckSkipped) !== 0;
    this.versionsUnknown = (flags & JoinFlag.VersionsUnknown) !== 0;
    this.rulesHeld = rulesHeldOf(held);
    this.clusterHighestVersion = clusterHighestVersion;
    this.clusterLowestVersion = clusterLowestVersion;
    this[AFTER] = after;
    this[INDEX] = joinerNode;
    this[SPONSORS] = after === undefined ? NO_NODES : named ? [named] : undefined;
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

const NO_NODES: readonly NodeState[] = Object.freeze([]);
