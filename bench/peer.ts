/**
 * The peer the analysis is compared with: VS Code's own JSON language service (`vscode-json-languageservice`,
 * what VS Code runs for a `.json` file with a schema), parsing the plan as JSONC and validating it against
 * the format's JSON schema. That is what an editor does for a structured file with no dedicated extension;
 * clusterplan parses, reads, simulates the upgrade and runs every rule, and should still be much faster.
 *
 * Per sample, as the language server does on a change: a TextDocument, `parseJSONDocument`, then
 * `doValidation` with comments and trailing commas allowed and the schema passed in: the format's own,
 * schemas/clusterplan.schema.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getLanguageService, TextDocument, type Diagnostic, type JSONSchema } from 'vscode-json-languageservice';

export const SCHEMA_FILE = 'schemas/clusterplan.schema.json';

export function loadPeerSchema(root: string): JSONSchema {
  return JSON.parse(fs.readFileSync(path.join(root, SCHEMA_FILE), 'utf8')) as JSONSchema;
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
