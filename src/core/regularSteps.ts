import type { Catalog, Release } from './catalog';
import { NoteStepAt, ReferenceAt, RegistryStepAt, SecurityStepAt, ServiceStepAt, UpgradeStepAt, VersionPairAt, VersionValueAt } from './lazyModel';
import { ACTIONS, type Action, type NodeDeclaration, type NodeReference, type Step, type StepTable, type VersionValue } from './plan';
import type { PlanDocument } from './planDocument';
import { REGISTRY_TYPES } from './registry';

/** A name as steps write it, and the node it resolves to. */
export interface WrittenName {
  readonly name: string;
  readonly declaration: NodeDeclaration | undefined;
}

export const NO_NAME = -1;

/** Bits of `flags`. */
export const StepFlag = {
  /** `node` or `sponsor` names no declared node. */
  UnknownNode: 1,
  AtParametersKey: 2,
  /** An upgrade's `to` is an alias (`toRelease`), not `{ "highest", "lowest"? }`. */
  ToAlias: 4,
  /** `to` has its own "lowest". */
  LowestWritten: 8,
  DataNumber: 16,
  DataText: 32,
  RightsRead: 64,
} as const;

/**
 * The steps of a plan read from its values (readRegularPlan.ts), in typed arrays, one entry per step, and the
 * few strings steps may carry in maps by step index. The reader writes them; the analysis reads them through
 * StepTable; a step's object (lazyModel.ts) is built only when asked for, with what readPlan.ts would have
 * built from the tree.
 */
export class RegularSteps implements StepTable {
  readonly actions: Uint8Array;
  /** Indexes into `names`, or NO_NAME. */
  readonly targets: Int32Array;
  readonly sponsors: Int32Array;
  readonly flags: Uint8Array;
  /** An upgrade's `to`. */
  readonly highestOfTo: Float64Array;
  readonly lowestOfTo: Float64Array;
  /** Indexes into REGISTRY_TYPES. */
  readonly types: Uint8Array;
  readonly data: Float64Array;
  readonly ids = new Map<number, string>();
  readonly descriptions = new Map<number, string>();
  readonly keys = new Map<number, string>();
  readonly dataTexts = new Map<number, string>();
  readonly grants = new Map<number, string>();
  readonly revokes = new Map<number, string>();
  readonly toRelease = new Map<number, Release>();
  private readonly built = new Map<number, Step>();
  private all: readonly Step[] | undefined;

  constructor(
    readonly length: number,
    readonly names: readonly WrittenName[],
    private readonly document: PlanDocument,
    private readonly catalog: Catalog,
  ) {
    this.actions = new Uint8Array(length);
    this.targets = new Int32Array(length).fill(NO_NAME);
    this.sponsors = new Int32Array(length).fill(NO_NAME);
    this.flags = new Uint8Array(length);
    this.highestOfTo = new Float64Array(length);
    this.lowestOfTo = new Float64Array(length);
    this.types = new Uint8Array(length);
    this.data = new Float64Array(length);
  }

  action(index: number): Action {
    return ACTIONS[this.actions[index]!]!;
  }

  target(index: number): NodeDeclaration | undefined {
    const name = this.targets[index]!;
    return name === NO_NAME ? undefined : this.names[name]!.declaration;
  }

  sponsor(index: number): NodeDeclaration | undefined {
    const name = this.sponsors[index]!;
    return name === NO_NAME ? undefined : this.names[name]!.declaration;
  }

  namesUnknownNode(index: number): boolean {
    return (this.flags[index]! & StepFlag.UnknownNode) !== 0;
  }

  hasTo(index: number): boolean {
    return this.action(index) === 'upgrade';
  }

  toHighest(index: number): number | undefined {
    return this.hasTo(index) ? this.highestOfTo[index] : undefined;
  }

  toLowest(index: number): number | undefined {
    return this.hasTo(index) ? this.lowestOfTo[index] : undefined;
  }

  atParametersKey(index: number): boolean {
    return (this.flags[index]! & StepFlag.AtParametersKey) !== 0;
  }

  registryType(index: number): string {
    const action = this.action(index);
    return action === 'set-registry' || action === 'delete-registry' ? REGISTRY_TYPES[this.types[index]!]! : '';
  }

  registryData(index: number): number | string | undefined {
    const flags = this.flags[index]!;
    return flags & StepFlag.DataNumber ? this.data[index] : flags & StepFlag.DataText ? this.dataTexts.get(index) : undefined;
  }

  step(index: number): Step {
    let step = this.built.get(index);
    if (!step) {
      step = this.build(index);
      this.built.set(index, step);
    }
    return step;
  }

  /** Every step, in order: for the editor's features and the runbook, which read them all. */
  steps(): readonly Step[] {
    if (!this.all) {
      const all = new Array<Step>(this.length);
      for (let i = 0; i < this.length; i++) all[i] = this.step(i);
      this.all = all;
    }
    return this.all;
  }

  /** The versions the upgrades write, in file order: the alias, or "highest" then "lowest". */
  versionValues(): VersionValue[] {
    const values: VersionValue[] = [];
    const document = this.document;
    for (let i = 0; i < this.length; i++) {
      if (!this.hasTo(i)) continue;
      const flags = this.flags[i]!;
      if (flags & StepFlag.ToAlias) {
        values.push(new VersionValueAt(`/steps/${i}/to`, document, this.highestOfTo[i]!));
      } else {
        values.push(new VersionValueAt(`/steps/${i}/to/highest`, document, this.highestOfTo[i]!));
        if (flags & StepFlag.LowestWritten) values.push(new VersionValueAt(`/steps/${i}/to/lowest`, document, this.lowestOfTo[i]!));
      }
    }
    return values;
  }

  private build(i: number): Step {
    const document = this.document;
    const id = this.ids.get(i);
    const description = this.descriptions.get(i);
    const action = this.action(i);
    switch (action) {
      case 'stop':
      case 'start':
      case 'join':
      case 'restart':
        return new ServiceStepAt(document, i, id, description, action, this.reference(this.targets[i]!, i, 'node')!, this.reference(this.sponsors[i]!, i, 'sponsor'));
      case 'upgrade': {
        const release = this.toRelease.get(i);
        const highest = this.highestOfTo[i]!;
        const to = new VersionPairAt(`/steps/${i}/to`, document, highest, this.lowestOfTo[i]!, release ?? this.catalog.releaseOf(highest));
        return new UpgradeStepAt(document, i, id, description, this.reference(this.targets[i]!, i, 'node')!, to);
      }
      case 'set-registry':
      case 'delete-registry':
        return new RegistryStepAt(
          document,
          i,
          id,
          description,
          action,
          this.reference(this.targets[i]!, i, 'node')!,
          this.keys.get(i),
          this.atParametersKey(i),
          this.registryType(i),
          this.registryData(i),
        );
      case 'cluster-security':
        return new SecurityStepAt(document, i, id, description, this.grants.get(i), this.revokes.get(i), this.flags[i]! & StepFlag.RightsRead ? 'read' : 'full');
      case 'note':
        return new NoteStepAt(document, i, id, description);
    }
  }

  private reference(name: number, step: number, key: 'node' | 'sponsor'): NodeReference | undefined {
    if (name === NO_NAME) return undefined;
    const written = this.names[name]!;
    return new ReferenceAt(`/steps/${step}/${key}`, this.document, written.name, written.declaration);
  }
}
