import { Catalog, type Release } from './catalog';
import { CLASSIC_NODE_PROPERTIES, CLASSIC_TOP_LEVEL, NODE_PROPERTIES, RELEASE_PROPERTIES, TOP_LEVEL } from './format';
import { computerNameProblem, netbiosNameProblem, nodeKey } from './nodeNames';
import type { FunctionalLevelSetting, Located, NodeDeclaration, Plan, Step, VersionMatch, VersionPair } from './plan';
import { literalValue, type JsonArray, type JsonValue } from './tree';
import { at, Properties, Reading, type Member } from './reading';
import { readStep } from './readStep';
import { pairFromProperties, readVersion, versionPair } from './readVersions';
import { FIRST_FUNCTIONAL_LEVEL, hasFunctionalLevel, isFunctionalLevel, LAST_FUNCTIONAL_LEVEL, levelOf, releaseOfLevel } from './functionalLevel';
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
  // A key given twice is reported, and the first one counts, as in every object of the plan. An unknown key
  // waits for the plan kind, which the nodes decide: "did you mean" offers only what the plan may use.
  const unknownTop: Member[] = [];
  const byKey = r.properties(root, '', TOP_LEVEL, undefined, unknownTop);

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
  const paused: Member[] = [];
  const unknownNode: Member[] = [];
  const nodes = nodesMember ? readNodes(r, nodesMember, paused, unknownNode) : [];
  if (!nodesMember) r.issue(rootAnchor, 'The plan has no "nodes": declare each cluster node with its version.');
  r.functionalLevelPlan = isFunctionalLevelPlan(nodes);
  for (const m of unknownTop) r.unknownProperty(m, r.functionalLevelPlan ? TOP_LEVEL : CLASSIC_TOP_LEVEL);
  for (const m of unknownNode) r.unknownProperty(m, r.functionalLevelPlan ? NODE_PROPERTIES : CLASSIC_NODE_PROPERTIES);
  if (!r.functionalLevelPlan) for (const m of paused) r.issue(at(m.keyNode, m.pointer), `"paused" is for nodes of Windows Server 2008 and later, which can be drained; every node in "nodes" runs an older release. Remove it.`);
  const functionalLevel = readFunctionalLevel(r, byKey.get('functionalLevel'));

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
  return plan(r, { nodesAnchor, stepsArray, clusterName, nodes, steps, versionMatch, functionalLevel });
}

function plan(r: Reading, read: Partial<Pick<Plan, 'stepsArray' | 'clusterName' | 'nodes' | 'steps' | 'versionMatch' | 'functionalLevel'>> & { nodesAnchor: Located }): Plan {
  return {
    clusterName: read.clusterName,
    versionMatch: read.versionMatch ?? 'exact',
    functionalLevelPlan: r.functionalLevelPlan,
    functionalLevel: read.functionalLevel,
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

/**
 * The declarations; each `"paused"` member goes to `paused`, which only a functional-level plan may have, and
 * each unknown property to `unknown`, whose suggestions depend on the plan kind.
 */
function readNodes(r: Reading, member: Member, paused: Member[], unknown: Member[]): NodeDeclaration[] {
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
      props = r.properties(m.value, m.pointer, NODE_PROPERTIES, undefined, unknown);
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
    const pausedMember = props.get('paused');
    if (pausedMember) paused.push(pausedMember);
    const key = nodeKey(m.key);
    const earlier = r.declarations.get(key);
    const declaration: NodeDeclaration = {
      ...pair,
      pointer: m.pointer,
      name: m.key,
      keyNode: m.keyNode,
      running,
      noVersionCheck: r.optionalBoolean(props.get('noVersionCheck')) ?? false,
      paused: r.optionalBoolean(props.get('paused')) ?? false,
      description: r.optionalString(props.get('description')),
      duplicateOf: earlier,
    };
    if (!earlier) r.declarations.set(key, declaration);
    nodes.push(declaration);
  }
  return nodes;
}

/** Any declared node of Windows Server 2008 or later makes the plan a functional-level plan; targets do not count. */
function isFunctionalLevelPlan(nodes: readonly NodeDeclaration[]): boolean {
  return nodes.some((n) => !n.duplicateOf && hasFunctionalLevel(n.highest));
}


/**
 * `"functionalLevel"`: an integer 5–12, or an alias of such a release. Anything else is `invalid-version`,
 * since a level is a version's major (docs/format.md, "functionalLevel").
 */
function readFunctionalLevel(r: Reading, member: Member | undefined): FunctionalLevelSetting | undefined {
  if (!member?.value) return undefined;
  const node = member.value;
  const value = literalValue(node);
  let level: number | undefined;
  let reason: string;
  if (typeof value === 'number') {
    // Written as digits only: `9.0` or `9e0` is no way to write a level, as `4.0` is no way to write a version.
    if (/^\d+$/.test(r.source(node)) && isFunctionalLevel(value)) level = value;
    reason = `${r.source(node)} is not a cluster functional level`;
  } else if (typeof value === 'string') {
    ({ level, reason } = levelOfString(r, value));
  } else {
    reason = `${r.source(node).slice(0, 40)} is not a cluster functional level`;
  }
  if (level === undefined) {
    r.versionValues.push({
      pointer: member.pointer,
      node,
      version: undefined,
      problem: { code: 'invalid-version', reason: `${reason}: write a level from ${FIRST_FUNCTIONAL_LEVEL} (Windows Server 2008) to ${LAST_FUNCTIONAL_LEVEL} (Windows Server 2025), or an alias such as "ws2016"` },
    });
  } else if (!r.functionalLevelPlan) {
    r.issue(at(member.keyNode, member.pointer), '"functionalLevel" is for clusters of Windows Server 2008 and later; every node in "nodes" runs an older release. Remove it.');
  }
  return { pointer: member.pointer, node, level };
}

/** `"functionalLevel"` written as a string: an alias of a release of 2008 or later, or why it is not one. */
function levelOfString(r: Reading, value: string): { level: number | undefined; reason: string } {
  const parsed = parseVersionString(value);
  if (parsed.kind === 'version') {
    const major = levelOf(parsed.version);
    return { level: undefined, reason: `"${value}" is a version; a level is a version's major alone, as a number` + (isFunctionalLevel(major) ? ` (${major})` : '') };
  }
  if (/^\d+$/.test(value)) {
    // A level in quotes is a level, not a misspelt alias: the closest alias ("ws2019" for "9") would mislead.
    return { level: undefined, reason: isFunctionalLevel(Number(value)) ? `"${value}" is a string; a level is a number, without quotes` : `"${value}" is not a cluster functional level` };
  }
  const release = parsed.kind === 'alias' ? r.catalog.get(value) : undefined;
  if (release) {
    const major = levelOf(release.highest);
    return isFunctionalLevel(major) ? { level: major, reason: '' } : { level: undefined, reason: `"${value}" runs ${releaseOfLevel(major)}, which has no functional level` };
  }
  // Only an alias that names a level is worth suggesting.
  const closest = r.catalog.suggestions.closest(value);
  const suggestion = closest !== undefined && isFunctionalLevel(levelOf(r.catalog.get(closest)!.highest)) ? closest : undefined;
  return { level: undefined, reason: `"${value}" is not a level or an alias of the catalog or the plan's "versions"` + (suggestion ? ` (did you mean "${suggestion}"?)` : '') };
}
