import type { Analysis } from '../analyze';
import type { TextEdit } from '../finding';
import { netbiosNameProblem, nodeKey } from '../nodeNames';
import type { NodeDeclaration } from '../plan';
import { memberValue, type Span } from '../tree';

/**
 * Node names across a plan: the declaration keys under "nodes" and the "node"/"sponsor" values of steps,
 * matched case-insensitively as Windows matches computer names. Offsets cover the JSON string, quotes
 * included, so an edit replaces the string whatever escapes it was written with.
 */

export interface NodeOccurrence {
  /** As written at this place. */
  readonly name: string;
  readonly role: 'declaration' | 'node' | 'sponsor';
  readonly pointer: string;
  readonly offset: number;
  readonly length: number;
}

export type RenameRejection =
  /** The offset is not on a node name. */
  | { readonly reason: 'not-a-node' }
  /** The name is used by steps but declared nowhere: there is no node to rename. */
  | { readonly reason: 'undeclared'; readonly name: string }
  | { readonly reason: 'invalid-name'; readonly name: string; readonly problem: string }
  /** Another declared node already has the name, ignoring case. */
  | { readonly reason: 'collision'; readonly name: string; readonly other: string };

export type PrepareRenameResult =
  | { readonly ok: true; readonly name: string; readonly offset: number; readonly length: number }
  | { readonly ok: false; readonly rejection: RenameRejection };

export type RenameResult = { readonly ok: true; readonly edits: readonly TextEdit[] } | { readonly ok: false; readonly rejection: RenameRejection };

/** The node name at `offset` (on or inside its string), or undefined. */
export function nodeOccurrenceAt(analysis: Analysis, offset: number): NodeOccurrence | undefined {
  return allOccurrences(analysis).find((o) => o.offset <= offset && offset <= o.offset + o.length);
}

/** The first declaration of the node named at `offset`, or undefined (not on a name, or not declared). */
export function nodeDeclarationAt(analysis: Analysis, offset: number): NodeDeclaration | undefined {
  const at = nodeOccurrenceAt(analysis, offset);
  return at ? declarationOf(analysis, at.name) : undefined;
}

/** Go to definition: the declaration key of the node named at `offset`. */
export function nodeDefinition(analysis: Analysis, offset: number): NodeOccurrence | undefined {
  const declaration = nodeDeclarationAt(analysis, offset);
  return declaration ? occurrence(declaration.name, 'declaration', declaration.pointer, declaration.keyNode) : undefined;
}

/**
 * Find references: every occurrence of the name at `offset`, in file order, declarations included (a
 * duplicate declaration too). Undefined when the offset is not on a node name.
 */
export function nodeReferences(analysis: Analysis, offset: number): NodeOccurrence[] | undefined {
  const at = nodeOccurrenceAt(analysis, offset);
  if (!at) return undefined;
  const key = nodeKey(at.name);
  return allOccurrences(analysis).filter((o) => nodeKey(o.name) === key);
}

/** Where a rename can start: on a declared node's name. */
export function prepareNodeRename(analysis: Analysis, offset: number): PrepareRenameResult {
  const at = nodeOccurrenceAt(analysis, offset);
  if (!at) return { ok: false, rejection: { reason: 'not-a-node' } };
  const declaration = declarationOf(analysis, at.name);
  if (!declaration) return { ok: false, rejection: { reason: 'undeclared', name: at.name } };
  return { ok: true, name: at.name, offset: at.offset, length: at.length };
}

/**
 * Renames the node named at `offset` everywhere: its declaration and every step naming it, in any case.
 * The new name must be a valid NetBIOS name and must not be another declared node's name ignoring case;
 * changing only the case of the node's own name is allowed.
 */
export function renameNode(analysis: Analysis, offset: number, newName: string): RenameResult {
  const prepared = prepareNodeRename(analysis, offset);
  if (!prepared.ok) return prepared;
  const problem = netbiosNameProblem(newName);
  if (problem) return { ok: false, rejection: { reason: 'invalid-name', name: newName, problem } };
  const own = nodeKey(prepared.name);
  const other = (analysis.plan?.nodes ?? []).find((n) => nodeKey(n.name) === nodeKey(newName) && nodeKey(n.name) !== own);
  if (other) return { ok: false, rejection: { reason: 'collision', name: newName, other: other.name } };
  const replacement = JSON.stringify(newName);
  const text = analysis.document.text;
  const edits = (nodeReferences(analysis, offset) ?? [])
    .filter((o) => text.slice(o.offset, o.offset + o.length) !== replacement)
    .map((o) => ({ offset: o.offset, length: o.length, content: replacement }));
  return { ok: true, edits };
}

function declarationOf(analysis: Analysis, name: string): NodeDeclaration | undefined {
  const key = nodeKey(name);
  return analysis.plan?.nodes.find((n) => !n.duplicateOf && nodeKey(n.name) === key);
}

/**
 * Every node name in the file. The plan's references cover the steps it could read; a step it could not
 * (an unknown action, a property the action does not take) may still name a node, and a rename must not
 * leave it behind, so the tree's `steps[i].node` and `steps[i].sponsor` strings are added.
 */
function allOccurrences(analysis: Analysis): NodeOccurrence[] {
  const plan = analysis.plan;
  if (!plan) return [];
  const found = new Map<number, NodeOccurrence>();
  for (const n of plan.nodes) found.set(n.keyNode.offset, occurrence(n.name, 'declaration', n.pointer, n.keyNode));
  for (const r of plan.nodeReferences) {
    const role = r.pointer.endsWith('/sponsor') ? 'sponsor' : 'node';
    found.set(r.node.offset, occurrence(r.name, role, r.pointer, r.node));
  }
  for (const [index, step] of (plan.stepsArray?.items ?? []).entries()) {
    for (const role of ['node', 'sponsor'] as const) {
      const value = memberValue(step, role);
      if (value?.type === 'string' && !found.has(value.offset)) {
        found.set(value.offset, occurrence(String(value.value), role, `/steps/${index}/${role}`, value));
      }
    }
  }
  return [...found.values()].sort((a, b) => a.offset - b.offset);
}

function occurrence(name: string, role: NodeOccurrence['role'], pointer: string, node: Span): NodeOccurrence {
  return { name, role, pointer, offset: node.offset, length: node.length };
}
