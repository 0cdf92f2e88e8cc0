import { Catalog, type Release } from './catalog';
import { colonCount } from './jsoncValues';
import { keepLatest } from './keepLatest';
import { DeclarationAt, KeyAt, VersionPairAt, VersionValueAt } from './lazyModel';
import { netbiosNameProblem, nodeKey } from './nodeNames';
import { ACTIONS, stepReferences, type NodeDeclaration, type Plan, type Step, type VersionMatch, type VersionPair, type VersionValue } from './plan';
import { escapePointerKey, type JsonNode, type PlanDocument } from './planDocument';
import { ALLOWED_STEP_PROPERTIES, NODE_PROPERTIES, RELEASE_PROPERTIES, TARGET_PROPERTIES } from './readPlan';
import { RegularSteps, StepFlag, type WrittenName } from './regularSteps';
import { isParametersKey, NO_VERSION_CHECK, REGISTRY_TYPES } from './registry';
import { parseVersionString } from './versions';

/**
 * The plan of a regular file, read from `JSON.parse`'s values instead of the tree: the same model readPlan.ts
 * builds, with nodes looked up on first use (lazyModel.ts) and steps kept in typed arrays (regularSteps.ts). Regular means readPlan would report nothing:
 * every property known and of its type, every version valid, every alias known. On anything else this gives
 * undefined and analyze.ts reads the tree with readPlan, so every message about the file's shape is written
 * once, there. test/unit/regular-plan.test.ts checks that both readers agree wherever this one reads.
 *
 * It gives undefined too where the values hide what the text says: a key given twice (`colons` tells), a
 * version written as a JSON number (`4.0` and `4` parse alike), and a node name JavaScript would reorder.
 */
export function readRegularPlan(document: PlanDocument): Plan | undefined {
  const values = document.values();
  if (!values) return undefined;
  try {
    return new RegularReader(document, values.json, values.colons).read(values.value);
  } catch (error) {
    if (error === IRREGULAR) return undefined;
    throw error;
  }
}

/** Thrown where readPlan would report something; the caller then reads the tree. */
const IRREGULAR = { reason: 'readPlan reports something here' };

type Values = Record<string, unknown>;

class RegularReader {
  private readonly versionValues: VersionValue[] = [];
  private readonly declarations = new Map<string, NodeDeclaration>();
  /**
   * Names as steps write them, numbered: most write each name the same way thousands of times. The model keeps
   * the first copy of each, so that JSON.parse's copy in every step goes with its values.
   */
  private readonly byName = new Map<string, number>();
  private readonly names: WrittenName[] = [];
  /** The colons in each of `names`, counted once rather than at every step that writes it. */
  private readonly nameColons: number[] = [];
  /**
   * The last step of each action, and the last upgrade's `to`, as JSON.parse made them. Kept with this reader
   * (keepLatest.ts) so that their hidden classes, which JSON.parse gives every step written the same way,
   * outlive the values: the code that reads them is then not thrown away at the next full GC.
   */
  private readonly exemplars: Values[] = [];
  /** Version strings already read as numbers (not aliases). */
  private readonly versionNumbers = new Map<string, number>();
  private catalog = new Catalog();
  /** Keys read, plus colons in the strings read: must equal the colons in the text. */
  private colons = 0;
  private escapedColon: boolean | undefined = undefined;
  private depth = 1;

  /** `json` and `textColons` as in JsoncValues; not the values themselves, which keepLatest would keep. */
  constructor(
    private readonly document: PlanDocument,
    private readonly json: string,
    private readonly textColons: number,
  ) {
    keepLatest(RegularReader, this);
  }

  read(value: unknown): Plan {
    const root = object(value);
    let cluster: unknown;
    let versionMatch: unknown;
    let versions: Values | undefined;
    let nodes: Values | undefined;
    let steps: unknown;
    for (const key in root) {
      this.colons++;
      const value = root[key];
      if (key === 'cluster') cluster = value;
      else if (key === 'versionMatch') versionMatch = value;
      else if (key === 'versions') versions = this.nested(object(value), 2);
      else if (key === 'nodes') nodes = this.nested(object(value), 2);
      else if (key === 'steps') steps = value;
      else if (key === '$schema') this.text(value);
      else irregular();
    }
    if (!nodes || !Array.isArray(steps)) irregular();
    const clusterName = cluster === undefined ? undefined : this.text(cluster);
    const match: VersionMatch = versionMatch === undefined ? 'exact' : versionMatch === 'exact' || versionMatch === 'major' ? versionMatch : irregular();
    this.catalog = new Catalog(versions ? this.releases(versions) : []);
    const declarations = this.nodes(nodes!);
    const list = steps as unknown[];
    if (list.length > 0) this.nested(undefined, 3);
    const table = new RegularSteps(list.length, this.names, this.document, this.catalog);
    for (let i = 0; i < list.length; i++) this.step(list[i], i, table);
    if (this.colons !== this.textColons || this.depth > this.document.maxNestingDepth) irregular();

    return new RegularPlan(this.document, clusterName, match, this.catalog, declarations, table, this.versionValues);
  }

  private releases(versions: Values): Release[] {
    const builtIn = new Catalog();
    const releases: Release[] = [];
    for (const alias in versions) {
      const colons = colonCount(alias);
      if (colons > 0) this.colonsAsWritten();
      this.colons += 1 + colons;
      if (alias.length === 0 || parseVersionString(alias).kind !== 'alias') irregular();
      const pointer = '/versions/' + escapePointerKey(alias);
      const props = this.nested(object(versions[alias]), 3);
      let highest: number | undefined;
      let lowest: number | undefined;
      let preRelease: boolean | undefined;
      let note: string | undefined;
      for (const key in props) {
        this.colons++;
        if (!RELEASE_PROPERTIES.has(key)) irregular();
      }
      // In readPlan's order: highest, then lowest, then the rest.
      if (props.highest === undefined) irregular();
      highest = this.version(props.highest, pointer + '/highest', false);
      lowest = props.lowest === undefined ? highest : this.version(props.lowest, pointer + '/lowest', false);
      if (props.preRelease !== undefined) preRelease = typeof props.preRelease === 'boolean' ? props.preRelease : irregular();
      if (props.note !== undefined) note = this.text(props.note);
      releases.push({ alias, highest, lowest, preRelease: preRelease ?? builtIn.get(alias)?.preRelease ?? false, origin: 'plan', ...(note ? { note } : {}) });
    }
    return releases;
  }

  private nodes(nodes: Values): NodeDeclaration[] {
    const declarations: NodeDeclaration[] = [];
    for (const name in nodes) {
      this.colons++;
      // NetBIOS names have no colon; an integer-like name would be enumerated before the others.
      if (netbiosNameProblem(name) !== undefined || isIndex(name)) irregular();
      const pointer = '/nodes/' + escapePointerKey(name);
      const props = this.nested(object(nodes[name]), 3);
      for (const key in props) {
        this.colons++;
        if (!NODE_PROPERTIES.has(key)) irregular();
      }
      const pair = this.pair(props, pointer);
      let running = true;
      if (props.state !== undefined) running = props.state === 'stopped' ? false : props.state === 'running' ? true : irregular();
      let noVersionCheck = false;
      if (props.noVersionCheck !== undefined) noVersionCheck = typeof props.noVersionCheck === 'boolean' ? props.noVersionCheck : irregular();
      if (props.description !== undefined) this.text(props.description);
      const key = nodeKey(name);
      const earlier = this.declarations.get(key);
      const declaration = new DeclarationAt(pointer, this.document, pair, name, running, noVersionCheck, earlier);
      if (!earlier) this.declarations.set(key, declaration);
      declarations.push(declaration);
    }
    return declarations;
  }

  /** A node's `{ "version": alias }` or `{ "highest", "lowest"? }`. */
  private pair(props: Values, path: string): VersionPair {
    if (props.version !== undefined) {
      if (props.highest !== undefined || props.lowest !== undefined) irregular();
      const release = this.release(props.version);
      this.versionValues.push(new VersionValueAt(path + '/version', this.document, release.highest));
      return new VersionPairAt(path, this.document, release.highest, release.lowest, release);
    }
    const [highest, lowest] = this.highestLowest(props);
    this.versionValues.push(new VersionValueAt(path + '/highest', this.document, highest));
    if (lowest !== undefined) this.versionValues.push(new VersionValueAt(path + '/lowest', this.document, lowest));
    return new VersionPairAt(path, this.document, highest, lowest ?? highest, this.catalog.releaseOf(highest));
  }

  /** `{ "highest", "lowest"? }` of a node or an upgrade's `to`, as numbers; `lowest` if written. */
  private highestLowest(props: Values): [highest: number, lowest: number | undefined] {
    if (props.highest === undefined) irregular();
    const highest = this.versionNumber(props.highest, true);
    return [highest, props.lowest === undefined ? undefined : this.versionNumber(props.lowest, true)];
  }

  /** An alias the catalog knows. */
  private release(value: unknown): Release {
    return this.catalog.get(this.text(value)) ?? irregular();
  }

  /** A version as a string; a JSON number is read from the tree, which keeps how it was written. */
  private version(value: unknown, path: string, allowAlias: boolean): number {
    const version = this.versionNumber(value, allowAlias);
    this.versionValues.push(new VersionValueAt(path, this.document, version));
    return version;
  }

  private versionNumber(value: unknown, allowAlias: boolean): number {
    const text = this.text(value);
    // Upgrades write the same few versions over and over.
    const known = this.versionNumbers.get(text);
    if (known !== undefined) return known;
    const result = parseVersionString(text);
    if (result.kind === 'version') {
      this.versionNumbers.set(text, result.version);
      return result.version;
    }
    if (result.kind === 'alias' && allowAlias) return this.catalog.get(result.name)?.highest ?? irregular();
    irregular();
  }

  /** Step `index` into the table: only what its object will need, checked as readPlan would. */
  private step(value: unknown, index: number, table: RegularSteps): void {
    const props = object(value);
    // The table's code for the action, not JSON.parse's string in this step.
    const code = typeof props.action === 'string' ? (ACTION_CODES.get(props.action) ?? irregular()) : irregular();
    const action = ACTIONS[code]!;
    table.actions[index] = code;
    this.exemplars[code] = props;
    const allowed = ALLOWED_STEP_PROPERTIES[action];
    for (const key in props) {
      this.colons++;
      if (!allowed.has(key)) irregular();
    }
    if (props.id !== undefined) table.ids.set(index, this.text(props.id));
    if (props.description !== undefined) table.descriptions.set(index, this.text(props.description));
    let flags = 0;
    switch (action) {
      case 'stop':
      case 'start':
      case 'join':
      case 'restart':
        flags |= this.reference(props.node, index, table.targets);
        if (props.sponsor !== undefined) flags |= this.reference(props.sponsor, index, table.sponsors);
        break;
      case 'upgrade': {
        flags |= this.reference(props.node, index, table.targets);
        const to = props.to;
        if (typeof to === 'string') {
          const release = this.release(to);
          table.toRelease.set(index, release);
          table.highestOfTo[index] = release.highest;
          table.lowestOfTo[index] = release.lowest;
          flags |= StepFlag.ToAlias;
        } else {
          const toProps = this.nested(object(to), 4);
          this.exemplars[ACTIONS.length] = toProps;
          for (const key in toProps) {
            this.colons++;
            if (!TARGET_PROPERTIES.has(key)) irregular();
          }
          const [highest, lowest] = this.highestLowest(toProps);
          table.highestOfTo[index] = highest;
          table.lowestOfTo[index] = lowest ?? highest;
          if (lowest !== undefined) flags |= StepFlag.LowestWritten;
        }
        break;
      }
      case 'set-registry':
      case 'delete-registry': {
        const name = props.name;
        if (typeof name !== 'string' || (name !== NO_VERSION_CHECK && name.toLowerCase() !== NO_VERSION_CHECK_LOWER)) irregular();
        let atParametersKey = true;
        if (props.key !== undefined) {
          const key = this.text(props.key);
          table.keys.set(index, key);
          atParametersKey = isParametersKey(key);
        }
        if (atParametersKey) flags |= StepFlag.AtParametersKey;
        if (props.type !== undefined) {
          // Most plans write the type as REG_DWORD: found without a copy in capitals.
          const at = typeof props.type !== 'string' ? -1 : props.type === REGISTRY_TYPES[0] ? 0 : REGISTRY_TYPES.indexOf(props.type.toUpperCase());
          table.types[index] = at >= 0 ? at : irregular();
        }
        if (action === 'set-registry') {
          if (typeof props.data === 'number') {
            table.data[index] = props.data;
            flags |= StepFlag.DataNumber;
          } else {
            table.dataTexts.set(index, this.text(props.data));
            flags |= StepFlag.DataText;
          }
        }
        flags |= this.reference(props.node, index, table.targets);
        break;
      }
      case 'cluster-security': {
        const grant = props.grant === undefined ? undefined : this.text(props.grant);
        const revoke = props.revoke === undefined ? undefined : this.text(props.revoke);
        if ((grant === undefined) === (revoke === undefined)) irregular();
        if (grant !== undefined) table.grants.set(index, grant);
        if (revoke !== undefined) table.revokes.set(index, revoke);
        if (props.rights !== undefined) {
          if (revoke !== undefined) irregular();
          if (props.rights === 'read') flags |= StepFlag.RightsRead;
          else if (props.rights !== 'full') irregular();
        }
        break;
      }
      case 'note':
        this.text(props.text);
        break;
    }
    table.flags[index] = flags;
  }

  /** A step's `node` or `sponsor` into `column`; StepFlag.UnknownNode when it names no declared node. */
  private reference(value: unknown, step: number, column: Int32Array): number {
    if (typeof value !== 'string') irregular();
    let name = this.byName.get(value);
    if (name === undefined) {
      name = this.names.push({ name: value, declaration: this.declarations.get(nodeKey(value)) }) - 1;
      const colons = colonCount(value);
      if (colons > 0) this.colonsAsWritten();
      this.nameColons.push(colons);
      this.byName.set(value, name);
    }
    this.colons += this.nameColons[name]!;
    column[step] = name;
    return this.names[name]!.declaration ? 0 : StepFlag.UnknownNode;
  }

  /** A string the plan may write freely: its colons are not keys. */
  private text(value: unknown): string {
    if (typeof value !== 'string') irregular();
    const colons = colonCount(value);
    if (colons > 0) this.colonsAsWritten();
    this.colons += colons;
    return value;
  }

  /**
   * A colon in a value may be written `\u003a`: the text then has one colon fewer than the values say, which
   * could hide a key given twice. Such a text is left to the tree.
   */
  private colonsAsWritten(): void {
    const json = this.json;
    this.escapedColon ??= json.indexOf('\\u003a') >= 0 || json.indexOf('\\u003A') >= 0;
    if (this.escapedColon) irregular();
  }

  private nested<T>(value: T, depth: number): T {
    if (depth > this.depth) this.depth = depth;
    return value;
  }
}

const DOCUMENT = Symbol('document');
const DECLARED = Symbol('declared');
const VALUES = Symbol('values');
const REFERENCES = Symbol('references');

/**
 * The plan of a regular file. A class, not an object literal with getters: such a literal gets a hidden class
 * of its own at every analysis (its getters are new closures), and V8 throws away the code that saw one of
 * those when the garbage collector frees it, so the first analysis after each full GC ran unoptimised.
 */
class RegularPlan implements Plan {
  readonly nodesAnchor: Plan['nodesAnchor'];
  readonly versionProblems: readonly VersionValue[] = [];
  readonly schemaIssues: Plan['schemaIssues'] = [];
  // Symbol keys keep these out of JSON.stringify and Object.keys, as the tree's plan has no such fields.
  private [DOCUMENT]: PlanDocument;
  private [DECLARED]: readonly VersionValue[];
  private [VALUES]: readonly VersionValue[] | undefined;
  private [REFERENCES]: Plan['nodeReferences'] | undefined;

  constructor(
    document: PlanDocument,
    readonly clusterName: string | undefined,
    readonly versionMatch: VersionMatch,
    readonly catalog: Catalog,
    readonly nodes: readonly NodeDeclaration[],
    readonly stepTable: RegularSteps,
    declared: readonly VersionValue[],
  ) {
    this.nodesAnchor = new KeyAt('/nodes', document);
    this[DOCUMENT] = document;
    this[DECLARED] = declared;
    this[VALUES] = undefined;
    this[REFERENCES] = undefined;
  }

  get stepsArray(): JsonNode | undefined {
    return this[DOCUMENT].nodeAt('/steps');
  }

  get steps(): readonly Step[] {
    return this.stepTable.steps();
  }

  /** The nodes' and releases' values, read with the plan, then the upgrades', built when first asked for. */
  get versionValues(): readonly VersionValue[] {
    return (this[VALUES] ??= [...this[DECLARED], ...this.stepTable.versionValues()]);
  }

  get nodeReferences(): Plan['nodeReferences'] {
    return (this[REFERENCES] ??= this.steps.flatMap(stepReferences));
  }
}

const ACTION_CODES: ReadonlyMap<string, number> = new Map(ACTIONS.map((action, code) => [action, code]));
const NO_VERSION_CHECK_LOWER = NO_VERSION_CHECK.toLowerCase();

function irregular(): never {
  throw IRREGULAR;
}

function object(value: unknown): Values {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) irregular();
  return value as Values;
}

/** An array index, which JavaScript enumerates before every other key whatever the text's order. */
function isIndex(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57 && /^\d+$/.test(key);
}
