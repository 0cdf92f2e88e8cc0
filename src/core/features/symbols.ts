import type { Analysis } from '../analyze';
import type { NodeDeclaration, Plan, Step } from '../plan';
import { literalValue, memberValue, type JsonMember, type JsonObject, type JsonValue } from '../tree';
import { formatMajorMinor } from '../versions';

/**
 * The outline of a plan: its version aliases, its nodes and its numbered steps. Ranges are offsets into
 * the analysed text; `selection*` is the part the editor highlights (a name, a step's action) and lies
 * inside the full range.
 */

export type PlanSymbolKind = 'versions' | 'alias' | 'nodes' | 'node' | 'steps' | 'step';

export interface PlanSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: PlanSymbolKind;
  readonly offset: number;
  readonly length: number;
  readonly selectionOffset: number;
  readonly selectionLength: number;
  readonly children: readonly PlanSymbol[];
}

export function planSymbols(analysis: Analysis): PlanSymbol[] {
  const plan = analysis.plan;
  const root = analysis.document.root;
  if (!plan || root?.type !== 'object') return [];
  const symbols: PlanSymbol[] = [];
  for (const member of root.members) {
    const value = member.value;
    if (!value) continue;
    if (member.key === 'versions' && value.type === 'object') symbols.push(container('versions', member, aliasSymbols(value)));
    else if (member.key === 'nodes' && value.type === 'object') symbols.push(container('nodes', member, nodeSymbols(plan, value)));
    else if (member.key === 'steps' && value === plan.stepsArray) symbols.push(container('steps', member, plan.steps.map(stepSymbol)));
  }
  return symbols;
}

/** `5 join NODE2`: the 1-based number administrators count steps by, the action and the node it acts on. */
export function stepSymbolName(step: Step): string {
  const parts = [String(step.index + 1), step.action ?? unreadableAction(step)];
  switch (step.action) {
    case 'stop':
    case 'start':
    case 'join':
    case 'restart':
    case 'upgrade':
    case 'set-registry':
    case 'delete-registry':
    case 'drain':
    case 'resume':
    case 'evict':
    case 'add':
      if (step.target) parts.push(step.target.name);
      break;
    case 'cluster-security':
      if (step.grant !== undefined) parts.push('grant', step.grant);
      else if (step.revoke !== undefined) parts.push('revoke', step.revoke);
      break;
    default:
      break;
  }
  return parts.join(' ');
}

function stepDetail(step: Step): string {
  const details: string[] = [];
  switch (step.action) {
    case 'start':
    case 'join':
    case 'restart':
      if (step.sponsor) details.push(`sponsor ${step.sponsor.name}`);
      break;
    case 'upgrade':
      if (step.to) details.push(step.to.release ? `to ${step.to.release.alias}` : step.to.highest !== undefined ? `to ${formatMajorMinor(step.to.highest)}` : 'to ?');
      break;
    case 'set-registry':
      details.push(`NoVersionCheck ${step.type} ${step.data ?? '?'}`);
      break;
    case 'delete-registry':
      details.push('NoVersionCheck');
      break;
    case 'cluster-security':
      if (step.grant !== undefined) details.push(step.rights);
      break;
    case 'note': {
      const text = noteText(step.node);
      if (text) details.push(text);
      break;
    }
    default:
      break;
  }
  if (step.id) details.push(`"${step.id}"`);
  if (step.description) details.push(step.description);
  return details.join(' · ');
}

function stepSymbol(step: Step): PlanSymbol {
  const action = memberValue(step.node, 'action');
  const selection = action ?? step.node;
  return {
    name: stepSymbolName(step),
    detail: stepDetail(step),
    kind: 'step',
    offset: step.node.offset,
    length: step.node.length,
    selectionOffset: selection.offset,
    selectionLength: selection.length,
    children: [],
  };
}

function nodeSymbols(plan: Plan, nodesObject: JsonObject): PlanSymbol[] {
  const byKey = new Map<number, NodeDeclaration>();
  for (const n of plan.nodes) byKey.set(n.keyNode.offset, n);
  return memberSymbols(nodesObject, 'node', (member) => {
    const declaration = byKey.get(member.offset);
    return declaration ? nodeDetail(declaration) : '';
  });
}

function nodeDetail(n: NodeDeclaration): string {
  const version = n.release ? n.release.alias : n.highest !== undefined ? formatMajorMinor(n.highest) : '';
  return [version, n.running ? '' : 'stopped', n.paused ? 'paused' : '', n.noVersionCheck ? 'NoVersionCheck' : ''].filter((s) => s).join(' · ');
}

function aliasSymbols(versionsObject: JsonObject): PlanSymbol[] {
  return memberSymbols(versionsObject, 'alias', (member) => {
    const highest = literalValue(memberValue(member.value, 'highest'));
    return highest !== undefined ? String(highest) : '';
  });
}

/** One symbol per member of an object ("nodes" or "versions"), named by its key. */
function memberSymbols(object: JsonObject, kind: 'node' | 'alias', detailOf: (member: JsonMember) => string): PlanSymbol[] {
  return object.members.map((member) => ({
    name: member.key,
    detail: detailOf(member),
    kind,
    offset: member.offset,
    length: member.length,
    selectionOffset: member.offset,
    selectionLength: member.keyLength,
    children: [],
  }));
}

function container(kind: 'versions' | 'nodes' | 'steps', member: JsonMember, children: PlanSymbol[]): PlanSymbol {
  return {
    name: kind,
    detail: String(children.length),
    kind,
    offset: member.offset,
    length: member.length,
    selectionOffset: member.offset,
    selectionLength: member.keyLength,
    children,
  };
}

function noteText(stepNode: JsonValue): string | undefined {
  const text = literalValue(memberValue(stepNode, 'text'));
  return typeof text === 'string' ? text : undefined;
}

/** A step whose action is missing or unknown still gets a name: what was written, or "step". */
function unreadableAction(step: Step): string {
  const written = literalValue(memberValue(step.node, 'action'));
  return typeof written === 'string' && written.length > 0 ? written : 'step';
}
