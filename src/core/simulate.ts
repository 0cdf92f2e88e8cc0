import type { NodeDeclaration, Plan, ServiceStep, Step, StepTable, VersionMatch } from './plan';
import { keepLatest } from './keepLatest';
import type { RegistryValue } from './registry';
import { JoinFlag, known, NodeVersions, NONE, Outcome, RecordedTimeline, rulesHeldOf, States, StepRecords, UNKNOWN } from './timelineRecord';
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
  /** One per step, in order. A step the simulation cannot read leaves the state as it was. Built when first read. */
  readonly results: readonly StepResult[];
  readonly final: ClusterState;
  /** results[index], built on its own: a rule that reports a few steps builds only theirs. */
  result(index: number): StepResult;
  /** What every step did, read without building its result. */
  readonly facts: StepFacts;
}

/** The few facts rules test on every step, from the simulation's record (timelineRecord.ts), by step index. */
export interface StepFacts {
  readonly length: number;
  /** The join the step attempted: results[index].join?.outcome. */
  outcome(index: number): JoinAttempt['outcome'] | undefined;
  /** results[index].target?.running. */
  targetRunning(index: number): boolean | undefined;
  /** results[index].target?.highest. */
  targetHighest(index: number): number | undefined;
  activeCountBefore(index: number): number;
  activeCountAfter(index: number): number;
  /** results[index].after.majorSpread(). */
  majorSpreadAfter(index: number): number;
  /** results[index].join?.sponsorNotRunning. */
  sponsorNotRunning(index: number): boolean;
}

/** Windows Server 2016 and later; Windows Server 2003 had 8. analyze() reports a plan with more and does not simulate it. */
export const MAX_NODES = 64;

export function simulate(plan: Plan): Timeline {
  return new Simulation(plan).run();
}

/** Fact 4 over the nodes whose service runs; recomputed whenever the active set changes. */
export function clusterVersionsOf(nodes: readonly NodeState[], match: VersionMatch): Omit<ClusterState, 'nodes' | 'majorSpread'> {
  // The simulation's own measure, over a record of just these nodes: fact 4 is written once.
  const versions = new NodeVersions(
    nodes.map((n) => n.declaration),
    nodes.length,
    undefined,
  );
  const work = new Int32Array(nodes.length);
  nodes.forEach((n, k) => (work[k] = versions.add(k, n.highest ?? UNKNOWN, n.lowest ?? UNKNOWN, n.running, NONE, n.bypass, NONE)));
  const measured = measureVersions(work, versions, match, { activeCount: 0, highest: UNKNOWN, lowest: UNKNOWN, mixed: false });
  return {
    activeCount: measured.activeCount,
    clusterHighestVersion: known(measured.highest),
    clusterLowestVersion: known(measured.lowest),
    mixed: measured.mixed,
  };
}

/** Fact 4 as the simulation keeps it: UNKNOWN (NaN) for undefined. */
interface Measured {
  activeCount: number;
  highest: number;
  lowest: number;
  mixed: boolean;
}

/** Fact 4 over the versions in `work`, written into `into`: the simulation reuses one object at every change. */
function measureVersions(work: Int32Array, versions: NodeVersions, match: VersionMatch, into: Measured): Measured {
  let activeCount = 0;
  let highest = UNKNOWN;
  let lowest = UNKNOWN;
  let allKnown = true;
  let mixed = false;
  let first = UNKNOWN;
  for (let k = 0; k < work.length; k++) {
    const v = work[k]!;
    if (versions.running[v] === 0) continue;
    activeCount++;
    const h = versions.highest[v]!;
    const l = versions.lowest[v]!;
    if (h !== h || l !== l) {
      allKnown = false;
      continue;
    }
    // NaN until the first known node: then the comparisons below keep the node's own versions.
    highest = highest === highest ? Math.min(highest, h) : h;
    lowest = lowest === lowest ? Math.max(lowest, l) : l;
    if (first !== first) first = h;
    else if (!versionsEqual(first, h, match)) mixed = true;
  }
  into.activeCount = activeCount;
  into.highest = allKnown ? highest : UNKNOWN;
  into.lowest = allKnown ? lowest : UNKNOWN;
  into.mixed = mixed;
  return into;
}

/** Equal versions, UNKNOWN (NaN) included. */
function sameVersion(a: number, b: number): boolean {
  return a === b || (a !== a && b !== b);
}

/** Which of fact 5's three conditions hold for a joiner against the cluster's versions. */
export function joinRulesHeld(
  joiner: { highest: number; lowest: number },
  clusterHighest: number,
  clusterLowest: number,
  match: VersionMatch,
): readonly JoinRule[] {
  return rulesHeldOf(heldBits(joiner.highest, joiner.lowest, clusterHighest, clusterLowest, match));
}

export function versionsEqual(a: number, b: number, match: VersionMatch): boolean {
  return match === 'major' ? majorOf(a) === majorOf(b) : a === b;
}

/** Bits of fact 5's conditions, as rulesHeldOf (timelineRecord.ts) reads them. */
function heldBits(highest: number, lowest: number, clusterHighest: number, clusterLowest: number, match: VersionMatch): number {
  return (
    (versionsEqual(highest, clusterHighest, match) ? 1 : 0) |
    (versionsEqual(lowest, clusterHighest, match) ? 2 : 0) |
    (versionsEqual(highest, clusterLowest, match) ? 4 : 0)
  );
}

/**
 * Runs the plan over one working array of node versions (`work`) and writes what happened into the typed
 * arrays of timelineRecord.ts; the Timeline builds objects from them when asked. No object is made per
 * step: those objects, all alive until the analysis ends, cost more than the parse (bench/README.md).
 */
class Simulation {
  private readonly indexByDeclaration = new Map<NodeDeclaration, number>();
  private readonly match: VersionMatch;
  private readonly versions: NodeVersions;
  private readonly states: States;
  private readonly records: StepRecords;
  /** Every node's version as the step being simulated has it so far: the latest state, or a node staged on top of it. */
  private readonly work: Int32Array;
  /** The latest state. */
  private latest = 0;
  /** Fact 4 over `work`, as `stage` last measured it. */
  private readonly measured: Measured = { activeCount: 0, highest: UNKNOWN, lowest: UNKNOWN, mixed: false };

  constructor(private readonly plan: Plan) {
    this.match = plan.versionMatch;
    const declarations = plan.nodes.filter((declaration) => !declaration.duplicateOf);
    declarations.forEach((declaration, k) => this.indexByDeclaration.set(declaration, k));
    // The records keep a node's index in a byte (timelineRecord.ts); analyze() never simulates more nodes.
    if (declarations.length > MAX_NODES) throw new RangeError(`simulate() takes at most ${MAX_NODES} nodes, not ${declarations.length}`);
    const steps = plan.stepTable.length;
    // A step makes at most one version and one state, but a restart two versions: its stop and its start. The
    // columns are sized to that, no larger: a 100,000-step plan's records are megabytes, outside V8's heap, and
    // V8 collects garbage early when such memory grows fast (about every 64 MB).
    let restarts = 0;
    for (let i = 0; i < steps; i++) if (plan.stepTable.action(i) === 'restart') restarts++;
    this.versions = new NodeVersions(declarations, declarations.length + steps + restarts, plan.stepTable);
    this.states = new States(declarations.length, steps + 1);
    this.records = new StepRecords(steps);
    this.work = new Int32Array(declarations.length);
    keepLatest(Simulation, this);
  }

  run(): Timeline {
    const versions = this.versions;
    this.indexByDeclaration.forEach((k, declaration) => {
      // `"noVersionCheck": true` is REG_DWORD 1, in effect if the service runs.
      const registry = declaration.noVersionCheck ? NodeVersions.DECLARED : NONE;
      const bypass = declaration.running && declaration.noVersionCheck;
      this.work[k] = versions.add(k, declaration.highest ?? UNKNOWN, declaration.lowest ?? UNKNOWN, declaration.running, registry, bypass, registry);
    });
    measureVersions(this.work, versions, this.match, this.measured);
    this.latest = this.addState(NONE);
    const steps = this.plan.stepTable;
    for (let i = 0; i < steps.length; i++) {
      this.records.before[i] = this.latest;
      this.apply(i, steps);
      this.records.after[i] = this.latest;
    }
    return new RecordedTimeline(steps, versions, this.states, this.records);
  }

  /** Writes step `index`'s record, except its states: `latest` before and after it is the state before and after. */
  private apply(i: number, steps: StepTable): void {
    const action = steps.action(i);
    if (action === undefined || action === 'note' || action === 'cluster-security') return;
    const index = this.indexOf(steps.target(i));
    if (index === undefined) return;
    const target = this.work[index]!;
    const versions = this.versions;
    this.records.target[i] = target;
    const running = versions.running[target] === 1;

    switch (action) {
      case 'stop':
        if (running) this.commit(index, this.stopped(target));
        return;
      case 'start':
      case 'join':
        if (running) {
          this.records.outcome[i] = Outcome.AlreadyRunning;
          return;
        }
        return this.start(i, action, steps, index, target);
      case 'restart':
        // The node stopped, without a state of its own unless the start then fails.
        if (running) this.stage(index, this.stopped(target));
        return this.start(i, action, steps, index, target);
      case 'upgrade': {
        // An in-place upgrade keeps ClusSvc\Parameters, so the registry value survives; the service ends stopped.
        const registry = versions.registry[target]!;
        this.commit(index, versions.add(index, steps.toHighest(i) ?? UNKNOWN, steps.toLowest(i) ?? UNKNOWN, false, registry, false, versions.registryChangedAt[target]!));
        return;
      }
      case 'set-registry': {
        // The Cluster service reads only ClusSvc\Parameters; a value elsewhere changes nothing it sees.
        if (!steps.atParametersKey(i)) return;
        // The value is the step's own type and data.
        this.commit(index, versions.add(index, versions.highest[target]!, versions.lowest[target]!, running, i, versions.bypass[target] === 1, i));
        return;
      }
      case 'delete-registry': {
        if (!steps.atParametersKey(i)) return;
        // Not dynamic (KB 811272): the running service keeps bypassing until it restarts.
        this.commit(index, versions.add(index, versions.highest[target]!, versions.lowest[target]!, running, NONE, versions.bypass[target] === 1, i));
        return;
      }
    }
  }

  /**
   * DOMAIN.md §2, "Starting or joining node J". `work` has J stopped (staged by a restart, or as the state
   * before has it); `target` is J's version before the step.
   */
  private start(i: number, action: ServiceStep['action'], steps: StepTable, index: number, target: number): void {
    const versions = this.versions;
    const records = this.records;
    const before = this.latest;
    const joiner = this.work[index]!;
    const bypass = versions.registryBypasses(joiner);
    const H = this.measured.highest;
    const L = this.measured.lowest;
    const anyActive = this.measured.activeCount > 0;
    let outcome: number;
    let named = NONE;
    let flags = (bypass ? JoinFlag.Bypass : 0) | (anyActive ? JoinFlag.AnyActive : 0);
    let held = 0;
    if (!anyActive) {
      outcome = action === 'join' ? Outcome.NoCluster : Outcome.Formed;
    } else {
      const namedIndex = this.indexOf(steps.sponsor(i));
      if (namedIndex !== undefined) {
        named = this.work[namedIndex]!;
        if (versions.running[named] === 0) {
          flags |= JoinFlag.SponsorNotRunning;
          named = NONE;
        }
      }
      const checkSkipped = bypass && (named !== NONE ? versions.bypass[named] === 1 : this.everyActiveBypasses());
      const h = versions.highest[joiner]!;
      const l = versions.lowest[joiner]!;
      if (checkSkipped) {
        flags |= JoinFlag.CheckSkipped;
        outcome = Outcome.Joined;
      } else if (H !== H || L !== L || h !== h || l !== l) {
        // An invalid version is already an error; guessing a verdict here would only add noise.
        flags |= JoinFlag.VersionsUnknown;
        outcome = Outcome.Joined;
      } else {
        held = heldBits(h, l, H, L, this.match);
        outcome = held === 0 ? Outcome.Refused : Outcome.Joined;
      }
    }
    records.outcome[i] = outcome;
    records.flags[i] = flags;
    records.held[i] = held;
    records.joiner[i] = joiner;
    records.named[i] = named;
    records.clusterHighest[i] = H;
    records.clusterLowest[i] = L;
    if (outcome === Outcome.Refused || outcome === Outcome.NoCluster) {
      // A failed start leaves J stopped: the state before itself, or the restart's stop as a state of its own.
      if (joiner !== target) this.commit(index, joiner);
    } else if (versions.running[target] === 1 && (versions.bypass[target] === 1) === bypass) {
      // A restart that leaves J as it was (versions, registry, bypass), as most of a rolling restart's do: the
      // state before, rather than copies of it.
      this.unstage(index, target, before);
    } else {
      this.commit(
        index,
        versions.add(index, versions.highest[joiner]!, versions.lowest[joiner]!, true, versions.registry[joiner]!, bypass, versions.registryChangedAt[joiner]!),
      );
    }
  }

  /** The version with the service stopped: one per running version, however often the plan restarts it. */
  private stopped(v: number): number {
    const versions = this.versions;
    let stopped = versions.stopped[v]!;
    if (stopped === NONE) {
      stopped = versions.add(versions.node[v]!, versions.highest[v]!, versions.lowest[v]!, false, versions.registry[v]!, false, versions.registryChangedAt[v]!);
      versions.stopped[v] = stopped;
    }
    return stopped;
  }

  private everyActiveBypasses(): boolean {
    const versions = this.versions;
    for (let k = 0; k < this.work.length; k++) {
      const v = this.work[k]!;
      if (versions.running[v] === 1 && versions.bypass[v] === 0) return false;
    }
    return true;
  }

  private indexOf(declaration: NodeDeclaration | undefined): number | undefined {
    return declaration ? this.indexByDeclaration.get(declaration) : undefined;
  }

  /** Puts version `v` into `work` without a state for it: the restart's stop, before its start is judged. */
  private stage(index: number, v: number): void {
    const versions = this.versions;
    const old = this.work[index]!;
    this.work[index] = v;
    // Fact 4 reads only whether a node runs and its versions: a registry change leaves it as it was.
    if (versions.running[old] === versions.running[v] && sameVersion(versions.highest[old]!, versions.highest[v]!) && sameVersion(versions.lowest[old]!, versions.lowest[v]!)) return;
    measureVersions(this.work, versions, this.match, this.measured);
  }

  /** Puts version `v` back into `work` as state `s` has it, with the versions `s` already measured. */
  private unstage(index: number, v: number, s: number): void {
    this.work[index] = v;
    this.measured.activeCount = this.states.activeCount[s]!;
    this.measured.highest = this.states.highest[s]!;
    this.measured.lowest = this.states.lowest[s]!;
    this.measured.mixed = this.states.mixed[s] === 1;
  }

  /** The state after version `v` replaced what `work` had at `index`. */
  private commit(index: number, v: number): void {
    // Only an upgrade changes a node's highest version; `work` differs from the latest state at `index` only.
    const spread = sameVersion(this.versions.highest[this.work[index]!]!, this.versions.highest[v]!) ? this.states.majorSpread[this.latest]! : undefined;
    this.stage(index, v);
    this.latest = this.addState(index, spread);
  }

  private addState(changedNode: number, spread = this.majorSpread()): number {
    const m = this.measured;
    return this.states.add(this.work, changedNode, m.activeCount, m.highest, m.lowest, m.mixed, spread);
  }

  /** The widest gap between two nodes' majors, over every node with a known version, running or not. */
  private majorSpread(): number {
    let lowest = Infinity;
    let highest = -Infinity;
    const versions = this.versions;
    for (let k = 0; k < this.work.length; k++) {
      const h = versions.highest[this.work[k]!]!;
      if (h !== h) continue;
      const major = majorOf(h);
      if (major < lowest) lowest = major;
      if (major > highest) highest = major;
    }
    return highest >= lowest ? highest - lowest : 0;
  }
}
