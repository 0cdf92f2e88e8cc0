/**
 * Helpers for the core tests: build small plans as JSONC text and summarise what `analyze` finds.
 * Only the public entry point (src/core/index.ts) is used.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type Finding } from '../../../src/core';

/** The repository root: compiled helpers live in out/test/unit/helpers/. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export const KB_EXAMPLE_PATH = path.join(REPO_ROOT, 'examples', 'kb811272-rc2-to-rtm.clusterplan');

export function readKbExample(): string {
  return fs.readFileSync(KB_EXAMPLE_PATH, 'utf8');
}

/** Source text written as is in the generated plan, e.g. `raw('4.3790')` for a JSON number with a fraction. */
export class Raw {
  constructor(readonly text: string) {}
}

export function raw(text: string): Raw {
  return new Raw(text);
}

export type Value = string | number | boolean | null | Raw | Value[] | { readonly [key: string]: Value };

/** One-line JSON with spaced braces, as the example plan writes its steps: `{ "action": "stop", "node": "NODE1" }`. */
export function inline(value: Value): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`);
    return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
  }
  return JSON.stringify(value);
}

export interface PlanOptions {
  /** Top-level members written before "nodes" (cluster, versionMatch, versions). */
  readonly top?: Readonly<Record<string, Value>>;
}

/**
 * A plan as JSONC text: one line per node and per step, 2-space indentation, no trailing commas.
 *
 *   {
 *     "nodes": {
 *       "NODE1": { "version": "ws2003-rc2" },
 *       "NODE2": { "version": "ws2003-rc2" }
 *     },
 *     "steps": [
 *       { "action": "stop", "node": "NODE1" }
 *     ]
 *   }
 */
export function plan(nodes: Readonly<Record<string, Value>>, steps: readonly Value[], options: PlanOptions = {}): string {
  const lines = ['{'];
  for (const [key, value] of Object.entries(options.top ?? {})) lines.push(`  ${JSON.stringify(key)}: ${inline(value)},`);
  const nodeLines = Object.entries(nodes).map(([name, value]) => `    ${JSON.stringify(name)}: ${inline(value)}`);
  lines.push('  "nodes": {');
  if (nodeLines.length > 0) lines.push(nodeLines.join(',\n'));
  lines.push('  },');
  if (steps.length === 0) {
    lines.push('  "steps": []');
  } else {
    lines.push('  "steps": [');
    lines.push(steps.map((s) => `    ${inline(s)}`).join(',\n'));
    lines.push('  ]');
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

// ── steps ──────────────────────────────────────────────────────────────────────────────────────────────

export const step = {
  stop: (node: string) => ({ action: 'stop', node }),
  start: (node: string, sponsor?: string): Value => (sponsor ? { action: 'start', node, sponsor } : { action: 'start', node }),
  join: (node: string, sponsor?: string): Value => (sponsor ? { action: 'join', node, sponsor } : { action: 'join', node }),
  restart: (node: string) => ({ action: 'restart', node }),
  upgrade: (node: string, to: Value) => ({ action: 'upgrade', node, to }),
  setNvc: (node: string, more: Readonly<Record<string, Value>> = {}) => ({
    action: 'set-registry',
    node,
    name: 'NoVersionCheck',
    type: 'REG_DWORD',
    data: 1,
    ...more,
  }),
  deleteNvc: (node: string, more: Readonly<Record<string, Value>> = {}) => ({ action: 'delete-registry', node, name: 'NoVersionCheck', ...more }),
  grant: () => ({ action: 'cluster-security', grant: 'NETWORKSERVICE', rights: 'full' }),
  revoke: () => ({ action: 'cluster-security', revoke: 'SERVICE' }),
  note: (text: string) => ({ action: 'note', text }),
};

// ── findings ───────────────────────────────────────────────────────────────────────────────────────────

/** `code@pointer` for every finding, in the order analyze reports them (by offset). */
export function codesAt(text: string): string[] {
  return analyze(text).findings.map(at);
}

/** The same, sorted, for comparing as a set. */
export function sortedCodesAt(text: string): string[] {
  return codesAt(text).sort();
}

export function at(f: Finding): string {
  return `${f.code}@${f.pointer}`;
}

/** The text with line `index` (0-based, as split on \n) removed. */
export function withoutLine(text: string, index: number): string {
  const lines = text.split('\n');
  lines.splice(index, 1);
  return lines.join('\n');
}

/** A valid plan that writes every optional property once, and a node name of the longest length (15). */
export function everyOptionalProperty(schema = '../schemas/clusterplan.schema.json'): string {
  const rtm = { version: 'ws2003-rtm' };
  const key = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters';
  return plan(
    { ABCDEFGHIJKLMNO: { ...rtm, description: 'kept' }, NODE2: { highest: '4.3790', lowest: '3.2195', state: 'running', noVersionCheck: false } },
    [
      { action: 'stop', node: 'NODE2', id: 'a', description: 'stop it' },
      { action: 'set-registry', node: 'NODE2', name: 'NoVersionCheck', type: 'REG_DWORD', data: 1, key },
      { action: 'delete-registry', node: 'NODE2', name: 'NoVersionCheck', key },
      { action: 'start', node: 'NODE2', sponsor: 'ABCDEFGHIJKLMNO' },
      { action: 'cluster-security', grant: 'NETWORKSERVICE', rights: 'read' },
      step.note('done'),
    ],
    { top: { $schema: schema, cluster: 'PRODCLUS', versionMatch: 'exact', versions: { 'ws2003-sp1': { highest: '4.3790', lowest: '3.2195' } } } },
  );
}
