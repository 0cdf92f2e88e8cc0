import type { Catalog, Release } from './catalog';
import type { JsonArray, JsonValue, Span } from './tree';

/**
 * The model of a `.clusterplan` file (docs/format.md), read leniently by readPlan.ts: what could not be read
 * is left undefined and recorded as a schema issue or a version problem. Every object keeps where it was
 * read from, so a finding about it is shown at its place in the text.
 */

export type { Action } from './format';
export type VersionMatch = 'exact' | 'major';

/** A place in the file: its pointer (keys as written) and the span the editor shows. */
export interface Located {
  readonly pointer: string;
  readonly node: Span;
}

export type VersionProblemCode = 'invalid-version' | 'unknown-version-alias';

/** One version as written (`"4.3790"`, `265934`, `"0x00040ECE"` or an alias) and what it means. */
export interface VersionValue extends Located {
  readonly node: JsonValue;
  readonly version: number | undefined;
  readonly problem?: {
    readonly code: VersionProblemCode;
    readonly reason: string;
    /** unknown-version-alias: the closest alias there is. */
    readonly suggestion?: string;
    /** invalid-version on a JSON number with a fraction: the source text to quote. */
    readonly quoteAs?: string;
  };
}

/** A highest/lowest pair: a node's declaration or an upgrade's target. */
export interface VersionPair extends Located {
  readonly highest: number | undefined;
  readonly lowest: number | undefined;
  /** The catalog release the pair came from or, for numbers, the release its highest equals. */
  readonly release: Release | undefined;
}

export interface NodeDeclaration extends VersionPair {
  readonly name: string;
  /** The property key, where declaration findings are shown. */
  readonly keyNode: Span;
  readonly running: boolean;
  /** `"noVersionCheck": true`: the value is in the registry and, if the service runs, in effect. */
  readonly noVersionCheck: boolean;
  /** `"paused": true`: the node is drained (Suspend-ClusterNode) at the start of the plan. */
  readonly paused: boolean;
  /** `"description"`: free text for the reader of the plan, which the runbook export shows. */
  readonly description: string | undefined;
  /** Set on a later declaration whose name equals an earlier one ignoring case. */
  readonly duplicateOf: NodeDeclaration | undefined;
}

/** Where findings about a declaration are shown: its name. */
export function declarationName(declaration: NodeDeclaration): Located {
  return { pointer: declaration.pointer, node: declaration.keyNode };
}

/** A node named by a step (`node` or `sponsor`), resolved case-insensitively. */
export interface NodeReference extends Located {
  readonly node: JsonValue;
  readonly name: string;
  readonly declaration: NodeDeclaration | undefined;
}

/** What every step has, whatever its action. */
export interface StepBase extends Located {
  /** The element of "steps": an object, or whatever was written instead. */
  readonly node: JsonValue;
  readonly index: number;
  readonly id: string | undefined;
  readonly description: string | undefined;
}

export interface ServiceStep extends StepBase {
  readonly action: 'stop' | 'start' | 'join' | 'restart';
  readonly target: NodeReference | undefined;
  readonly sponsor: NodeReference | undefined;
}

export interface UpgradeStep extends StepBase {
  readonly action: 'upgrade';
  readonly target: NodeReference | undefined;
  readonly to: VersionPair | undefined;
}

/** The computer a registry key's `\\NAME\` prefix names (reg.exe's remote form), at the key's value. */
export interface KeyComputer extends Located {
  readonly node: JsonValue;
  readonly name: string;
  /** The node of that name, compared without regard to case; undefined for any other computer. */
  readonly declaration: NodeDeclaration | undefined;
}

export interface RegistryStep extends StepBase {
  readonly action: 'set-registry' | 'delete-registry';
  readonly target: NodeReference | undefined;
  /** Whose registry the key names, if it starts with `\\NAME\`; without a prefix, the step's node's. */
  readonly computer: KeyComputer | undefined;
  /** False when the key is not ClusSvc\Parameters: the Cluster service never reads such a value. */
  readonly atParametersKey: boolean;
  /**
   * The step sets or deletes NoVersionCheck (in any case) under ClusSvc\Parameters, the one value the
   * simulation models. Any other value name, or another key, changes nothing the Cluster service reads.
   */
  readonly writesNoVersionCheck: boolean;
  readonly key: string | undefined;
  readonly type: string;
  readonly data: number | string | undefined;
}

export interface SecurityStep extends StepBase {
  readonly action: 'cluster-security';
  readonly grant: string | undefined;
  readonly revoke: string | undefined;
  readonly rights: 'full' | 'read';
}

/** The steps of Cluster OS Rolling Upgrade that act on one node's membership (docs/simulation.md). */
export interface MembershipStep extends StepBase {
  readonly action: 'drain' | 'resume' | 'evict' | 'add';
  readonly target: NodeReference | undefined;
}

/** Update-ClusterFunctionalLevel: raises the cluster's functional level by one, for good. */
export interface LevelStep extends StepBase {
  readonly action: 'update-functional-level';
}

export interface NoteStep extends StepBase {
  readonly action: 'note';
}

/** A step whose action is missing or unknown: reported by `schema`, skipped by the simulation. */
export interface UnreadableStep extends StepBase {
  readonly action: undefined;
}

export type Step = ServiceStep | UpgradeStep | RegistryStep | MembershipStep | SecurityStep | LevelStep | NoteStep | UnreadableStep;

/** The steps that act on one node: every action but cluster-security, update-functional-level and note. */
export type NodeStep = ServiceStep | UpgradeStep | RegistryStep | MembershipStep;

export function isNodeStep(step: Step): step is NodeStep {
  return step.action !== undefined && step.action !== 'cluster-security' && step.action !== 'note' && step.action !== 'update-functional-level';
}

/**
 * The declared node whose registry a registry step writes (docs/simulation.md, "Registry steps"): the node
 * its key's `\\NAME\` prefix names, else its own node. Undefined when the prefix names no declared node, or
 * the step's own node is not declared: such a step changes no node.
 */
export function registryHost(step: RegistryStep): NodeDeclaration | undefined {
  if (!step.target?.declaration) return undefined;
  return step.computer ? step.computer.declaration : step.target.declaration;
}

/** The step's `node`, then its `sponsor`, those it has: plan.nodeReferences is these, step by step. */
export function stepReferences(step: Step): NodeReference[] {
  const references: NodeReference[] = [];
  if (isNodeStep(step) && step.target) references.push(step.target);
  if ('sponsor' in step && step.sponsor) references.push(step.sponsor);
  return references;
}

export interface SchemaIssue extends Located {
  readonly message: string;
}

/** The plan's `"functionalLevel"`: the level it names, undefined if that cannot be read. */
export interface FunctionalLevelSetting extends Located {
  readonly node: JsonValue;
  readonly level: number | undefined;
}

export interface Plan {
  readonly clusterName: string | undefined;
  readonly versionMatch: VersionMatch;
  /**
   * A node in "nodes", as declared, runs Windows Server 2008 or later (a major of 5 or more): the plan is
   * simulated with the functional level (docs/simulation.md). Decided once, from the declarations only.
   */
  readonly functionalLevelPlan: boolean;
  /** `"functionalLevel"`, if the plan gives it. */
  readonly functionalLevel: FunctionalLevelSetting | undefined;
  readonly catalog: Catalog;
  /** The `"nodes"` key, where findings about the initial state are shown; the root if it is missing. */
  readonly nodesAnchor: Located;
  /** The `"steps"` array, if there is one. */
  readonly stepsArray: JsonArray | undefined;
  /** Every declaration in file order, duplicates included. */
  readonly nodes: readonly NodeDeclaration[];
  readonly steps: readonly Step[];
  /** Every version written, in file order; those that could not be read have a `problem`. */
  readonly versionValues: readonly VersionValue[];
  readonly schemaIssues: readonly SchemaIssue[];
  /** Node references of steps (`node`, then `sponsor`), in file order. */
  readonly nodeReferences: readonly NodeReference[];
}

/** The declarations the simulation runs: the first of each name. */
export function declaredNodes(plan: Pick<Plan, 'nodes'>): NodeDeclaration[] {
  return plan.nodes.filter((n) => !n.duplicateOf);
}

