import type { Release } from './catalog';
import type {
  Located,
  NodeDeclaration,
  NodeReference,
  NoteStep,
  RegistryStep,
  SecurityStep,
  ServiceStep,
  UpgradeStep,
  VersionPair,
  VersionValue,
} from './plan';
import type { JsonNode, PlanDocument } from './planDocument';

/**
 * The plan model's objects for a plan read from its values (readRegularPlan.ts). They have the same fields as
 * readPlan.ts's, but each looks its tree node up by its pointer when something first asks for it: a clean
 * plan shows no node, and a plan with findings shows a few, so most plans never build the tree.
 * Each also holds the document, in its own field `document`, which readPlan.ts's objects do not have.
 */
/** What every object here has: the document, in which its node is looked up by its pointer. */
abstract class Placed implements Located {
  constructor(protected readonly document: PlanDocument) {}

  abstract readonly pointer: string;

  /** The value the pointer names; a reader of values only builds objects for values it read. */
  get node(): JsonNode {
    return this.document.nodeAt(this.pointer)!;
  }

  /** The key of the property the pointer names. */
  protected get propertyKey(): JsonNode {
    return this.document.keyNodeAt(this.pointer)!;
  }
}

/** An object at a pointer it is given. A step's objects are built only when asked for (regularSteps.ts). */
class At extends Placed {
  constructor(
    readonly pointer: string,
    document: PlanDocument,
  ) {
    super(document);
  }
}

/** Where findings about a whole property are shown: its key, as for `"nodes"`. */
export class KeyAt extends At {
  override get node(): JsonNode {
    return this.propertyKey;
  }
}

export class VersionValueAt extends At implements VersionValue {
  constructor(pointer: string, document: PlanDocument, readonly version: number) {
    super(pointer, document);
  }
}

export class VersionPairAt extends At implements VersionPair {
  constructor(
    pointer: string,
    document: PlanDocument,
    readonly highest: number | undefined,
    readonly lowest: number | undefined,
    readonly release: Release | undefined,
  ) {
    super(pointer, document);
  }
}

export class DeclarationAt extends VersionPairAt implements NodeDeclaration {
  constructor(
    pointer: string,
    document: PlanDocument,
    pair: VersionPair,
    readonly name: string,
    readonly running: boolean,
    readonly noVersionCheck: boolean,
    readonly duplicateOf: NodeDeclaration | undefined,
  ) {
    super(pointer, document, pair.highest, pair.lowest, pair.release);
  }

  get keyNode(): JsonNode {
    return this.propertyKey;
  }
}

export class ReferenceAt extends At implements NodeReference {
  constructor(
    pointer: string,
    document: PlanDocument,
    readonly name: string,
    readonly declaration: NodeDeclaration | undefined,
  ) {
    super(pointer, document);
  }
}

/** A step: its node is the index-th element of "steps", found without reading the pointer. */
abstract class StepAt extends Placed {
  abstract readonly index: number;

  get pointer(): string {
    return '/steps/' + this.index;
  }

  override get node(): JsonNode {
    return this.document.stepNode(this.index)!;
  }
}

export class ServiceStepAt extends StepAt implements ServiceStep {
  constructor(
    document: PlanDocument,
    readonly index: number,
    readonly id: string | undefined,
    readonly description: string | undefined,
    readonly action: ServiceStep['action'],
    readonly target: NodeReference,
    readonly sponsor: NodeReference | undefined,
  ) {
    super(document);
  }
}

export class UpgradeStepAt extends StepAt implements UpgradeStep {
  readonly action = 'upgrade';
  constructor(
    document: PlanDocument,
    readonly index: number,
    readonly id: string | undefined,
    readonly description: string | undefined,
    readonly target: NodeReference,
    readonly to: VersionPair,
  ) {
    super(document);
  }
}

export class RegistryStepAt extends StepAt implements RegistryStep {
  constructor(
    document: PlanDocument,
    readonly index: number,
    readonly id: string | undefined,
    readonly description: string | undefined,
    readonly action: RegistryStep['action'],
    readonly target: NodeReference,
    readonly key: string | undefined,
    readonly atParametersKey: boolean,
    readonly type: string,
    readonly data: number | string | undefined,
  ) {
    super(document);
  }
}

export class SecurityStepAt extends StepAt implements SecurityStep {
  readonly action = 'cluster-security';
  constructor(
    document: PlanDocument,
    readonly index: number,
    readonly id: string | undefined,
    readonly description: string | undefined,
    readonly grant: string | undefined,
    readonly revoke: string | undefined,
    readonly rights: 'full' | 'read',
  ) {
    super(document);
  }
}

export class NoteStepAt extends StepAt implements NoteStep {
  readonly action = 'note';
  constructor(
    document: PlanDocument,
    readonly index: number,
    readonly id: string | undefined,
    readonly description: string | undefined,
  ) {
    super(document);
  }
}
