import type { JSONPath } from 'jsonc-parser';
import type { Analysis } from '../analyze';
import type { Release } from '../catalog';
import { cmdletNamed } from '../failoverClusters';
import { ACTIONS, FUNCTIONAL_LEVEL_ACTIONS, type Action } from '../format';
import { FIRST_FUNCTIONAL_LEVEL, formatLevel, hasFunctionalLevel, isFunctionalLevel, LAST_FUNCTIONAL_LEVEL, levelOf } from '../functionalLevel';
import { nodeKey } from '../nodeNames';
import { NO_VERSION_CHECK, PARAMETERS_KEY, REGISTRY_TYPES } from '../registry';
import { literalValue, valueAtPath } from '../tree';
import { formatVersion } from '../versions';
import type { CompletionKind } from './completion';

/** The values completion offers for a property, from the plan as far as it can be read. */

export interface ValueChoice {
  readonly value: string | number | boolean;
  readonly kind: CompletionKind;
  readonly detail?: string;
  readonly documentation?: string;
  readonly preselect?: boolean;
}

const ACTION_DETAILS: Record<Action, string> = {
  stop: 'Stop the Cluster service on a node',
  start: 'Start the service: the node joins, or forms the cluster',
  join: 'Start the service, asserting that there is a cluster to join',
  restart: 'Stop, then start the service (re-reads NoVersionCheck)',
  upgrade: 'Install a new Windows version on a node',
  'set-registry': 'Set NoVersionCheck in the node\'s registry',
  'delete-registry': 'Delete NoVersionCheck from the node\'s registry',
  'cluster-security': 'Grant or revoke an account on the cluster security descriptor',
  note: 'A remark with no effect',
  drain: `Move a node's roles away and pause it (${cmdletNamed('drain')})`,
  resume: `Resume a paused node (${cmdletNamed('resume')})`,
  evict: `Remove a node from the cluster (${cmdletNamed('evict')})`,
  add: `Add a node to the cluster (${cmdletNamed('add')})`,
  'update-functional-level': `Raise the functional level by one (${cmdletNamed('update-functional-level')}): permanent`,
};

/** A plan of the KB 811272 releases has no drain, evict or functional level: only the actions it may use. */
const CLASSIC_ACTIONS: readonly Action[] = ACTIONS.filter((a) => !FUNCTIONAL_LEVEL_ACTIONS.has(a));

export function valueChoices(analysis: Analysis, path: JSONPath): ValueChoice[] | undefined {
  const [first, second, third, fourth] = path;
  if (path.length === 1 && first === 'versionMatch') {
    return [
      { value: 'exact', kind: 'value', detail: 'Versions are equal when the whole DWORD is (default)', preselect: true },
      { value: 'major', kind: 'value', detail: 'Versions are equal when their majors are' },
    ];
  }
  if (path.length === 1 && first === 'functionalLevel') return functionalLevelChoices(analysis);
  if (first === 'nodes' && path.length === 3) {
    if (third === 'version') return aliasChoices(analysis);
    if (third === 'state') return [{ value: 'running', kind: 'value', detail: 'The service runs (default)', preselect: true }, { value: 'stopped', kind: 'value', detail: 'The service is stopped' }];
    if (third === 'noVersionCheck' || third === 'paused') return booleans();
    return undefined;
  }
  if (first === 'versions' && path.length === 3 && third === 'preRelease') return booleans();
  if (first !== 'steps' || typeof second !== 'number') return undefined;
  if (path.length === 4 && third === 'to' && fourth !== undefined) return undefined;
  if (path.length !== 3) return undefined;
  switch (third) {
    case 'action':
      return (analysis.plan?.functionalLevelPlan ? ACTIONS : CLASSIC_ACTIONS).map((a) => ({ value: a, kind: 'action', detail: ACTION_DETAILS[a] }));
    case 'node':
    case 'sponsor':
      return nodeChoices(analysis, second, third);
    case 'to':
      return upgradeChoices(analysis, second);
    case 'name':
      return [{ value: NO_VERSION_CHECK, kind: 'value', detail: 'DWORD 1 switches the Cluster service\'s version check off', preselect: true }];
    case 'type':
      return REGISTRY_TYPES.map((t, i) => ({
        value: t,
        kind: 'value',
        detail: i === 0 ? 'NoVersionCheck is a REG_DWORD' : 'NoVersionCheck is read only as a REG_DWORD',
        ...(i === 0 ? { preselect: true } : {}),
      }));
    case 'data':
      return [{ value: 1, kind: 'value', detail: 'NoVersionCheck = 1 switches the version check off', preselect: true }];
    case 'key':
      return [{ value: PARAMETERS_KEY, kind: 'value', detail: 'Where the Cluster service reads NoVersionCheck (the default)' }];
    case 'rights':
      return [
        { value: 'full', kind: 'value', detail: 'Full control (default)', preselect: true },
        { value: 'read', kind: 'value', detail: 'Read only' },
      ];
    case 'grant':
      return [{ value: 'NETWORKSERVICE', kind: 'value', detail: 'MSDTC runs as Network Service (KB 811272)' }];
    case 'revoke':
      return [{ value: 'SERVICE', kind: 'value', detail: 'Too broad: every account allowed to run as a service (KB 811272)' }];
    default:
      return undefined;
  }
}

function booleans(): ValueChoice[] {
  return [
    { value: true, kind: 'value' },
    { value: false, kind: 'value' },
  ];
}

/** Every declared node once (the first spelling of a duplicate); for a sponsor, the step's own node last. */
function nodeChoices(analysis: Analysis, stepIndex: number, role: 'node' | 'sponsor'): ValueChoice[] {
  const nodes = (analysis.plan?.nodes ?? []).filter((n) => !n.duplicateOf);
  const own = role === 'sponsor' ? literalValue(valueAtPath(analysis.document.root, ['steps', stepIndex, 'node'])) : undefined;
  const isOwn = (name: string) => typeof own === 'string' && nodeKey(own) === nodeKey(name);
  return [...nodes.filter((n) => !isOwn(n.name)), ...nodes.filter((n) => isOwn(n.name))].map((n) => ({
    value: n.name,
    kind: 'node',
    detail: n.release ? n.release.alias : n.highest !== undefined ? `highest ${formatVersion(n.highest)}` : 'declared node',
    documentation: `highest ${formatVersion(n.highest)}, lowest ${formatVersion(n.lowest)}` + (n.running ? '' : '; stopped at the start'),
  }));
}

/** The catalog's aliases, in its order: the built-in releases and the plan's own `versions`. */
function aliasChoices(analysis: Analysis): ValueChoice[] {
  return releases(analysis).map(releaseChoice);
}

/**
 * An upgrade's target: the aliases newest first (by highest, then lowest version), leaving out those older
 * than the node's version at that step in the simulation, so that an earlier upgrade in the plan counts.
 * Every alias while the step's node is not a declared node. A plan of the KB 811272 releases is offered
 * only theirs: going on to Windows Server 2008 is a migration to a new cluster (docs/format.md). In a
 * functional-level plan, the release of the next level, FL + 1, is preselected: it is the one step a
 * rolling upgrade may take.
 */
function upgradeChoices(analysis: Analysis, stepIndex: number): ValueChoice[] {
  const result = analysis.timeline?.steps[stepIndex];
  const current = result?.target?.highest;
  const levels = analysis.plan?.functionalLevelPlan ?? false;
  const targets = releases(analysis)
    .filter((r) => (current === undefined || r.highest >= current) && (levels || !hasFunctionalLevel(r.highest)))
    .sort((a, b) => b.highest - a.highest || b.lowest - a.lowest);
  const FL = result?.before.functionalLevel;
  const next = FL === undefined ? undefined : targets.find((r) => levelOf(r.highest) === FL + 1);
  return targets.map((r) => (r === next ? { ...releaseChoice(r), preselect: true } : releaseChoice(r)));
}

/**
 * `functionalLevel`: the levels 5–12 with the release each stands for, then the aliases of those releases.
 * The level the plan starts at without the property, the lowest of the declared nodes, is preselected.
 */
function functionalLevelChoices(analysis: Analysis): ValueChoice[] {
  const lowest = analysis.timeline && analysis.plan?.functionalLevel === undefined ? analysis.timeline.initial.functionalLevel : undefined;
  const levels: ValueChoice[] = [];
  for (let level = FIRST_FUNCTIONAL_LEVEL; level <= LAST_FUNCTIONAL_LEVEL; level++) {
    levels.push({
      value: level,
      kind: 'value',
      detail: formatLevel(level),
      ...(level === lowest ? { documentation: 'The default: the lowest level of the declared nodes', preselect: true } : {}),
    });
  }
  const aliases = releases(analysis).filter((r) => isFunctionalLevel(levelOf(r.highest)));
  return [...levels, ...aliases.map((r) => ({ ...releaseChoice(r), detail: formatLevel(levelOf(r.highest)) }))];
}

function releases(analysis: Analysis): Release[] {
  const catalog = analysis.plan?.catalog;
  return catalog ? catalog.aliases().map((alias) => catalog.get(alias)!) : [];
}

function releaseChoice(r: Release): ValueChoice {
  const notes = [r.note, r.preRelease ? 'pre-release: needs NoVersionCheck to upgrade to the release version' : undefined, r.origin === 'plan' ? 'defined in this plan' : undefined];
  return {
    value: r.alias,
    kind: 'version',
    detail: `highest ${formatVersion(r.highest)}, lowest ${formatVersion(r.lowest)}`,
    documentation: notes.filter((n) => n).join('; '),
  };
}
