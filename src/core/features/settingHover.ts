import { formatLevel, MIXED_OS_FROM } from '../functionalLevel';
import type { Plan } from '../plan';
import { keySpan, literalValue, memberValue, within, type JsonMember, type JsonValue, type Span } from '../tree';
import { escapeMarkdown as esc } from './markdown';

/**
 * The hovers on what a functional-level plan declares besides versions: the top-level "functionalLevel"
 * and a node's "paused", on the key or on the value.
 */

export interface SettingHover {
  readonly markdown: string;
  readonly span: Span;
}

const LEVEL_EXPLAINED =
  'The cluster functional level when the plan starts, as Get-Cluster shows it in ClusterFunctionalLevel; without it, the lowest level of the declared nodes. ' +
  `A node joins only if it runs this level or, from ${formatLevel(MIXED_OS_FROM)} on, the next one (mixed-OS mode). ` +
  'Update-ClusterFunctionalLevel raises it by one once every node runs the next release. Raising it is permanent: it cannot be undone, and nodes of the older release can no longer join.';

const PAUSED_EXPLAINED =
  'A paused node has been drained: its roles moved to the other nodes (Suspend-ClusterNode -Drain). ' +
  'It stays paused through stop, restart and upgrade, until a resume step (Resume-ClusterNode). Update-ClusterFunctionalLevel fails while a node is paused.';

export function settingHover(plan: Plan, root: JsonValue | undefined, offset: number): SettingHover | undefined {
  const level = plan.functionalLevel && root?.type === 'object' ? root.members.find((m) => m.key === 'functionalLevel' && within(m, offset)) : undefined;
  if (level && plan.functionalLevel) {
    const span = part(level, offset);
    if (!span) return undefined;
    const alias = literalValue(plan.functionalLevel.node);
    const heading =
      plan.functionalLevel.level === undefined
        ? 'not a functional level'
        : formatLevel(plan.functionalLevel.level) + (typeof alias === 'string' ? `, the level of ${esc(alias)}` : '');
    return { markdown: `**functionalLevel**: ${heading}\n\n${LEVEL_EXPLAINED}`, span };
  }
  const nodes = memberValue(root, 'nodes');
  const declaration = nodes?.type === 'object' ? nodes.members.find((m) => within(m, offset)) : undefined;
  const paused = declaration?.value?.type === 'object' ? declaration.value.members.find((m) => m.key === 'paused' && within(m, offset)) : undefined;
  const span = paused && part(paused, offset);
  if (declaration && paused && span) {
    const name = esc(declaration.key);
    const state = literalValue(paused.value) === true ? `${name} is drained at the start of the plan` : `${name} is not drained at the start of the plan`;
    return { markdown: `**paused**: ${state}\n\n${PAUSED_EXPLAINED}`, span };
  }
  return undefined;
}

/** The member's key or value under `offset`; the colon between them is neither. */
function part(member: JsonMember, offset: number): Span | undefined {
  if (within(keySpan(member), offset)) return keySpan(member);
  return member.value && within(member.value, offset) ? member.value : undefined;
}
