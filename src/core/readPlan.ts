import { Catalog, type Release } from './catalog';
import { closest } from './closest';
import { netbiosNameProblem, nodeKey } from './nodeNames';
import type {
  Action,
  Located,
  NodeDeclaration,
  NodeReference,
  Plan,
  SchemaIssue,
  Step,
  VersionMatch,
  VersionPair,
  VersionValue,
} from './plan';
import { ACTIONS } from './plan';
import { escapePointerKey, type JsonNode } from './planDocument';
import { parseVersionNumber, parseVersionString } from './versions';
import { isParametersKey, REGISTRY_TYPES, NO_VERSION_CHECK } from './registry';
import { ObjectStepTable } from './stepTable';

/**
 * Turns the JSONC tree into the plan model. Reading never stops at a problem: a bad element is recorded
 * (schema issue, version problem) and left undefined, so later rules and the simulation still see the rest.
 */
export function readPlan(root: JsonNode, text: string): Plan {
  return new PlanReader(text).read(root);
}

interface Member {
  readonly key: string;
  readonly keyNode: JsonNode;
  readonly value: JsonNode | undefined;
  readonly pointer: string;
}

export const TOP_LEVEL = new Set(['$schema', 'cluster', 'versionMatch', 'versions', 'nodes', 'steps']);
export const RELEASE_PROPERTIES = new Set(['highest', 'lowest', 'preRelease', 'note']);
export const NODE_PROPERTIES = new Set(['version', 'highest', 'lowest', 'state', 'noVersionCheck', 'description']);
export const COMMON_STEP_PROPERTIES = ['action', 'id', 'description'];
export const STEP_PROPERTIES: Record<(typeof ACTIONS)[number], readonly string[]> = {
  stop: ['node'],
  start: ['node', 'sponsor'],
  join: ['node', 'sponsor'],
  restart: ['node', 'sponsor'],
  upgrade: ['node', 'to'],
  'set-registry': ['node', 'name', 'type', 'data', 'key'],
  'delete-registry': ['node', 'name', 'key'],
  'cluster-security': ['grant', 'revoke', 'rights'],
  note: ['text'],
};

const ACTION_NAMES: ReadonlySet<string> = new Set(ACTIONS);

/** Per action, every property a step may have: built once, not per step. */
export const ALLOWED_STEP_PROPERTIES = Object.fromEntries(
  ACTIONS.map((action): [string, ReadonlySet<string>] => [action, new Set([...COMMON_STEP_PROPERTIES, ...STEP_PROPERTIES[action]])]),
) as unknown as Record<(typeof ACTIONS)[number], ReadonlySet<string>>;

class PlanReader {
  private readonly issues: SchemaIssue[] = [];
  private readonly versionValues: VersionValue[] = [];
  private readonly nodeReferences: NodeReference[] = [];
  private catalog = new Catalog();
  private readonly declarations = new Map<string, NodeDeclaration>();

  constructor(private readonly text: string) {}

  read(root: JsonNode): Plan {
    const rootAnchor: Located = { pointer: '', node: root };
    if (root.type !== 'object') {
      this.issue(rootAnchor, 'A plan is a JSON object with "nodes" and "steps".');
      return this.plan(rootAnchor, undefined, undefined, [], []);
    }
    const members = this.members(root, '');
    const byKey = new Map<string, Member>();
    for (const m of members) {
      if (!TOP_LEVEL.has(m.key)) this.unknownProperty(m, TOP_LEVEL);
      else byKey.set(m.key, m);
    }

    const clusterName = this.optionalString(byKey.get('cluster'));
    const versionMatch = this.readVersionMatch(byKey.get('versionMatch'));
    this.catalog = new Catalog(this.readReleases(byKey.get('versions')));

    const nodesMember = byKey.get('nodes');
    const nodesAnchor: Located = nodesMember ? { pointer: '/nodes', node: nodesMember.keyNode } : rootAnchor;
    const nodes = nodesMember ? this.readNodes(nodesMember) : [];
    if (!nodesMember) this.issue(rootAnchor, 'The plan has no "nodes": declare each cluster node with its version.');

    const stepsMember = byKey.get('steps');
    let stepsArray: JsonNode | undefined;
    let steps: Step[] = [];
    if (!stepsMember) {
      this.issue(rootAnchor, 'The plan has no "steps": add "steps": [ … ] with the upgrade procedure.');
    } else if (stepsMember.value?.type !== 'array') {
      this.mistyped(stepsMember, 'an array of steps');
    } else {
      stepsArray = stepsMember.value;
      steps = (stepsArray.children ?? []).map((child, index) => this.readStep(child, index));
    }
    return this.plan(nodesAnchor, stepsArray, clusterName, nodes, steps, versionMatch);
  }

  private plan(
    nodesAnchor: Located,
    stepsArray: JsonNode | undefined,
    clusterName: string | undefined,
    nodes: NodeDeclaration[],
    steps: Step[],
    versionMatch: VersionMatch = 'exact',
  ): Plan {
    return {
      clusterName,
      versionMatch,
      catalog: this.catalog,
      nodesAnchor,
      stepsArray,
      nodes,
      steps,
      stepTable: new ObjectStepTable(steps),
      versionValues: this.versionValues,
      versionProblems: this.versionValues.filter((value) => value.problem !== undefined),
      schemaIssues: this.issues,
      nodeReferences: this.nodeReferences,
    };
  }

  // ── top level ──────────────────────────────────────────────────────────────────────────────────────

  private readVersionMatch(member: Member | undefined): VersionMatch {
    if (!member) return 'exact';
    const value = member.value?.value;
    if (value === 'exact' || value === 'major') return value;
    this.mistyped(member, '"exact" or "major"');
    return 'exact';
  }

  private readReleases(member: Member | undefined): Release[] {
    if (!member) return [];
    if (member.value?.type !== 'object') {
      this.mistyped(member, 'an object of version aliases');
      return [];
    }
    const builtIn = new Catalog();
    const releases: Release[] = [];
    for (const m of this.members(member.value, member.pointer)) {
      if (m.key.length === 0 || parseVersionString(m.key).kind !== 'alias') {
        this.issue(this.at(m.keyNode, m.pointer), `"${m.key}" cannot be an alias: an alias is a name such as "ws2003-sp1", not a version.`);
        continue;
      }
      if (m.value?.type !== 'object') {
        this.mistyped(m, 'an object with "highest" and optionally "lowest"');
        continue;
      }
      const props = this.properties(this.members(m.value, m.pointer), RELEASE_PROPERTIES);
      const highestMember = props.get('highest');
      if (!highestMember) this.issue(this.at(m.keyNode, m.pointer), `The alias "${m.key}" needs "highest".`);
      // An alias defined by another alias could form a cycle; the catalog holds numbers only.
      const highest = highestMember ? this.version(highestMember, false) : undefined;
      const lowestMember = props.get('lowest');
      const lowest = lowestMember ? this.version(lowestMember, false) : highest;
      const preReleaseMember = props.get('preRelease');
      const preRelease = this.optionalBoolean(preReleaseMember) ?? builtIn.get(m.key)?.preRelease ?? false;
      const note = this.optionalString(props.get('note'));
      if (highest !== undefined && lowest !== undefined) {
        releases.push({ alias: m.key, highest, lowest, preRelease, origin: 'plan', ...(note ? { note } : {}) });
      }
    }
    return releases;
  }

  private readNodes(member: Member): NodeDeclaration[] {
    if (member.value?.type !== 'object') {
      this.mistyped(member, 'an object of node name → { "version": alias } or { "highest", "lowest" }');
      return [];
    }
    const nodes: NodeDeclaration[] = [];
    for (const m of this.members(member.value, member.pointer)) {
      const nameProblem = netbiosNameProblem(m.key);
      if (nameProblem) this.issue(this.at(m.keyNode, m.pointer), `Node name ${nameProblem}.`);
      const located = { pointer: m.pointer, node: m.value ?? m.keyNode };
      let props = new Map<string, Member>();
      let pair: VersionPair = versionPair(located, undefined, undefined, undefined);
      if (m.value?.type === 'object') {
        props = this.properties(this.members(m.value, m.pointer), NODE_PROPERTIES);
        pair = this.pairFromProperties(props, located, 'node');
      } else {
        this.mistyped(m, 'an object such as { "version": "ws2003-rtm" }');
      }
      const state = props.get('state');
      let running = true;
      if (state) {
        if (state.value?.value === 'stopped') running = false;
        else if (state.value?.value !== 'running') this.mistyped(state, '"running" or "stopped"');
      }
      const key = nodeKey(m.key);
      const earlier = this.declarations.get(key);
      const declaration: NodeDeclaration = {
        ...pair,
        pointer: m.pointer,
        name: m.key,
        keyNode: m.keyNode,
        running,
        noVersionCheck: this.optionalBoolean(props.get('noVersionCheck')) ?? false,
        duplicateOf: earlier,
      };
      if (!earlier) this.declarations.set(key, declaration);
      nodes.push(declaration);
    }
    return nodes;
  }

  /** An upgrade's `to`: an alias, or `{ "highest": V, "lowest"?: V }`. */
  private readTarget(m: Member): VersionPair {
    const located = { pointer: m.pointer, node: m.value ?? m.keyNode };
    if (m.value?.type === 'string') return this.aliasPair(m, located);
    if (m.value?.type === 'object') return this.pairFromProperties(this.properties(this.members(m.value, m.pointer), TARGET_PROPERTIES), located, 'to');
    this.mistyped(m, 'a version alias or { "highest": …, "lowest": … }');
    return versionPair(located, undefined, undefined, undefined);
  }

  /** `{ "version": alias }` or `{ "highest": V, "lowest"?: V }`; a missing lowest defaults to highest. */
  private pairFromProperties(props: Map<string, Member>, located: Located, role: 'node' | 'to'): VersionPair {
    const alias = props.get('version');
    const highest = props.get('highest');
    const lowest = props.get('lowest');
    if (alias && highest) {
      this.issue(located, 'Give either "version" (an alias) or "highest"/"lowest", not both.');
      return versionPair(located, undefined, undefined, undefined);
    }
    if (alias) {
      if (lowest) this.issue(this.at(lowest.keyNode, lowest.pointer), '"lowest" comes from the alias in "version"; remove one of them.');
      return this.aliasPair(alias, located);
    }
    if (!highest) {
      this.issue(located, role === 'node' ? 'The node needs "version" (an alias) or "highest" (and optionally "lowest").' : '"to" needs "highest".');
      return versionPair(located, undefined, undefined, undefined);
    }
    const h = this.version(highest, true);
    const l = lowest ? this.version(lowest, true) : h;
    return versionPair(located, h, l, h === undefined ? undefined : this.catalog.releaseOf(h));
  }

  private aliasPair(m: Member, located: Located): VersionPair {
    const valueNode = m.value;
    if (valueNode?.type !== 'string') {
      this.mistyped(m, 'a version alias such as "ws2003-rtm"');
      return versionPair(located, undefined, undefined, undefined);
    }
    const alias = String(valueNode.value);
    const release = this.catalog.get(alias);
    const valueLocated = { pointer: m.pointer, node: valueNode };
    if (!release) {
      const numeric = parseVersionString(alias).kind === 'version';
      const suggestion = closest(alias, this.catalog.aliases());
      this.versionValues.push({
        ...valueLocated,
        version: undefined,
        problem: {
          code: 'unknown-version-alias',
          reason: numeric
            ? `"${alias}" is a version, not an alias: write it as { "highest": "${alias}", "lowest": … }`
            : `"${alias}" is not in the catalog or the plan's "versions"`,
          ...(suggestion && !numeric ? { suggestion } : {}),
        },
      });
      return versionPair(located, undefined, undefined, undefined);
    }
    this.versionValues.push({ pointer: valueLocated.pointer, node: valueLocated.node, version: release.highest });
    return versionPair(located, release.highest, release.lowest, release);
  }

  /** One version value; `allowAlias` is false inside `versions`, where an alias would define an alias. */
  private version(m: Member, allowAlias: boolean): number | undefined {
    const node = m.value;
    if (!node) return undefined;
    const located = { pointer: m.pointer, node };
    let result;
    if (node.type === 'string') result = parseVersionString(String(node.value));
    else if (node.type === 'number') result = parseVersionNumber(Number(node.value), this.text.slice(node.offset, node.offset + node.length));
    else {
      this.mistyped(m, 'a version: "M.m", a DWORD number, "0x…" or an alias');
      return undefined;
    }
    if (result.kind === 'version') {
      this.versionValues.push({ pointer: located.pointer, node, version: result.version });
      return result.version;
    }
    if (result.kind === 'invalid') {
      const raw = this.text.slice(node.offset, node.offset + node.length);
      this.versionValues.push({
        ...located,
        version: undefined,
        // Quoting helps only when the source text then reads as "M.m" (not 4.3790e0, not a minor above 65535).
        problem: { code: 'invalid-version', reason: result.reason, ...(node.type === 'number' && parseVersionString(raw).kind === 'version' ? { quoteAs: raw } : {}) },
      });
      return undefined;
    }
    if (!allowAlias) {
      this.versionValues.push({
        ...located,
        version: undefined,
        problem: { code: 'invalid-version', reason: `"${result.name}" is not a version; inside "versions" write "M.m", a DWORD or "0x…"` },
      });
      return undefined;
    }
    const release = this.catalog.get(result.name);
    if (!release) {
      const suggestion = closest(result.name, this.catalog.aliases());
      this.versionValues.push({
        ...located,
        version: undefined,
        problem: {
          code: 'unknown-version-alias',
          reason: `"${result.name}" is not "M.m", "0x…", or an alias in the catalog or the plan's "versions"`,
          ...(suggestion ? { suggestion } : {}),
        },
      });
      return undefined;
    }
    // An alias where one version is expected stands for the release's installed (highest) version.
    this.versionValues.push({ pointer: located.pointer, node, version: release.highest });
    return release.highest;
  }

  // ── steps ──────────────────────────────────────────────────────────────────────────────────────────

  // Steps are most of a plan, so this path builds each object once, without spreads: at 100,000 steps the
  // copies cost more than the parse (bench/phases.ts).
  private readStep(node: JsonNode, index: number): Step {
    const pointer = '/steps/' + index;
    const located: Located = { pointer, node };
    if (node.type !== 'object') {
      this.issue(located, 'A step is an object such as { "action": "stop", "node": "NODE1" }.');
      return unreadableStep(pointer, node, index);
    }
    const all = this.members(node, pointer);
    let actionMember: Member | undefined;
    for (const m of all) if (m.key === 'action' && !actionMember) actionMember = m;
    const actionValue = actionMember?.value?.value;
    const action = typeof actionValue === 'string' && ACTION_NAMES.has(actionValue) ? (actionValue as Action) : undefined;
    if (!actionMember) {
      this.issue(located, `The step has no "action"; use one of ${ACTIONS.join(', ')}.`);
      return unreadableStep(pointer, node, index);
    }
    if (!action) {
      const suggestion = typeof actionValue === 'string' ? closest(actionValue, ACTIONS) : undefined;
      this.issue(
        this.at(actionMember.value ?? actionMember.keyNode, `${pointer}/action`),
        `Unknown action ${JSON.stringify(actionValue ?? null)}` + (suggestion ? `; did you mean "${suggestion}"?` : `; use one of ${ACTIONS.join(', ')}.`),
      );
      return unreadableStep(pointer, node, index);
    }
    const props = this.properties(all, ALLOWED_STEP_PROPERTIES[action], action);
    const id = this.optionalString(props.get('id'));
    const description = this.optionalString(props.get('description'));
    switch (action) {
      case 'stop':
      case 'start':
      case 'join':
      case 'restart':
        return {
          pointer,
          node,
          index,
          id,
          description,
          action,
          target: this.nodeReference(props.get('node'), located),
          sponsor: props.has('sponsor') ? this.nodeReference(props.get('sponsor'), located) : undefined,
        };
      case 'upgrade': {
        const to = props.get('to');
        if (!to) this.issue(located, 'An upgrade needs "to": a version alias or { "highest": …, "lowest": … }.');
        const target = this.nodeReference(props.get('node'), located);
        return { pointer, node, index, id, description, action, target, to: to ? this.readTarget(to) : undefined };
      }
      case 'set-registry':
      case 'delete-registry':
        return this.readRegistryStep({ pointer, node, index, id, description }, action, props, located);
      case 'cluster-security':
        return this.readSecurityStep({ pointer, node, index, id, description }, props, located);
      case 'note':
        if (!props.has('text')) this.issue(located, 'A note needs "text".');
        else this.optionalString(props.get('text'));
        return { pointer, node, index, id, description, action };
    }
  }

  private readRegistryStep(
    common: Omit<Step, 'action'>,
    action: 'set-registry' | 'delete-registry',
    props: Map<string, Member>,
    located: Located,
  ): Step {
    const nameMember = props.get('name');
    const name = this.optionalString(nameMember);
    if (!nameMember) this.issue(located, `A ${action} step needs "name": "${NO_VERSION_CHECK}".`);
    // Registry value names are case-insensitive, as in Windows.
    else if (name !== undefined && name.toLowerCase() !== NO_VERSION_CHECK.toLowerCase()) {
      this.issue(this.at(nameMember.value ?? nameMember.keyNode, nameMember.pointer), `clusterplan models only the "${NO_VERSION_CHECK}" value, not "${name}".`);
    }
    const key = this.optionalString(props.get('key'));
    const typeMember = props.get('type');
    let type = this.optionalString(typeMember) ?? 'REG_DWORD';
    if (typeMember && !REGISTRY_TYPES.includes(type.toUpperCase())) {
      this.mistyped(typeMember, `a registry type: ${REGISTRY_TYPES.join(', ')}`);
    }
    type = type.toUpperCase();
    let data: number | string | undefined;
    if (action === 'set-registry') {
      const dataMember = props.get('data');
      if (!dataMember) this.issue(located, 'A set-registry step needs "data" (1 for NoVersionCheck).');
      else if (dataMember.value?.type === 'number' || dataMember.value?.type === 'string') data = dataMember.value.value as number | string;
      else this.mistyped(dataMember, 'a number or a string');
    }
    return {
      pointer: common.pointer,
      node: common.node,
      index: common.index,
      id: common.id,
      description: common.description,
      action,
      target: this.nodeReference(props.get('node'), located),
      key,
      atParametersKey: key === undefined || isParametersKey(key),
      type,
      data,
    };
  }

  private readSecurityStep(common: Omit<Step, 'action'>, props: Map<string, Member>, located: Located): Step {
    const grant = this.optionalString(props.get('grant'));
    const revoke = this.optionalString(props.get('revoke'));
    if (props.has('grant') === props.has('revoke')) {
      this.issue(located, 'A cluster-security step takes exactly one of "grant" or "revoke".');
    }
    const rightsMember = props.get('rights');
    let rights: 'full' | 'read' = 'full';
    if (rightsMember) {
      const value = rightsMember.value?.value;
      if (value === 'full' || value === 'read') rights = value;
      else this.mistyped(rightsMember, '"full" or "read"');
      if (props.has('revoke')) this.issue(this.at(rightsMember.keyNode, rightsMember.pointer), '"rights" applies to a grant; a revoke removes the account whatever its rights.');
    }
    const { pointer, node, index, id, description } = common;
    return { pointer, node, index, id, description, action: 'cluster-security', grant, revoke, rights };
  }

  private nodeReference(member: Member | undefined, step: Located): NodeReference | undefined {
    if (!member) {
      this.issue(step, 'The step needs "node": the name of a declared node.');
      return undefined;
    }
    if (member.value?.type !== 'string') {
      this.mistyped(member, 'a node name');
      return undefined;
    }
    const name = String(member.value.value);
    const reference: NodeReference = {
      pointer: member.pointer,
      node: member.value,
      name,
      declaration: this.declarations.get(nodeKey(name)),
    };
    this.nodeReferences.push(reference);
    return reference;
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────────────

  private members(object: JsonNode, pointer: string): Member[] {
    const members: Member[] = [];
    for (const property of object.children ?? []) {
      const keyNode = property.children?.[0];
      if (!keyNode || keyNode.type !== 'string') continue;
      const key = String(keyNode.value);
      members.push({ key, keyNode, value: property.children?.[1], pointer: pointer + '/' + escapePointerKey(key) });
    }
    return members;
  }

  /** The object's members by key; reports unknown keys (when `allowed` is not empty) and repeated keys. */
  private properties(members: readonly Member[], allowed: ReadonlySet<string>, action?: string): Map<string, Member> {
    const byKey = new Map<string, Member>();
    for (const m of members) {
      if (allowed.size > 0 && !allowed.has(m.key)) {
        this.unknownProperty(m, allowed, action);
        continue;
      }
      if (byKey.has(m.key)) {
        this.issue(this.at(m.keyNode, m.pointer), `"${m.key}" is given twice; the second one is ignored. Remove one.`);
        continue;
      }
      byKey.set(m.key, m);
    }
    return byKey;
  }

  private unknownProperty(m: Member, allowed: ReadonlySet<string>, action?: string): void {
    const suggestion = closest(m.key, allowed);
    const where = action ? `a ${action} step` : 'this object';
    this.issue(
      this.at(m.keyNode, m.pointer),
      `Unknown property "${m.key}" in ${where}` + (suggestion ? `; did you mean "${suggestion}"?` : '.') + ` Allowed: ${[...allowed].join(', ')}.`,
    );
  }

  private optionalString(m: Member | undefined): string | undefined {
    if (!m) return undefined;
    if (m.value?.type === 'string') return String(m.value.value);
    this.mistyped(m, 'a string');
    return undefined;
  }

  private optionalBoolean(m: Member | undefined): boolean | undefined {
    if (!m) return undefined;
    if (m.value?.type === 'boolean') return Boolean(m.value.value);
    this.mistyped(m, 'true or false');
    return undefined;
  }

  private mistyped(m: Member, expected: string): void {
    const node = m.value ?? m.keyNode;
    const actual = m.value ? this.text.slice(m.value.offset, m.value.offset + Math.min(m.value.length, 40)) : 'nothing';
    this.issue(this.at(node, m.pointer), `"${m.key}" must be ${expected}, not ${actual}.`);
  }

  private at(node: JsonNode, pointer: string): Located {
    return { pointer, node };
  }

  private issue(where: Located, message: string): void {
    this.issues.push({ pointer: where.pointer, node: where.node, message });
  }
}

export const TARGET_PROPERTIES = new Set(['highest', 'lowest']);

function unreadableStep(pointer: string, node: JsonNode, index: number): Step {
  return { pointer, node, index, id: undefined, description: undefined, action: undefined };
}

function versionPair(located: Located, highest: number | undefined, lowest: number | undefined, release: Release | undefined): VersionPair {
  return { pointer: located.pointer, node: located.node, highest, lowest, release };
}
