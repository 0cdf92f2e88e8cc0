/**
 * The peer the analysis is compared with: VS Code's own JSON language service (`vscode-json-languageservice`,
 * what VS Code runs for a `.json` file with a schema), parsing the plan as JSONC and validating it against
 * the format's JSON schema. That is what an editor does for a structured file with no dedicated extension;
 * clusterplan parses, reads, simulates the upgrade and runs every rule, and should still be much faster.
 *
 * Per sample, as the language server does on a change: a TextDocument, `parseJSONDocument`, then
 * `doValidation` with comments and trailing commas allowed and the schema passed in. The schema is
 * `schemas/clusterplan.schema.json` when the repository has it, else FALLBACK_SCHEMA below (the run says
 * "peer schema: fallback").
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService, TextDocument, type Diagnostic, type JSONSchema } from 'vscode-json-languageservice';

export const SCHEMA_FILE = 'schemas/clusterplan.schema.json';

export interface PeerSchema {
  readonly schema: JSONSchema;
  /** The file it was read from, or 'fallback'. */
  readonly source: string;
}

export function loadPeerSchema(root: string): PeerSchema {
  const file = path.join(root, SCHEMA_FILE);
  if (!fs.existsSync(file)) return { schema: FALLBACK_SCHEMA, source: 'fallback' };
  return { schema: JSON.parse(fs.readFileSync(file, 'utf8')) as JSONSchema, source: SCHEMA_FILE };
}

/** Validation of one text, as the language server does on a change: a promise of its problems. */
export type Peer = (text: string) => PromiseLike<Diagnostic[]>;

export function createPeer(schema: JSONSchema): Peer {
  const service = getLanguageService({});
  // doValidation registers the schema it is given under `schema.id`, or under a new id at every call: a
  // fixed id keeps thousands of samples from piling up thousands of registered schemas. The schema is still
  // resolved at every call, as the API does.
  const withId: JSONSchema = { ...schema, id: 'clusterplan-bench://schema.json' };
  let version = 0;
  return (text) => {
    const document = TextDocument.create('file:///bench/plan.clusterplan', 'jsonc', ++version, text);
    const jsonDocument = service.parseJSONDocument(document);
    return service.doValidation(document, jsonDocument, { comments: 'ignore', trailingCommas: 'ignore' }, withId);
  };
}

/** A plan the peer must find fault with, or the comparison would be against a no-op. */
export const PROBE_UNKNOWN_ACTION = '{ "nodes": { "NODE1": { "version": "ws2003-rc2" } }, "steps": [ { "action": "reboot", "node": "NODE1" } ] }';

const version: JSONSchema = {
  oneOf: [
    { type: 'string', pattern: '^(\\d{1,5}\\.\\d{1,5}|0[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9._-]*)$' },
    { type: 'integer', minimum: 0, maximum: 4294967295 },
  ],
};
const nodeName: JSONSchema = { type: 'string', minLength: 1, maxLength: 15, pattern: '^[^\\\\/:*?"<>| ]+$' };
const requires = (action: string | string[], required: string[]): JSONSchema => ({
  if: { properties: { action: Array.isArray(action) ? { enum: action } : { const: action } } },
  then: { required },
});

/** The `.clusterplan` format in draft-07, for the peer while the repository has no schema of its own. */
export const FALLBACK_SCHEMA: JSONSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'clusterplan (benchmark fallback)',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    cluster: { type: 'string' },
    versionMatch: { enum: ['exact', 'major'] },
    versions: { type: 'object', additionalProperties: { $ref: '#/definitions/release' } },
    nodes: { type: 'object', propertyNames: nodeName, additionalProperties: { $ref: '#/definitions/node' } },
    steps: { type: 'array', items: { $ref: '#/definitions/step' } },
  },
  definitions: {
    version,
    release: {
      type: 'object',
      additionalProperties: false,
      required: ['highest'],
      properties: { highest: { $ref: '#/definitions/version' }, lowest: { $ref: '#/definitions/version' }, preRelease: { type: 'boolean' }, note: { type: 'string' } },
    },
    node: {
      type: 'object',
      additionalProperties: false,
      properties: {
        version: { type: 'string' },
        highest: { $ref: '#/definitions/version' },
        lowest: { $ref: '#/definitions/version' },
        state: { enum: ['running', 'stopped'] },
        noVersionCheck: { type: 'boolean' },
        description: { type: 'string' },
      },
      oneOf: [{ required: ['version'], not: { required: ['highest'] } }, { required: ['highest'], not: { required: ['version'] } }],
    },
    step: {
      type: 'object',
      additionalProperties: false,
      required: ['action'],
      properties: {
        action: { enum: ['stop', 'start', 'join', 'restart', 'upgrade', 'set-registry', 'delete-registry', 'cluster-security', 'note'] },
        id: { type: 'string' },
        description: { type: 'string' },
        node: nodeName,
        sponsor: nodeName,
        to: {
          oneOf: [
            { type: 'string' },
            { type: 'object', additionalProperties: false, required: ['highest'], properties: { highest: { $ref: '#/definitions/version' }, lowest: { $ref: '#/definitions/version' } } },
          ],
        },
        name: { type: 'string' },
        key: { type: 'string' },
        type: { enum: ['REG_DWORD', 'REG_QWORD', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_MULTI_SZ', 'REG_BINARY'] },
        data: { type: ['number', 'string'] },
        grant: { type: 'string' },
        revoke: { type: 'string' },
        rights: { enum: ['full', 'read'] },
        text: { type: 'string' },
      },
      allOf: [
        requires(['stop', 'start', 'join', 'restart', 'delete-registry'], ['node']),
        requires('upgrade', ['node', 'to']),
        requires('set-registry', ['node', 'name', 'data']),
        requires('delete-registry', ['name']),
        requires('note', ['text']),
        { if: { properties: { action: { const: 'cluster-security' } } }, then: { oneOf: [{ required: ['grant'] }, { required: ['revoke'] }] } },
      ],
    },
  },
};
