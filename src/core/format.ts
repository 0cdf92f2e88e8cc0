/**
 * The words of the `.clusterplan` format (docs/format.md): the actions and the properties each object may
 * have. The reader (readPlan.ts, readStep.ts) accepts exactly these; completion offers them.
 */

export const ACTIONS = ['stop', 'start', 'join', 'restart', 'upgrade', 'set-registry', 'delete-registry', 'cluster-security', 'note'] as const;
export type Action = (typeof ACTIONS)[number];

export const TOP_LEVEL = new Set(['$schema', 'cluster', 'versionMatch', 'versions', 'nodes', 'steps']);
/** A plan's own alias under "versions". */
export const RELEASE_PROPERTIES = new Set(['highest', 'lowest', 'preRelease', 'note']);
export const NODE_PROPERTIES = new Set(['version', 'highest', 'lowest', 'state', 'noVersionCheck', 'description']);
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
};

/** Per action, every property a step may have. */
export const ALLOWED_STEP_PROPERTIES = Object.fromEntries(
  ACTIONS.map((action) => [action, new Set([...COMMON_STEP_PROPERTIES, ...STEP_PROPERTIES[action]])]),
) as unknown as Readonly<Record<Action, ReadonlySet<string>>>;

export function isAction(value: unknown): value is Action {
  return (ACTIONS as readonly unknown[]).includes(value);
}
