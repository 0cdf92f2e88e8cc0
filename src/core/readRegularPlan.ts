import { Catalog, type Release } from './catalog';
import { colonCount, type JsoncValues } from './jsoncValues';
import {
  DeclarationAt,
  KeyAt,
  NoteStepAt,
  ReferenceAt,
  RegistryStepAt,
  SecurityStepAt,
  ServiceStepAt,
  UpgradeStepAt,
  VersionPairAt,
  VersionValueAt,
} from './lazyModel';
import { netbiosNameProblem, nodeKey } from './nodeNames';
import { ACTIONS, type Action, type NodeDeclaration, type NodeReference, type Plan, type Step, type VersionMatch, type VersionPair, type VersionValue } from './plan';
import { escapePointerKey, type JsonNode, type PlanDocument } from './planDocument';
import { ALLOWED_STEP_PROPERTIES, NODE_PROPERTIES, RELEASE_PROPERTIES, TARGET_PROPERTIES } from './readPlan';
import { isParametersKey, NO_VERSION_CHECK, REGISTRY_TYPES } from './registry';
import { parseVersionString } from './versions';

/**
 * The plan of a regular file, read from `JSON.parse`'s values instead of the tree: the same model readPlan.ts
 * builds, with nodes looked up on first use (lazyModel.ts). Regular means readPlan would report nothing:
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
    return new RegularReader(document, values).read();
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
  private readonly nodeReferences: NodeReference[] = [];
  private readonly declarations = new Map<string, NodeDeclaration>();
  /**
   * Names as steps write them: most write each name the same way thousands of times. The model keeps the first
   * copy of each, so that JSON.parse's copy in every step goes with its values.
   */
  private readonly byName = new Map<string, { readonly name: string; readonly declaration: NodeDeclaration | undefined }>();
  private catalog = new Catalog();
  /** Keys read, plus colons in the strings read: must equal the colons in the text. */
  private colons = 0;
  private depth = 1;

  constructor(
    private readonly document: PlanDocument,
    private readonly values: JsoncValues,
  ) {}

  read(): Plan {
    const root = object(this.values.value);
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
    const read: Step[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) read[i] = this.step(list[i], i);
    if (this.colons !== this.values.colons || this.depth > this.document.maxNestingDepth) irregular();

    const document = this.document;
    return {
      clusterName,
      versionMatch: match,
      catalog: this.catalog,
      nodesAnchor: new KeyAt('/nodes', NO_STEP, document),
      get stepsArray(): JsonNode | undefined {
        return document.nodeAt('/steps');
      },
      nodes: declarations,
      steps: read,
      versionValues: this.versionValues,
      schemaIssues: [],
      nodeReferences: this.nodeReferences,
    };
  }

  private releases(versions: Values): Release[] {
    const builtIn = new Catalog();
    const releases: Release[] = [];
    for (const alias in versions) {
      this.colons += 1 + colonCount(alias);
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
      highest = this.version(props.highest, NO_STEP, pointer + '/highest', false);
      lowest = props.lowest === undefined ? highest : this.version(props.lowest, NO_STEP, pointer + '/lowest', false);
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
      const pair = this.pair(props, NO_STEP, pointer, true);
      let running = true;
      if (props.state !== undefined) running = props.state === 'stopped' ? false : props.state === 'running' ? true : irregular();
      let noVersionCheck = false;
      if (props.noVersionCheck !== undefined) noVersionCheck = typeof props.noVersionCheck === 'boolean' ? props.noVersionCheck : irregular();
      if (props.description !== undefined) this.text(props.description);
      const key = nodeKey(name);
      const earlier = this.declarations.get(key);
      const declaration = new DeclarationAt(pointer, NO_STEP, this.document, pair, name, running, noVersionCheck, earlier);
      if (!earlier) this.declarations.set(key, declaration);
      declarations.push(declaration);
    }
    return declarations;
  }

  // Where a value is: `path` is the whole pointer, or with `step` >= 0 what follows "/steps/<step>" (lazyModel.ts).

  /** A node's `{ "version": alias }` or `{ "highest", "lowest"? }`, or an upgrade's `to` object. */
  private pair(props: Values, step: number, path: string, versionKey: boolean): VersionPair {
    if (versionKey && props.version !== undefined) {
      if (props.highest !== undefined || props.lowest !== undefined) irregular();
      return this.aliasPair(props.version, step, path + '/version', path);
    }
    if (props.highest === undefined) irregular();
    const highest = this.version(props.highest, step, path + '/highest', true);
    const lowest = props.lowest === undefined ? highest : this.version(props.lowest, step, path + '/lowest', true);
    return new VersionPairAt(path, step, this.document, highest, lowest, this.catalog.releaseOf(highest));
  }

  private aliasPair(value: unknown, step: number, valuePath: string, pairPath: string): VersionPair {
    const release = this.catalog.get(this.text(value));
    if (!release) irregular();
    this.versionValues.push(new VersionValueAt(valuePath, step, this.document, release.highest));
    return new VersionPairAt(pairPath, step, this.document, release.highest, release.lowest, release);
  }

  /** A version as a string; a JSON number is read from the tree, which keeps how it was written. */
  private version(value: unknown, step: number, path: string, allowAlias: boolean): number {
    const result = parseVersionString(this.text(value));
    let version: number;
    if (result.kind === 'version') version = result.version;
    else if (result.kind === 'alias' && allowAlias) version = this.catalog.get(result.name)?.highest ?? irregular();
    else irregular();
    this.versionValues.push(new VersionValueAt(path, step, this.document, version));
    return version;
  }

  private step(value: unknown, index: number): Step {
    const props = object(value);
    // The model's own string for the action, not JSON.parse's copy in this step.
    const action = typeof props.action === 'string' ? (ACTION_NAMES.get(props.action) ?? irregular()) : irregular();
    const allowed = ALLOWED_STEP_PROPERTIES[action];
    for (const key in props) {
      this.colons++;
      if (!allowed.has(key)) irregular();
    }
    const id = props.id === undefined ? undefined : this.text(props.id);
    const description = props.description === undefined ? undefined : this.text(props.description);
    const document = this.document;
    switch (action) {
      case 'stop':
      case 'start':
      case 'join':
      case 'restart': {
        const target = this.reference(props.node, index, '/node');
        const sponsor = props.sponsor === undefined ? undefined : this.reference(props.sponsor, index, '/sponsor');
        return new ServiceStepAt(document, index, id, description, action as ServiceStepAt['action'], target, sponsor);
      }
      case 'upgrade': {
        const target = this.reference(props.node, index, '/node');
        const to = props.to;
        let pair: VersionPair;
        if (typeof to === 'string') {
          pair = this.aliasPair(to, index, '/to', '/to');
        } else {
          const toProps = this.nested(object(to), 4);
          for (const key in toProps) {
            this.colons++;
            if (!TARGET_PROPERTIES.has(key)) irregular();
          }
          pair = this.pair(toProps, index, '/to', false);
        }
        return new UpgradeStepAt(document, index, id, description, target, pair);
      }
      case 'set-registry':
      case 'delete-registry': {
        const name = props.name;
        if (typeof name !== 'string' || (name !== NO_VERSION_CHECK && name.toLowerCase() !== NO_VERSION_CHECK_LOWER)) irregular();
        const key = props.key === undefined ? undefined : this.text(props.key);
        let type = 'REG_DWORD';
        if (props.type !== undefined) {
          const at = typeof props.type === 'string' ? REGISTRY_TYPES.indexOf(props.type.toUpperCase()) : -1;
          type = REGISTRY_TYPES[at] ?? irregular();
        }
        let data: number | string | undefined;
        if (action === 'set-registry') {
          data = typeof props.data === 'number' ? props.data : this.text(props.data);
        }
        const target = this.reference(props.node, index, '/node');
        const atParametersKey = key === undefined || isParametersKey(key);
        return new RegistryStepAt(document, index, id, description, action as RegistryStepAt['action'], target, key, atParametersKey, type, data);
      }
      case 'cluster-security': {
        const grant = props.grant === undefined ? undefined : this.text(props.grant);
        const revoke = props.revoke === undefined ? undefined : this.text(props.revoke);
        if ((grant === undefined) === (revoke === undefined)) irregular();
        let rights: 'full' | 'read' = 'full';
        if (props.rights !== undefined) {
          if (revoke !== undefined) irregular();
          rights = props.rights === 'full' || props.rights === 'read' ? props.rights : irregular();
        }
        return new SecurityStepAt(document, index, id, description, grant, revoke, rights);
      }
      case 'note':
        this.text(props.text);
        return new NoteStepAt(document, index, id, description);
    }
  }

  private reference(value: unknown, step: number, path: string): NodeReference {
    const written = this.text(value);
    let known = this.byName.get(written);
    if (!known) {
      known = { name: written, declaration: this.declarations.get(nodeKey(written)) };
      this.byName.set(written, known);
    }
    const reference = new ReferenceAt(path, step, this.document, known.name, known.declaration);
    this.nodeReferences.push(reference);
    return reference;
  }

  /** A string the plan may write freely: its colons are not keys. */
  private text(value: unknown): string {
    if (typeof value !== 'string') irregular();
    this.colons += colonCount(value);
    return value;
  }

  private nested<T>(value: T, depth: number): T {
    if (depth > this.depth) this.depth = depth;
    return value;
  }
}

const ACTION_NAMES: ReadonlyMap<string, Action> = new Map(ACTIONS.map((action) => [action, action]));
const NO_STEP = -1;
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
