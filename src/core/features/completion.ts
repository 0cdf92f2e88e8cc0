import { createScanner, getLocation, ScanError, SyntaxKind, type JSONPath } from 'jsonc-parser';
import type { Analysis } from '../analyze';
import { ACTIONS, COMMON_STEP_PROPERTIES, NODE_PROPERTIES, RELEASE_PROPERTIES, STEP_PROPERTIES, TARGET_PROPERTIES, TOP_LEVEL, type Action } from '../format';
import { literalValue, valueAtPath, type JsonValue } from '../tree';
import { NO_VERSION_CHECK } from '../registry';
import { valueChoices } from './valueChoices';

/**
 * What to complete at an offset of a plan, from the text as it is being typed: jsonc-parser's
 * `getLocation` tells a property key from a value and gives the path, and a scan of the tokens finds the
 * string (closed or not) under the cursor. The tree and the plan model only supply what is already
 * declared: node names, aliases, the step's action and the keys an object already has.
 */

export type CompletionKind = 'property' | 'action' | 'node' | 'version' | 'value';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  /** One line shown beside the label. */
  readonly detail?: string;
  readonly documentation?: string;
  /** Replaces the completion's range. A snippet (`$1`, `${1:x}`) when `isSnippet`. */
  readonly insertText: string;
  readonly isSnippet: boolean;
  /** What the typed text (from the range start to the cursor) is matched against. */
  readonly filterText: string;
  /** Orders the items: the list's own order, so REG_DWORD comes before the other types. */
  readonly sortText: string;
  readonly preselect?: boolean;
  /** Accepting it leaves the cursor in a value whose choices are known: the editor lists them at once. */
  readonly listsValues?: boolean;
}

export interface Completions {
  /** The text the chosen item replaces: the string under the cursor (quotes included), a bare word, or nothing. */
  readonly offset: number;
  readonly length: number;
  readonly items: readonly CompletionItem[];
}

const PROPERTY_DETAILS: Readonly<Record<string, string>> = {
  $schema: 'JSON schema of the file',
  cluster: 'The cluster\'s name',
  versionMatch: '"exact" (default) or "major"',
  functionalLevel: 'The cluster functional level at the start: 5 to 12, or an alias',
  versions: 'The plan\'s own version aliases',
  nodes: 'The cluster nodes and their versions',
  steps: 'The upgrade procedure, in order',
  version: 'A version alias such as "ws2003-rtm"',
  highest: 'NodeHighestVersion: "M.m", a DWORD or "0x…"',
  lowest: 'NodeLowestVersion: "M.m", a DWORD or "0x…"',
  state: '"running" (default) or "stopped"',
  noVersionCheck: 'NoVersionCheck is already set on the node',
  paused: 'The node is drained (Suspend-ClusterNode) at the start',
  preRelease: 'A release candidate: needs NoVersionCheck and the security-descriptor fix',
  note: 'What the release is',
  action: 'What the step does',
  id: 'A name for the step',
  description: 'Free text',
  node: 'The node the step acts on',
  sponsor: 'The node that sponsors the join',
  to: 'The version the node is upgraded to',
  name: 'The registry value: NoVersionCheck',
  type: 'The registry type: REG_DWORD',
  data: 'The registry data: 1',
  key: 'The registry key (defaults to ClusSvc\\Parameters)',
  grant: 'The account to grant, e.g. NETWORKSERVICE',
  revoke: 'The account to revoke, e.g. SERVICE',
  rights: '"full" (default) or "read"',
  text: 'The note\'s text',
};

/** What a property's value looks like when its key is inserted on its own: `"node": "$1"`. */
const VALUE_TEMPLATES: Readonly<Record<string, string>> = {
  versions: '{\n\t$1\n}',
  nodes: '{\n\t$1\n}',
  steps: '[\n\t$1\n]',
  noVersionCheck: '${1:true}',
  paused: '${1:true}',
  functionalLevel: '$1',
  preRelease: '${1:true}',
  data: '${1:1}',
  name: `"\${1:${NO_VERSION_CHECK}}"`,
};

/**
 * The properties whose value is one of a list (valueChoices): once the key is inserted, the cursor is in its
 * empty value, and the list opens at once. Free text (`grant`, `key`) and a value already filled in (`name`,
 * `data`) do not open it.
 */
const LISTED_VALUES: ReadonlySet<string> = new Set(['action', 'node', 'sponsor', 'to', 'type', 'state', 'version', 'rights', 'versionMatch', 'functionalLevel']);

interface Token {
  readonly kind: SyntaxKind;
  readonly offset: number;
  readonly length: number;
  readonly unterminated: boolean;
}

/** The completions at `offset`, or undefined where nothing is completed (comments, numbers, after a closed string). */
export function completionsAt(analysis: Analysis, offset: number): Completions | undefined {
  const text = analysis.document.text;
  if (offset < 0 || offset > text.length) return undefined;
  const token = tokenAt(text, offset);
  if (token && (token.kind === SyntaxKind.LineCommentTrivia || token.kind === SyntaxKind.BlockCommentTrivia)) return undefined;

  // The range an item replaces: the whole string under the cursor, a bare word being typed, or nothing.
  let range: { offset: number; length: number; quoted: boolean };
  if (token?.kind === SyntaxKind.StringLiteral) {
    // An unclosed string runs to the end of the line: keep what follows the word being typed (` }`, `,`).
    const end = token.unterminated ? offset + (/^[\w.-]*/.exec(text.slice(offset, token.offset + token.length))?.[0].length ?? 0) : token.offset + token.length;
    range = { offset: token.offset, length: end - token.offset, quoted: true };
  }
  else if (token?.kind === SyntaxKind.Unknown) range = { offset: token.offset, length: token.length, quoted: false };
  else if (token) return undefined; // a number, true/false/null: not ours to complete
  else range = { offset, length: 0, quoted: false };

  const location = getLocation(text, offset);
  // Next to a string already written, outside it (`"node": |"NODE1"`, `"node"|` after its closing quote):
  // inserting there would break the file.
  if (!token && location.previousNode) return undefined;
  const path = location.path;
  // A bare word has no closing colon yet: getLocation may read it either way, the path says which.
  const items = location.isAtPropertyKey ? keyItems(analysis, path.slice(0, -1), text, range) : valueItems(analysis, path, text, range);
  if (!items || items.length === 0) return undefined;
  return { offset: range.offset, length: range.length, items };
}

/** The string, comment or bare word the cursor is in. The end of a closed string is outside it. */
function tokenAt(text: string, offset: number): Token | undefined {
  const scanner = createScanner(text, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const start = scanner.getTokenOffset();
    if (start >= offset) return undefined;
    const length = scanner.getTokenLength();
    const end = start + length;
    if (offset > end) continue;
    const error = scanner.getTokenError();
    const unterminated = error === ScanError.UnexpectedEndOfString || error === ScanError.UnexpectedEndOfComment;
    switch (kind) {
      case SyntaxKind.StringLiteral:
      case SyntaxKind.BlockCommentTrivia:
        if (offset < end || unterminated) return { kind, offset: start, length, unterminated };
        continue;
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.Unknown:
      case SyntaxKind.NumericLiteral:
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
      case SyntaxKind.NullKeyword:
        return { kind, offset: start, length, unterminated };
      default:
        continue;
    }
  }
  return undefined;
}

// ── property keys ────────────────────────────────────────────────────────────────────────────────────

function keyItems(analysis: Analysis, objectPath: JSONPath, text: string, range: { offset: number; length: number; quoted: boolean }): CompletionItem[] | undefined {
  const allowed = allowedKeys(analysis, objectPath);
  if (!allowed) return undefined;
  const object = nodeAtPath(analysis, objectPath);
  const present = new Set<string>();
  for (const member of object?.type === 'object' ? object.members : []) {
    // The key being typed is not "present": it is the one being replaced.
    if (member.offset !== range.offset) present.add(member.key);
  }
  // A key that already has its colon keeps it; a new key gets the colon and a value to fill in.
  const after = text.slice(range.offset + range.length);
  const hasColon = /^\s*:/.test(after);
  // Typed in front of another property (`{ | "node": … }`): the new one needs its comma.
  const comma = !hasColon && /^\s*"/.test(after) ? ',' : '';
  return allowed
    .filter((key) => !present.has(key))
    .map((key, index) => {
      const quoted = JSON.stringify(key);
      const insertText = hasColon ? quoted : `${quoted}: ${VALUE_TEMPLATES[key] ?? '"$1"'}${comma}`;
      return {
        label: key,
        kind: 'property',
        detail: PROPERTY_DETAILS[key],
        insertText,
        isSnippet: !hasColon,
        filterText: range.quoted ? quoted : key,
        sortText: sortText(index),
        ...(key === 'action' ? { preselect: true } : {}),
        ...(!hasColon && LISTED_VALUES.has(key) ? { listsValues: true } : {}),
      } satisfies CompletionItem;
    });
}

/** The keys the object at `path` may have, in the order they are best written; undefined for free-form objects. */
function allowedKeys(analysis: Analysis, path: JSONPath): readonly string[] | undefined {
  const [first, second, third, fourth] = path;
  // Only a plan with a node of Windows Server 2008 or later has a functional level and nodes to drain.
  const levels = analysis.plan?.functionalLevelPlan ?? false;
  if (path.length === 0) return [...TOP_LEVEL].filter((k) => k !== '$schema' && (levels || k !== 'functionalLevel'));
  if (first === 'nodes' && path.length === 2) return [...NODE_PROPERTIES].filter((k) => levels || k !== 'paused');
  if (first === 'versions' && path.length === 2) return [...RELEASE_PROPERTIES];
  if (first === 'steps' && typeof second === 'number') {
    if (path.length === 2) {
      const action = stepAction(analysis, second);
      if (action) return [...COMMON_STEP_PROPERTIES.filter((k) => k === 'action'), ...STEP_PROPERTIES[action], ...COMMON_STEP_PROPERTIES.filter((k) => k !== 'action')];
      // No action yet: it comes first, then whatever any step may carry.
      const any = new Set<string>(['action']);
      for (const a of ACTIONS) for (const k of STEP_PROPERTIES[a]) any.add(k);
      for (const k of COMMON_STEP_PROPERTIES) any.add(k);
      return [...any];
    }
    if (path.length === 3 && third === 'to' && fourth === undefined) return [...TARGET_PROPERTIES];
  }
  return undefined;
}

function stepAction(analysis: Analysis, index: number): Action | undefined {
  const value = literalValue(nodeAtPath(analysis, ['steps', index, 'action']));
  return ACTIONS.find((a) => a === value);
}

function nodeAtPath(analysis: Analysis, path: JSONPath): JsonValue | undefined {
  return valueAtPath(analysis.document.root, path);
}

// ── values ───────────────────────────────────────────────────────────────────────────────────────────

function valueItems(analysis: Analysis, path: JSONPath, text: string, range: { offset: number; length: number; quoted: boolean }): CompletionItem[] | undefined {
  const choices = valueChoices(analysis, path);
  if (!choices) return undefined;
  // Right after the colon (the ':' trigger character), the value gets the space the file's style has.
  const space = range.length === 0 && text[range.offset - 1] === ':' ? ' ' : '';
  return choices.map((choice, index) => {
    const json = JSON.stringify(choice.value);
    return {
      label: String(choice.value),
      kind: choice.kind,
      ...(choice.detail !== undefined ? { detail: choice.detail } : {}),
      ...(choice.documentation !== undefined ? { documentation: choice.documentation } : {}),
      insertText: space + json,
      isSnippet: false,
      filterText: range.quoted ? json : String(choice.value),
      sortText: sortText(index),
      ...(choice.preselect ? { preselect: true } : {}),
    };
  });
}

function sortText(index: number): string {
  return String(index).padStart(4, '0');
}
