import { Catalog, type Release } from './catalog';
import { NODE_PROPERTIES, RELEASE_PROPERTIES, TOP_LEVEL } from './format';
import { computerNameProblem, netbiosNameProblem, nodeKey } from './nodeNames';
import type { Located, NodeDeclaration, Plan, Step, VersionMatch, VersionPair } from './plan';
import { literalValue, type JsonArray, type JsonValue } from './tree';
import { at, Properties, Reading, type Member } from './reading';
import { readStep } from './readStep';
import { pairFromProperties, readVersion, versionPair } from './readVersions';
import { parseVersionString } from './versions';

/**
 * Turns the JSONC tree into the plan model (docs/format.md), in file order: the top level, the plan's own
 * version aliases, the nodes, then the steps, which resolve node names against the declarations. Schema
 * issues and version problems are recorded where they are, for the `schema`, `invalid-version` and
 * `unknown-version-alias` rules.
 */
export function readPlan(root: JsonValue, text: string): Plan {
  const r = new Reading(text);
  const rootAnchor: Located = { pointer: '', node: root };
  if (root.type !== 'object') {
    r.issue(rootAnchor, 'A plan is a JSON object with "nodes" and "steps".');
    return plan(r, { nodesAnchor: rootAnchor });
  }
  // A key given twice is reported, and the first one counts, as in every object of the plan.
  const byKey = r.properties(root, '', TOP_LEVEL);

  // "$schema" is for other tools, which expect the URI of the schema: a string, as the format's schema says.
  r.optionalString(byKey.get('$schema'));
  const clusterMember = byKey.get('cluster');
  const clusterName = r.optionalString(clusterMember);
  const clusterProblem = clusterName === undefined ? undefined : computerNameProblem(clusterName);
  if (clusterMember?.value && clusterProblem) r.issue(at(clusterMember.value, '/cluster'), `Cluster name ${clusterProblem}.`);
  const versionMatch = readVersionMatch(r, byKey.get('versionMatch'));
  r.catalog = new Catalog(readReleases(r, byKey.get('versions')));

  const nodesMember = byKey.get('nodes');
  const nodesAnchor: Located = nodesMember ? { pointer: '/nodes', node: nodesMember.keyNode } : rootAnchor;
  const nodes = nodesMember ? readNodes(r, nodesMember) : [];
  if (!nodesMember) r.issue(rootAnchor, 'The plan has no "nodes": declare each cluster node with its version.');

  const stepsMember = byKey.get('steps');
  let stepsArray: JsonArray | undefined;
  let steps: Step[] = [];
  if (!stepsMember) {
    r.issue(rootAnchor, 'The plan has no "steps": add "steps": [ … ] with the upgrade procedure.');
  } else if (stepsMember.value?.type !== 'array') {
    r.mistyped(stepsMember, 'an array of steps');
  } else {
    stepsArray = stepsMember.value;
    steps = stepsArray.items.map((item, index) => readStep(r, item, index));
  }
  return plan(r, { nodesAnchor, stepsArray, clusterName, nodes, steps, versionMatch });
}

function plan(r: Reading, read: Partial<Pick<Plan, 'stepsArray' | 'clusterName' | 'nodes' | 'steps' | 'versionMatch'>> & { nodesAnchor: Located }): Plan {
  return {
    clusterName: read.clusterName,
    versionMatch: read.versionMatch ?? 'exact',
    catalog: r.catalog,
    nodesAnchor: read.nodesAnchor,
    stepsArray: read.stepsArray,
    nodes: read.nodes ?? [],
    steps: read.steps ?? [],
    versionValues: r.versionValues,
    schemaIssues: r.issues,
    nodeReferences: r.nodeReferences,
  };
}

function readVersionMatch(r: Reading, member: Member | undefined): VersionMatch {
  if (!member) return 'exact';
  const value = literalValue(member.value);
  if (value === 'exact' || value === 'major') return value;
  r.mistyped(member, '"exact" or "major"');
  return 'exact';
}

/** The plan's own aliases under "versions": numbers only, so that no alias is defined by another. */
function readReleases(r: Reading, member: Member | undefined): Release[] {
  if (!member) return [];
  if (member.value?.type !== 'object') {
    r.mistyped(member, 'an object of version aliases');
    return [];
  }
  const builtIn = new Catalog();
  const releases: Release[] = [];
  const seen = new Set<string>();
  for (const m of r.members(member.value, member.pointer)) {
    if (m.key.length === 0 || parseVersionString(m.key).kind !== 'alias') {
      r.issue(at(m.keyNode, m.pointer), `"${m.key}" cannot be an alias: an alias is a name such as "ws2003-sp1", not a version.`);
      continue;
    }
    if (seen.has(m.key)) {
      r.issue(at(m.keyNode, m.pointer), `"${m.key}" is given twice; the second one is ignored. Remove one.`);
      continue;
    }
    seen.add(m.key);
    if (m.value?.type !== 'object') {
      r.mistyped(m, 'an object with "highest" and optionally "lowest"');
      continue;
    }
    const props = r.properties(m.value, m.pointer, RELEASE_PROPERTIES);
    const highestMember = props.get('highest');
    if (!highestMember) r.issue(at(m.keyNode, m.pointer), `The alias "${m.key}" needs "highest".`);
    const highest = highestMember ? readVersion(r, highestMember, false) : undefined;
    const lowestMember = props.get('lowest');
    const lowest = lowestMember ? readVersion(r, lowestMember, false) : highest;
    // An override of a built-in alias keeps its pre-release flag unless the plan says otherwise.
    const preRelease = r.optionalBoolean(props.get('preRelease')) ?? builtIn.get(m.key)?.preRelease ?? false;
    const note = r.optionalString(props.get('note'));
    if (highest !== undefined && lowest !== undefined) {
      releases.push({ alias: m.key, highest, lowest, preRelease, origin: 'plan', ...(note ? { note } : {}) });
    }
  }
  return releases;
}

function readNodes(r: Reading, member: Member): NodeDeclaration[] {
  if (member.value?.type !== 'object') {
    r.mistyped(member, 'an object of node name → { "version": alias } or { "highest", "lowest" }');
    return [];
  }
  const nodes: NodeDeclaration[] = [];
  for (const m of r.members(member.value, member.pointer)) {
    const nameProblem = netbiosNameProblem(m.key);
    if (nameProblem) r.issue(at(m.keyNode, m.pointer), `Node name ${nameProblem}.`);
    const located = { pointer: m.pointer, node: m.value ?? m.keyNode };
    let props = new Properties(undefined, m.pointer, NODE_PROPERTIES);
    let pair: VersionPair = versionPair(located, undefined, undefined, undefined);
    if (m.value?.type === 'object') {
      props = r.properties(m.value, m.pointer, NODE_PROPERTIES);
      pair = pairFromProperties(r, props, located, 'node');
    } else {
      r.mistyped(m, 'an object such as { "version": "ws2003-rtm" }');
    }
    const state = props.get('state');
    let running = true;
    if (state) {
      if (literalValue(state.value) === 'stopped') running = false;
      else if (literalValue(state.value) !== 'running') r.mistyped(state, '"running" or "stopped"');
    }
    const key = nodeKey(m.key);
    const earlier = r.declarations.get(key);
    const declaration: NodeDeclaration = {
      ...pair,
      pointer: m.pointer,
      name: m.key,
      keyNode: m.keyNode,
      running,
      noVersionCheck: r.optionalBoolean(props.get('noVersionCheck')) ?? false,
      description: r.optionalString(props.get('description')),
      duplicateOf: earlier,
    };
    if (!earlier) r.declarations.set(key, declaration);
    nodes.push(declaration);
  }
  return nodes;
}
