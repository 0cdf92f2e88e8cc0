import { stepLabel } from '../describe';
import { cmdletNamed } from '../failoverClusters';
import type { RegistryStep, Step } from '../plan';
import { keySpan, literalValue, memberValue, within, type JsonValue, type Span } from '../tree';
import { formatLevel } from '../functionalLevel';
import type { ClusterState, NodeState, StepResult } from '../simulate';
import { formatVersion } from '../versions';
import { versionOrWhy } from './inlayHints';
import { escapeMarkdown as esc } from './markdown';
import { outcomeOf } from './stepOutcome';

/** The hover on a step: what it does, what happens to its node, and the cluster state before → after. */

/** The step whose text holds `offset`; steps are in file order. */
export function stepAt(steps: readonly Step[], offset: number): Step | undefined {
  let low = 0;
  let high = steps.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const node = steps[mid]!.node;
    if (offset < node.offset) high = mid - 1;
    else if (offset >= node.offset + node.length) low = mid + 1;
    else return steps[mid];
  }
  return undefined;
}

/** The step itself (braces, commas, spaces) or its "action" key or value; other members have hovers of their own. */
export function stepSubject(step: Step, offset: number): Span | undefined {
  if (step.node.type !== 'object') return step.node;
  const member = step.node.members.find((m) => within(m, offset));
  if (!member) return step.node;
  if (member.key !== 'action') return undefined;
  if (within(keySpan(member), offset)) return keySpan(member);
  // The value itself, not something inside it; the colon between key and value is neither.
  return member.value && within(member.value, offset) && !hasPartAt(member.value, offset) ? member.value : undefined;
}

/** Whether a member or an item of `value` lies at `offset`. */
function hasPartAt(value: JsonValue, offset: number): boolean {
  if (value.type === 'object') return value.members.some((m) => within(m, offset));
  return value.type === 'array' && value.items.some((item) => within(item, offset));
}

/** `levels`: the plan is a functional-level plan, whose state has a functional level, paused and evicted nodes. */
export function stepMarkdown(result: StepResult, levels: boolean): string {
  const { step, before, after } = result;
  const label = stepLabel(step);
  const lines = [`**${esc(label.charAt(0).toUpperCase() + label.slice(1))}**: ${describeStep(step)}`];
  if (step.description?.trim()) lines.push('', `> ${esc(step.description.trim())}`);
  const outcome = outcomeOf(result, levels);
  if (outcome) lines.push('', outcome);
  lines.push(
    '',
    `- ClusterHighestVersion: ${change(versionOrWhy(before.clusterHighestVersion, before), versionOrWhy(after.clusterHighestVersion, after))}`,
    `- ClusterLowestVersion: ${change(versionOrWhy(before.clusterLowestVersion, before), versionOrWhy(after.clusterLowestVersion, after))}`,
    `- active nodes: ${change(activeNodes(before), activeNodes(after))}`,
    `- mixed: ${change(before.mixed ? 'yes' : 'no', after.mixed ? 'yes' : 'no')}`,
  );
  if (levels) {
    lines.push(`- functional level: ${change(formatLevel(before.functionalLevel), formatLevel(after.functionalLevel))}`);
    // Drained and evicted nodes matter only while there are some: most steps have none.
    const paused = [nodesWhere(before, (n) => n.paused), nodesWhere(after, (n) => n.paused)] as const;
    if (paused[0] !== 'none' || paused[1] !== 'none') lines.push(`- paused nodes: ${change(...paused)}`);
    const evicted = [nodesWhere(before, (n) => !n.member), nodesWhere(after, (n) => !n.member)] as const;
    if (evicted[0] !== 'none' || evicted[1] !== 'none') lines.push(`- evicted nodes: ${change(...evicted)}`);
  }
  return lines.join('\n');
}

function change(before: string, after: string): string {
  return before === after ? `${after}, unchanged` : `${before} → ${after}`;
}

function activeNodes(state: ClusterState): string {
  return nodesWhere(state, (n) => n.running);
}

function nodesWhere(state: ClusterState, test: (node: NodeState) => boolean): string {
  const names = state.nodes.filter(test).map((n) => esc(n.name));
  return names.length > 0 ? names.join(', ') : 'none';
}

/** What the step says, with every name from the document escaped. */
function describeStep(step: Step): string {
  const target = 'target' in step && step.target ? esc(step.target.name) : 'an unnamed node';
  switch (step.action) {
    case 'stop':
    case 'start':
    case 'join':
    case 'restart':
      return `${step.action} ${target}` + (step.sponsor ? ` with sponsor ${esc(step.sponsor.name)}` : '');
    case 'upgrade': {
      const to = step.to;
      const version = to?.release && 'type' in to.node && to.node.type === 'string' ? esc(to.release.alias) : to ? `highest ${formatVersion(to.highest)}, lowest ${formatVersion(to.lowest)}` : 'an unknown version';
      return `upgrade ${target} to ${version}`;
    }
    case 'set-registry':
      return (
        `set NoVersionCheck on ${registryComputer(step, target)}: ${esc(step.type)} ${esc(String(step.data ?? 'without data'))}` +
        (step.key !== undefined ? ` under ${esc(step.key)}` : '')
      );
    case 'delete-registry':
      return `delete NoVersionCheck on ${registryComputer(step, target)}` + (step.key !== undefined ? ` under ${esc(step.key)}` : '');
    case 'cluster-security':
      if (step.grant !== undefined) return `grant ${esc(step.grant)} ${step.rights} access to the cluster`;
      return step.revoke !== undefined ? `revoke ${esc(step.revoke)} from the cluster security descriptor` : 'change the cluster security descriptor';
    case 'note': {
      const text = literalValue(memberValue(step.node, 'text'));
      return typeof text === 'string' ? `note: ${esc(text)}` : 'note';
    }
    case 'drain':
      return `drain ${target}: move its roles to the other nodes and pause it (${cmdletNamed('drain')})`;
    case 'resume':
      return `resume ${target}: end its pause, and its roles come back (${cmdletNamed('resume')})`;
    case 'evict':
      return `evict ${target}: remove it from the cluster (${cmdletNamed('evict')})`;
    case 'add':
      return `add ${target} to the cluster (${cmdletNamed('add')})`;
    case 'update-functional-level':
      return `raise the cluster functional level by one (${cmdletNamed('update-functional-level')}), for good`;
    case undefined:
      return 'a step clusterplan cannot read; the simulation skips it';
  }
}

/** Whose registry a registry step writes: the computer its key's `\\NAME\` prefix names, else its node. */
function registryComputer(step: RegistryStep, node: string): string {
  const computer = step.computer;
  if (!computer) return node;
  return computer.declaration ? esc(computer.declaration.name) : `the computer ${esc(computer.name)}`;
}
