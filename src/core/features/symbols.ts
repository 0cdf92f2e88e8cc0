import type { Analysis } from '../analyze';
import type { NodeDeclaration, Plan, Step } from '../plan';
import type { JsonNode } from '../planDocument';
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
  for (const property of root.children ?? []) {
    const key = property.children?.[0];
    const value = property.children?.[1];
    if (!key || key.type !== 'string' || !value) continue;
    if (key.value === 'versions' && value.type === 'object') symbols.push(container('versions', property, key, aliasSymbols(value)));
    else if (key.value === 'nodes' && value.type === 'object') symbols.push(container('nodes', property, key, nodeSymbols(plan, value)));
    else if (key.value === 'steps' && value === plan.stepsArray) symbols.push(container('steps', property, key, plan.steps.map(stepSymbol)));
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

function nodeSymbols(plan: Plan, nodesObject: JsonNode): PlanSymbol[] {
  const byKey = new Map<JsonNode, NodeDeclaration>();
  for (const n of plan.nodes) byKey.set(n.keyNode, n);
  return memberSymbols(nodesObject, 'node', (key) => {
    const declaration = byKey.get(key);
    return declaration ? nodeDetail(declaration) : '';
  });
}

function nodeDetail(n: NodeDeclaration): string {
  const version = n.release ? n.release.alias : n.highest !== undefined ? formatMajorMinor(n.highest) : '';
  return [version, n.running ? '' : 'stopped', n.noVersionCheck ? 'NoVersionCheck' : ''].filter((s) => s).join(' · ');
}

function aliasSymbols(versionsObject: JsonNode): PlanSymbol[] {
  return memberSymbols(versionsObject, 'alias', (_key, value) => {
    const highest = value ? memberValue(value, 'highest')?.value : undefined;
    return highest !== undefined ? String(highest) : '';
  });
}

/** One symbol per member of an object ("nodes" or "versions"), named by its key. */
function memberSymbols(object: JsonNode, kind: 'node' | 'alias', detailOf: (key: JsonNode, value: JsonNode | undefined) => string): PlanSymbol[] {
  const symbols: PlanSymbol[] = [];
  for (const property of object.children ?? []) {
    const key = property.children?.[0];
    if (!key || key.type !== 'string') continue;
    symbols.push({
      name: String(key.value),
      detail: detailOf(key, property.children?.[1]),
      kind,
      offset: property.offset,
      length: property.length,
      selectionOffset: key.offset,
      selectionLength: key.length,
      children: [],
    });
  }
  return symbols;
}

function container(kind: 'versions' | 'nodes' | 'steps', property: JsonNode, key: JsonNode, children: PlanSymbol[]): PlanSymbol {
  return {
    name: kind,
    detail: String(children.length),
    kind,
    offset: property.offset,
    length: property.length,
    selectionOffset: key.offset,
    selectionLength: key.length,
    children,
  };
}

function memberValue(object: JsonNode, key: string): JsonNode | undefined {
  if (object.type !== 'object') return undefined;
  for (const property of object.children ?? []) {
    if (property.children?.[0]?.value === key) return property.children[1];
  }
  return undefined;
}

function noteText(stepNode: JsonNode): string | undefined {
  const text = memberValue(stepNode, 'text')?.value;
  return typeof text === 'string' ? text : undefined;
}

/** A step whose action is missing or unknown still gets a name: what was written, or "step". */
function unreadableAction(step: Step): string {
  const written = memberValue(step.node, 'action')?.value;
  return typeof written === 'string' && written.length > 0 ? written : 'step';
}
