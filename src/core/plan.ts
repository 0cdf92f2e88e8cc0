import type { Catalog, Release } from './catalog';
import { keepLatest } from './keepLatest';
import type { JsonNode } from './planDocument';

/** The model of a `.clusterplan` file (DOMAIN.md §3), read leniently: what could not be read is left undefined. */

export type VersionMatch = 'exact' | 'major';

export const ACTIONS = [
  'stop',
  'start',
  'join',
  'restart',
  'upgrade',
  'set-registry',
  'delete-registry',
  'cluster-security',
  'note',
] as const;
export type Action = (typeof ACTIONS)[number];

/** A place in the file: its pointer (keys as written) and the node whose range the editor shows. */
export interface Located {
  readonly pointer: string;
  readonly node: JsonNode;
}

export type VersionProblemCode = 'invalid-version' | 'unknown-version-alias';

/** One version as written (`"4.3790"`, `265934`, `"0x00040ECE"` or an alias) and what it means. */
export interface VersionValue extends Located {
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
  readonly keyNode: JsonNode;
  readonly running: boolean;
  /** `"noVersionCheck": true`: the value is in the registry and, if the service runs, in effect. */
  readonly noVersionCheck: boolean;
  /** Set on a later declaration whose name equals an earlier one ignoring case. */
  readonly duplicateOf: NodeDeclaration | undefined;
}

/**
 * Where findings about a declaration are shown: its name. The node is read only when a finding is shown, as
 * a plan read from its values looks nodes up on first use (lazyModel.ts).
 */
export function declarationName(declaration: NodeDeclaration): Located {
  return new DeclarationName(declaration);
}

// A class, not a literal with a getter, which would have a hidden class of its own per call (RegularPlan).
// Rules make these only to show a finding, and keep none: keepLatest keeps the class's hidden class alive.
class DeclarationName implements Located {
  readonly pointer: string;
  constructor(private readonly declaration: NodeDeclaration) {
    this.pointer = declaration.pointer;
    keepLatest(DeclarationName, this);
  }

  get node(): JsonNode {
    return this.declaration.keyNode;
  }
}

/** A node named by a step (`node` or `sponsor`), resolved case-insensitively. */
export interface NodeReference extends Located {
  readonly name: string;
  readonly declaration: NodeDeclaration | undefined;
}

/** The step's `node`, then its `sponsor`, those it has: plan.nodeReferences is these, step by step. */
export function stepReferences(step: Step): NodeReference[] {
  const references: NodeReference[] = [];
  if ('target' in step && step.target) references.push(step.target);
  if ('sponsor' in step && step.sponsor) references.push(step.sponsor);
  return references;
}

interface StepBase extends Located {
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

export interface RegistryStep extends StepBase {
  readonly action: 'set-registry' | 'delete-registry';
  readonly target: NodeReference | undefined;
  /** False when the key is not ClusSvc\Parameters: the Cluster service never reads such a value. */
  readonly atParametersKey: boolean;
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

export interface NoteStep extends StepBase {
  readonly action: 'note';
}

/** A step whose action is missing or unknown: reported by `schema`, skipped by the simulation. */
export interface UnreadableStep extends StepBase {
  readonly action: undefined;
}

export type Step = ServiceStep | UpgradeStep | RegistryStep | SecurityStep | NoteStep | UnreadableStep;

export interface SchemaIssue extends Located {
  readonly message: string;
}

export interface Plan {
  readonly clusterName: string | undefined;
  readonly versionMatch: VersionMatch;
  readonly catalog: Catalog;
  /** The `"nodes"` key, where findings about the initial state are shown; the root if it is missing. */
  readonly nodesAnchor: Located;
  /** The `"steps"` array, if there is one. */
  readonly stepsArray: JsonNode | undefined;
  /** Every declaration in file order, duplicates included. */
  readonly nodes: readonly NodeDeclaration[];
  /** A plan read from its values builds these objects only when first asked for: the analysis reads `stepTable`. */
  readonly steps: readonly Step[];
  /** The steps as the simulation and the rules read every one of them, by index. */
  readonly stepTable: StepTable;
  /** Every version written, in file order. */
  readonly versionValues: readonly VersionValue[];
  /** The versions in `versionValues` that have a problem, for the rules that report them. */
  readonly versionProblems: readonly VersionValue[];
  readonly schemaIssues: readonly SchemaIssue[];
  /** Node references of steps (`node`, then `sponsor`), in file order. */
  readonly nodeReferences: readonly NodeReference[];
}

/**
 * The steps, read one fact at a time. The simulation and the rules' checks read these for every step; an
 * object of `steps` is built only for a step they report. A plan read from its values keeps them in typed
 * arrays (regularSteps.ts): a clean plan then builds no object per step, and the objects it used to build,
 * all alive to the end of the analysis, cost the garbage collector more than the parse. Each answer is what
 * the step object would give, as stepTable.ts reads it from the objects of the tree's reader.
 */
export interface StepTable {
  readonly length: number;
  /** `steps[index]`, the same object. */
  step(index: number): Step;
  action(index: number): Action | undefined;
  /** The declaration the step's `node` resolves to: `target?.declaration`. */
  target(index: number): NodeDeclaration | undefined;
  /** `sponsor?.declaration` of a service step. */
  sponsor(index: number): NodeDeclaration | undefined;
  /** The step's `node` or `sponsor` names a node that is not declared. */
  namesUnknownNode(index: number): boolean;
  /** An upgrade's `to`: whether it has one, and its versions. */
  hasTo(index: number): boolean;
  toHighest(index: number): number | undefined;
  toLowest(index: number): number | undefined;
  /** A registry step's `atParametersKey`, `type` and `data`. */
  atParametersKey(index: number): boolean;
  registryType(index: number): string;
  registryData(index: number): number | string | undefined;
}
