/**
 * The words of the `.clusterplan` format (docs/format.md): the actions and the properties each object may
 * have. The reader (readPlan.ts, readStep.ts) accepts exactly these; completion offers them.
 */

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
  'drain',
  'resume',
  'evict',
  'add',
  'update-functional-level',
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * The actions of Cluster OS Rolling Upgrade (docs/simulation.md, "The functional level"): only a
 * functional-level plan may use them, since the clusters of KB 811272 have no such operations.
 */
export const FUNCTIONAL_LEVEL_ACTIONS: ReadonlySet<Action> = new Set<Action>(['drain', 'resume', 'evict', 'add', 'update-functional-level']);

export const TOP_LEVEL = new Set(['$schema', 'cluster', 'versionMatch', 'functionalLevel', 'versions', 'nodes', 'steps']);
/** A plan's own alias under "versions". */
export const RELEASE_PROPERTIES = new Set(['highest', 'lowest', 'preRelease', 'note']);
export const NODE_PROPERTIES = new Set(['version', 'highest', 'lowest', 'state', 'noVersionCheck', 'paused', 'description']);
/** What a plan that is not a functional-level plan is offered: it may not use `functionalLevel` or `paused`. */
export const CLASSIC_TOP_LEVEL: ReadonlySet<string> = new Set([...TOP_LEVEL].filter((k) => k !== 'functionalLevel'));
export const CLASSIC_NODE_PROPERTIES: ReadonlySet<string> = new Set([...NODE_PROPERTIES].filter((k) => k !== 'paused'));
/** An upgrade's `to` when it is not an alias. */
export const TARGET_PROPERTIES = new Set(['highest', 'lowest']);
export const COMMON_STEP_PROPERTIES = ['action', 'id', 'description'];

/** What each action takes besides the common properties, in the order they are best written. */
export const STEP_PROPERTIES: Readonly<Record<Action, readonly string[]>> = {
  stop: ['node'],
  start: ['node', 'sponsor'],
  join: ['node', 'sponsor'],
  restart: ['node', 'sponsor'],
  upgrade: ['node', 'to'],
  'set-registry': ['node', 'name', 'type', 'data', 'key'],
  'delete-registry': ['node', 'name', 'key'],
  'cluster-security': ['grant', 'revoke', 'rights'],
  note: ['text'],
  drain: ['node'],
  resume: ['node'],
  evict: ['node'],
  add: ['node'],
  'update-functional-level': [],
};

/** Per action, every property a step may have. */
export const ALLOWED_STEP_PROPERTIES = Object.fromEntries(
  ACTIONS.map((action) => [action, new Set([...COMMON_STEP_PROPERTIES, ...STEP_PROPERTIES[action]])]),
) as unknown as Readonly<Record<Action, ReadonlySet<string>>>;

export function isAction(value: unknown): value is Action {
  return (ACTIONS as readonly unknown[]).includes(value);
}
