/**
 * schemas/clusterplan.schema.json against the plans clusterplan reads. The schema must accept exactly what
 * the reader accepts without a `schema` or `invalid-version` finding, wherever JSON Schema can say it:
 *
 * - the examples validate, except the mistakes the schema can express (listed in EXAMPLES);
 * - REJECTED: mistakes of the existing tests and of every construct, which the schema rejects;
 * - SCHEMA_STRICTER: what the schema rejects and the reader reports under another code: strings that can
 *   never be an alias, where an alias is expected (unknown-version-alias);
 * - ACCEPTED: near misses, valid variants of each construct;
 * - INEXPRESSIBLE: what the reader refuses and JSON Schema cannot see (docs/format.md lists them);
 * - OTHER_RULES: plans the format allows, whose mistakes other rules find;
 * - READER_GAPS: values the format types but the reader does not read, which only the schema rejects.
 *
 * Every case is also given to the public analyze(), so the tables follow the reader, not a belief about it.
 * And VS Code's JSON language service, given the schema, must agree with ajv on every case, except whole
 * numbers written with a fraction (4.0), which it refuses as the reader does.
 *
 * An empty file, which core-rules.test.ts reports as `schema`, is no JSON document: no validator gets as
 * far as the schema.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse, type ParseError } from 'jsonc-parser';
import { getLanguageService, TextDocument } from 'vscode-json-languageservice';
import { planFiles } from '../../bench/corpus';
import { analyze } from '../../src/core';
import { at, codesAt, everyOptionalProperty, plan, raw, REPO_ROOT, step, type Value } from './helpers/plans';

const SCHEMA_PATH = path.join(REPO_ROOT, 'schemas', 'clusterplan.schema.json');
const SCHEMA = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;

// Draft-07 is ajv 8's default; strict mode refuses unknown keywords, union types, undeclared required
// properties and other slips in the schema itself.
const validate = new Ajv({ allErrors: true, strict: true }).compile(SCHEMA);

/** The findings the schema stands for. */
const SCHEMA_CODES: ReadonlySet<string> = new Set(['schema', 'invalid-version']);

interface Verdict {
  readonly valid: boolean;
  /** `instancePath message` of each error. */
  readonly errors: readonly string[];
  readonly paths: readonly string[];
}

/** The plan as a JSONC-aware validator sees it: parsed with jsonc-parser, then checked by ajv. */
function validateText(text: string): Verdict {
  const syntax: ParseError[] = [];
  const value: unknown = parse(text, syntax, { allowTrailingComma: true });
  assert.deepEqual(syntax, [], `the case is not valid JSONC:\n${text}`);
  const valid = validate(value);
  const errors = validate.errors ?? [];
  return { valid, errors: errors.map((e) => `${e.instancePath || '(root)'} ${e.message}`), paths: errors.map((e) => e.instancePath) };
}

function schemaFindings(text: string): string[] {
  return analyze(text).findings.filter((f) => SCHEMA_CODES.has(f.code)).map(at);
}

/** One pointer is the other or inside it: the schema and the reader point at the same element. */
function related(a: string, b: string): boolean {
  return a === b || a === '' || b === '' || a.startsWith(b + '/') || b.startsWith(a + '/');
}

// ── plans ──────────────────────────────────────────────────────────────────────────────────────────────

const RTM = { version: 'ws2003-rtm' };
const STOPPED = { version: 'ws2003-rtm', state: 'stopped' };

/** NODE1 declared as given, no steps. */
const node = (declaration: Value) => plan({ NODE1: declaration }, []);
/** A node named as given. */
const named = (name: string) => plan({ [name]: RTM }, []);
/** Two nodes, NODE1 running and NODE2 stopped, and the given steps. */
const steps = (...list: Value[]) => plan({ NODE1: RTM, NODE2: STOPPED }, list);
/** An upgrade of NODE2 to the given target. */
const upgradeTo = (to: Value) => steps(step.upgrade('NODE2', to));
/** Top-level members before "nodes". */
const top = (members: Readonly<Record<string, Value>>) => plan({ NODE1: RTM }, [], { top: members });
/** The plan's own "versions". */
const versions = (entries: Readonly<Record<string, Value>>) => top({ versions: entries });

// Functional-level plans: a node of Windows Server 2008 or later.
const WS2016 = { version: 'ws2016' };
/** NODE1 running and NODE2 stopped, both Windows Server 2016, and the given steps. */
const levelSteps = (...list: Value[]) => plan({ NODE1: WS2016, NODE2: { version: 'ws2016', state: 'stopped' } }, list);
/** A Windows Server 2016 node, and the top-level members before "nodes". */
const levelTop = (members: Readonly<Record<string, Value>>) => plan({ NODE1: WS2016 }, [], { top: members });
/** A functional-level plan's NODE1 declared as given. */
const levelNode = (declaration: Value) => plan({ NODE1: declaration }, []);

interface Case {
  readonly label: string;
  readonly text: string;
  /** The test file that uses this mistake, for the cases taken from the existing tests. */
  readonly from?: string;
}

interface CodedCase extends Case {
  /** The finding the reader gives, as `code@pointer`. */
  readonly expect: string;
}

const RULES_TEST = 'core-rules.test.ts';
const VERSIONS_TEST = 'core-versions.test.ts';
const FIXES_TEST = 'core-fixes.test.ts';

/** Mistakes the schema rejects, as the reader does with `schema` or `invalid-version`. */
const REJECTED: readonly Case[] = [
  { label: '"$schema" as a number', text: top({ $schema: 5 }) },
  { label: 'a node description as a number', text: node({ ...RTM, description: 1 }) },
  // The schema and invalid-version triggers of the existing tests.
  { from: RULES_TEST, label: 'an unknown action', text: steps({ action: 'reboot', node: 'NODE1' }) },
  { from: RULES_TEST, label: 'an unknown step property', text: steps({ action: 'stop', node: 'NODE1', force: true }) },
  { from: RULES_TEST, label: 'an unknown node property', text: node({ ...RTM, colour: 'red' }) },
  { from: RULES_TEST, label: 'an unknown top-level property', text: top({ clustr: 'X' }) },
  { from: RULES_TEST, label: 'a missing "node"', text: steps({ action: 'stop' }) },
  { from: RULES_TEST, label: 'a missing "to"', text: steps({ action: 'upgrade', node: 'NODE2' }) },
  { from: RULES_TEST, label: 'a mistyped "node"', text: steps({ action: 'stop', node: 5 }) },
  { from: RULES_TEST, label: 'a mistyped "state"', text: node({ ...RTM, state: 'off' }) },
  { from: RULES_TEST, label: 'both "version" and "highest"', text: node({ ...RTM, highest: '4.3790' }) },
  { from: RULES_TEST, label: 'a node name with a space', text: named('NODE 1') },
  { from: RULES_TEST, label: 'a node name of 16 characters', text: named('ABCDEFGHIJKLMNOP') },
  { from: RULES_TEST, label: 'a node name with "*"', text: named('NODE*') },
  { from: RULES_TEST, label: 'a plan that is an array', text: '[]' },
  { from: RULES_TEST, label: 'versionMatch "minor"', text: top({ versionMatch: 'minor' }) },
  { from: RULES_TEST, label: 'a minor above 65535', text: node({ highest: '4.70000' }) },
  { from: RULES_TEST, label: 'a fractional number', text: node({ highest: raw('4.3790'), lowest: '3.2195' }) },
  { from: RULES_TEST, label: 'a negative lowest', text: node({ highest: '4.3790', lowest: -1 }) },
  { from: RULES_TEST, label: 'nine hex digits in an upgrade target', text: upgradeTo({ highest: '0x123456789', lowest: '3.2195' }) },
  { from: VERSIONS_TEST, label: 'major 65536', text: node({ highest: '65536.0' }) },
  { from: VERSIONS_TEST, label: 'minor 65536', text: node({ highest: '4.65536' }) },
  { from: VERSIONS_TEST, label: 'an 11-digit major', text: node({ highest: '99999999999.1' }) },
  { from: VERSIONS_TEST, label: 'two dots', text: node({ highest: '4.3790.1' }) },
  { from: VERSIONS_TEST, label: 'no minor', text: node({ highest: '4.' }) },
  { from: VERSIONS_TEST, label: 'no major', text: node({ highest: '.3790' }) },
  { from: VERSIONS_TEST, label: 'a leading space', text: node({ highest: ' 4.3790' }) },
  { from: VERSIONS_TEST, label: 'a trailing space', text: node({ highest: '4.3790 ' }) },
  { from: VERSIONS_TEST, label: 'hex above 0xFFFFFFFF', text: node({ highest: '0x100000000' }) },
  { from: VERSIONS_TEST, label: 'nine hex digits with a leading zero', text: node({ highest: '0x000040ECE' }) },
  { from: VERSIONS_TEST, label: '0x without digits', text: node({ highest: '0x' }) },
  { from: VERSIONS_TEST, label: 'the number -1', text: node({ highest: -1 }) },
  { from: VERSIONS_TEST, label: 'the number 4294967296', text: node({ highest: 4294967296 }) },
  { from: VERSIONS_TEST, label: 'a decimal DWORD in a string', text: node({ highest: '265934' }) },
  { from: VERSIONS_TEST, label: 'the string "0"', text: node({ highest: '0' }) },
  { from: VERSIONS_TEST, label: 'an alias inside "versions"', text: versions({ mine: { highest: 'ws2003-rtm' } }) },
  { from: FIXES_TEST, label: 'no "steps"', text: '{ "nodes": { "NODE1": { "version": "ws2003-rtm", "noVersionCheck": true } } }' },
  { from: FIXES_TEST, label: '"steps" as an object', text: '{ "nodes": { "NODE1": { "version": "ws2003-rtm" } }, "steps": { "action": "stop", "node": "NODE1" } }' },

  // The top level.
  { label: 'no "nodes"', text: '{ "steps": [] }' },
  { label: '"nodes" as an array', text: '{ "nodes": [], "steps": [] }' },
  { label: '"cluster" as a number', text: top({ cluster: 5 }) },
  { label: 'a cluster named "."', text: top({ cluster: '.' }) },
  { label: 'a cluster name starting with a period', text: top({ cluster: '.PRODCLUS' }) },
  { label: 'a cluster name holding BEL', text: top({ cluster: 'PROD\u0007' }) },
  { label: 'versionMatch in capitals', text: top({ versionMatch: 'EXACT' }) },
  { label: '"versions" as an array', text: top({ versions: [] }) },

  // The plan's own versions.
  { label: 'an alias named like a version', text: versions({ '4.3800': { highest: '4.3800' } }) },
  { label: 'an alias of digits', text: versions({ '2003': { highest: '4.3800' } }) },
  { label: 'an alias named like hex', text: versions({ '0xBEEF': { highest: '4.3800' } }) },
  { label: 'an empty alias', text: versions({ '': { highest: '4.3800' } }) },
  { label: 'an alias with a leading space', text: versions({ ' sp1': { highest: '4.3800' } }) },
  { label: 'an alias with a trailing tab', text: versions({ 'sp1\t': { highest: '4.3800' } }) },
  { label: 'a release without "highest"', text: versions({ sp1: { lowest: '3.2195' } }) },
  { label: 'a release as a string', text: versions({ sp1: '4.3800' }) },
  { label: 'a release with "version"', text: versions({ sp1: { version: 'ws2003-rtm' } }) },
  { label: 'an alias as a release\'s lowest', text: versions({ sp1: { highest: '4.3800', lowest: 'win2000' } }) },
  { label: 'a fractional number as a release\'s highest', text: versions({ sp1: { highest: raw('4.38') } }) },
  { label: 'preRelease as a string', text: versions({ sp1: { highest: '4.3800', preRelease: 'yes' } }) },
  { label: 'note as a number', text: versions({ sp1: { highest: '4.3800', note: 1 } }) },

  // Nodes.
  { label: 'an empty node name', text: named('') },
  { label: 'a node name with a tab', text: named('NODE\t1') },
  { label: 'a node name with a no-break space', text: named('NODE\u00a01') },
  { label: 'a node name with a backslash', text: named('DOM\\NODE1') },
  { label: 'a node name with ":"', text: named('NODE:1') },
  { label: 'a node name with "|"', text: named('NODE|1') },
  { label: 'a node name with a quote', text: named('NODE"1') },
  { label: 'a node named "."', text: named('.') },
  { label: 'a node name starting with a period', text: named('.NODE1') },
  { label: 'a node name holding ESC', text: named('N\u001b[8m1') },
  { label: 'a node name holding NEL (U+0085)', text: named('N\u0085') },
  { label: 'a node as a string', text: node('ws2003-rtm') },
  { label: 'an empty node', text: node({}) },
  { label: 'a node with only "lowest"', text: node({ lowest: '3.2195' }) },
  { label: 'a node with "version" and "lowest"', text: node({ ...RTM, lowest: '3.2195' }) },
  { label: '"version" as a number', text: node({ version: 4 }) },
  { label: '"highest" as a boolean', text: node({ highest: true }) },
  { label: '"highest" as an object', text: node({ highest: { major: 4, minor: 3790 } }) },
  { label: 'a fractional number as "lowest"', text: node({ highest: '4.3790', lowest: raw('3.2195') }) },
  { label: 'a fraction above 0xFFFFFFFF', text: node({ highest: raw('4294967295.5') }) },
  { label: 'state in capitals', text: node({ ...RTM, state: 'Running' }) },
  { label: 'noVersionCheck as a string', text: node({ ...RTM, noVersionCheck: 'true' }) },
  { label: 'noVersionCheck as 1', text: node({ ...RTM, noVersionCheck: 1 }) },

  // Steps, whatever their action.
  { label: 'a step as a string', text: steps('stop NODE1') },
  { label: 'a step without "action"', text: steps({ node: 'NODE1' }) },
  { label: 'an action in capitals', text: steps({ action: 'Stop', node: 'NODE1' }) },
  { label: 'an action as a number', text: steps({ action: 1, node: 'NODE1' }) },
  { label: '"id" as a number', text: steps({ action: 'stop', node: 'NODE1', id: 1 }) },
  { label: 'a step description as a boolean', text: steps({ action: 'stop', node: 'NODE1', description: true }) },

  // stop, start, join, restart.
  { label: 'a sponsor on a stop', text: steps({ action: 'stop', node: 'NODE1', sponsor: 'NODE2' }) },
  { label: 'a join without "node"', text: steps({ action: 'join', sponsor: 'NODE1' }) },
  { label: 'a sponsor as a number', text: steps({ action: 'start', node: 'NODE2', sponsor: 1 }) },
  { label: '"to" on a restart', text: steps({ action: 'restart', node: 'NODE1', to: 'ws2003-rtm' }) },

  // upgrade.
  { label: 'an upgrade without "node"', text: steps({ action: 'upgrade', to: 'ws2003-rtm' }) },
  { label: '"to" as a number', text: upgradeTo(265934) },
  { label: '"to" as an array', text: upgradeTo(['4.3790', '3.2195']) },
  { label: '"to" without "highest"', text: upgradeTo({ lowest: '3.2195' }) },
  { label: '"to" with "version"', text: upgradeTo({ version: 'ws2003-rtm' }) },
  { label: 'a minor above 65535 in "to"', text: upgradeTo({ highest: '4.65536' }) },
  { label: 'a sponsor on an upgrade', text: steps({ action: 'upgrade', node: 'NODE2', to: 'ws2003-rtm', sponsor: 'NODE1' }) },

  // set-registry, delete-registry.
  { label: 'a set-registry without "data"', text: steps({ action: 'set-registry', node: 'NODE2', name: 'NoVersionCheck' }) },
  { label: 'a set-registry without "name"', text: steps({ action: 'set-registry', node: 'NODE2', data: 1 }) },
  { label: 'a set-registry without "node"', text: steps({ action: 'set-registry', name: 'NoVersionCheck', data: 1 }) },
  { label: 'another registry value', text: steps(step.setNvc('NODE2', { name: 'NoVersionChecks' })) },
  { label: 'a registry value name as a number', text: steps(step.setNvc('NODE2', { name: 1 })) },
  { label: 'data as a boolean', text: steps(step.setNvc('NODE2', { data: true })) },
  { label: 'data as null', text: steps(step.setNvc('NODE2', { data: null })) },
  { label: 'data as an array', text: steps(step.setNvc('NODE2', { data: [1] })) },
  // A parser reads it as infinity, which the schema's "number" refuses, and the reader says it is out of range.
  { label: '"data" too large for a double', text: steps({ action: 'set-registry', node: 'NODE2', name: 'NoVersionCheck', data: raw('1e400') }) },
  { label: 'a version too large for a double', text: node({ highest: raw('1e400') }) },
  { label: 'a registry type that does not exist', text: steps(step.setNvc('NODE2', { type: 'REG_WORD' })) },
  { label: 'a registry type with a space', text: steps(step.setNvc('NODE2', { type: 'REG DWORD' })) },
  { label: 'a registry type as a number', text: steps(step.setNvc('NODE2', { type: 4 })) },
  { label: 'a registry key as a number', text: steps(step.setNvc('NODE2', { key: 1 })) },
  { label: 'a delete-registry with "type"', text: steps(step.deleteNvc('NODE2', { type: 'REG_DWORD' })) },
  { label: 'a delete-registry with "data"', text: steps(step.deleteNvc('NODE2', { data: 1 })) },
  { label: 'a delete-registry without "name"', text: steps({ action: 'delete-registry', node: 'NODE2' }) },

  // cluster-security.
  { label: 'a cluster-security with neither grant nor revoke', text: steps({ action: 'cluster-security', rights: 'full' }) },
  { label: 'a cluster-security with grant and revoke', text: steps({ action: 'cluster-security', grant: 'NETWORKSERVICE', revoke: 'SERVICE' }) },
  { label: 'a cluster-security with grant, revoke and rights', text: steps({ action: 'cluster-security', grant: 'NETWORKSERVICE', revoke: 'SERVICE', rights: 'full' }) },
  { label: 'rights on a revoke', text: steps({ action: 'cluster-security', revoke: 'SERVICE', rights: 'full' }) },
  { label: 'rights "write"', text: steps({ action: 'cluster-security', grant: 'NETWORKSERVICE', rights: 'write' }) },
  { label: 'an account as a number', text: steps({ action: 'cluster-security', grant: 5 }) },
  { label: 'a node on a cluster-security', text: steps({ action: 'cluster-security', grant: 'NETWORKSERVICE', node: 'NODE1' }) },

  // note.
  { label: 'a note without "text"', text: steps({ action: 'note' }) },
  { label: 'a note text as a number', text: steps({ action: 'note', text: 5 }) },
  { label: 'a node on a note', text: steps({ action: 'note', text: 'x', node: 'NODE1' }) },

  // The functional level (Windows Server 2008 and later).
  { label: 'functionalLevel 4, below Windows Server 2008', text: levelTop({ functionalLevel: 4 }) },
  { label: 'functionalLevel 13, above Windows Server 2025', text: levelTop({ functionalLevel: 13 }) },
  { label: 'functionalLevel with a fraction', text: levelTop({ functionalLevel: raw('9.5') }) },
  { label: 'functionalLevel as a string of digits', text: levelTop({ functionalLevel: '9' }) },
  { label: 'functionalLevel as "M.m"', text: levelTop({ functionalLevel: '9.8' }) },
  { label: 'functionalLevel in hex', text: levelTop({ functionalLevel: '0x9' }) },
  { label: 'an empty functionalLevel', text: levelTop({ functionalLevel: '' }) },
  { label: 'functionalLevel as a boolean', text: levelTop({ functionalLevel: true }) },
  { label: 'functionalLevel as null', text: levelTop({ functionalLevel: null }) },
  { label: 'paused as a string', text: levelNode({ ...WS2016, paused: 'yes' }) },
  { label: 'a drain without "node"', text: levelSteps({ action: 'drain' }) },
  { label: 'a resume of a node given as a number', text: levelSteps({ action: 'resume', node: 1 }) },
  { label: 'a sponsor on an evict', text: levelSteps({ action: 'evict', node: 'NODE2', sponsor: 'NODE1' }) },
  { label: '"to" on an add', text: levelSteps({ action: 'add', node: 'NODE2', to: 'ws2019' }) },
  { label: 'a node on an update-functional-level', text: levelSteps({ action: 'update-functional-level', node: 'NODE1' }) },
];

/**
 * What the schema rejects and the reader reports under another code (docs/format.md). Strings that can never
 * be an alias (the plan's "versions" refuses them as names), where only an alias is allowed or where a
 * version string is neither a number nor an alias: the reader looks them up, finds nothing, and reports
 * unknown-version-alias.
 */
const SCHEMA_STRICTER: readonly CodedCase[] = [
  { from: VERSIONS_TEST, label: '"version" with a number-like string', text: node({ version: '4.3790' }), expect: 'unknown-version-alias@/nodes/NODE1/version' },
  { label: '"version" with a hex string', text: node({ version: '0x00040ECE' }), expect: 'unknown-version-alias@/nodes/NODE1/version' },
  { label: '"version" with an out-of-range "M.m"', text: node({ version: '4.70000' }), expect: 'unknown-version-alias@/nodes/NODE1/version' },
  { label: 'an empty "version"', text: node({ version: '' }), expect: 'unknown-version-alias@/nodes/NODE1/version' },
  { label: '"to" with a number-like string', text: upgradeTo('4.3790'), expect: 'unknown-version-alias@/steps/0/to' },
  { label: 'an empty "highest"', text: node({ highest: '' }), expect: 'unknown-version-alias@/nodes/NODE1/highest' },
];

/** Valid variants of each construct: the schema and the reader accept them. */
const ACCEPTED: readonly Case[] = [
  {
    from: RULES_TEST,
    label: 'every optional property, a 15-character name',
    text: everyOptionalProperty(),
  },
  { from: RULES_TEST, label: 'hex, number and M.m', text: plan({ NODE1: { highest: '0x00040ECE', lowest: 198803 }, NODE2: { highest: '4.3790', lowest: '3.2195' } }, []) },
  { from: RULES_TEST, label: 'comments and trailing commas', text: '// plan\n{ /* c */ "nodes": { "NODE1": { "version": "ws2003-rtm", }, }, "steps": [ { "action": "note", "text": "a" }, ], }\n' },

  // The top level.
  { label: 'only "nodes" and "steps", both empty', text: '{ "nodes": {}, "steps": [] }' },
  { label: 'versionMatch "major"', text: top({ versionMatch: 'major' }) },
  { label: '"$schema" with this schema\'s address', text: top({ $schema: '../schemas/clusterplan.schema.json' }) },

  // The plan's own versions.
  { label: 'a release with every property, overriding a built-in alias', text: versions({ 'ws2003-rc2': { highest: '4.3718', lowest: '3.2195', preRelease: true, note: 'RC2' } }) },
  { label: 'a release with only "highest", as a DWORD', text: versions({ sp1: { highest: 265935 } }) },
  { label: 'a release in hex', text: versions({ sp1: { highest: '0x00040ECF', lowest: '0x00030893' } }) },
  { label: 'an alias with a space inside', text: versions({ 'ws 2003 sp1': { highest: '4.3800' } }) },
  { label: 'an alias that starts like hex', text: plan({ NODE1: { version: '0xbeta' } }, [], { top: { versions: { '0xbeta': { highest: '4.3800' } } } }) },
  { label: 'an alias with digits and a letter', text: plan({ NODE1: { version: '4.3800a' } }, [], { top: { versions: { '4.3800a': { highest: '4.3800' } } } }) },
  { label: 'an alias of one character', text: plan({ NODE1: { version: 'x' } }, [], { top: { versions: { x: { highest: '4.3800' } } } }) },

  // Versions.
  { label: '"M.m" at its limits', text: plan({ NODE1: { highest: '65535.65535', lowest: '0.0' } }, []) },
  { label: '"M.m" with leading zeros, 10 digits each', text: node({ highest: '0000000004.0000003790', lowest: '00003.02195' }) },
  { label: 'hex in either case, 1 and 8 digits', text: node({ highest: '0XFFFFFFFF', lowest: '0x0' }) },
  { label: 'DWORD numbers at their limits', text: node({ highest: 4294967295, lowest: 0 }) },
  { label: 'a DWORD in exponent notation', text: node({ highest: raw('1e3') }) },
  { label: 'a DWORD of -0', text: node({ highest: raw('-0') }) },
  { label: 'aliases as "highest" and "lowest"', text: node({ highest: 'ws2003-rtm', lowest: 'win2000' }) },
  { label: 'a node with only "highest"', text: node({ highest: '4.3790' }) },
  { label: 'a stopped node with noVersionCheck and a description', text: node({ ...RTM, state: 'stopped', noVersionCheck: true, description: 'SQL' }) },
  { label: 'node names with punctuation and accents', text: plan({ 'SQL-01.A_B$': RTM, 'ÉCLAIR#2': RTM, '15CHARACTERSOK!': RTM }, []) },
  { label: 'a node name with a period inside and at the end', text: plan({ 'NODE.1': RTM, 'NODE2.': RTM }, []) },
  { label: 'a cluster name with a period inside', text: top({ cluster: 'PROD.CLUS' }) },

  // Steps.
  { label: 'start, join and restart with a sponsor', text: steps(step.start('NODE2', 'NODE1'), step.restart('NODE2'), { action: 'restart', node: 'NODE1', sponsor: 'NODE2' }, step.stop('NODE2'), step.join('NODE2', 'NODE1')) },
  { label: 'an upgrade to { "highest" } only', text: upgradeTo({ highest: '4.3790' }) },
  { label: 'an upgrade to aliases inside { "highest", "lowest" }', text: upgradeTo({ highest: 'ws2003-rtm', lowest: 'win2000' }) },
  { label: 'an upgrade to a DWORD and hex', text: upgradeTo({ highest: 265934, lowest: '0x00030893' }) },
  { label: 'an upgrade with id and description', text: steps({ action: 'upgrade', node: 'NODE2', to: 'ws2003-rtm', id: 'u1', description: 'RTM' }) },
  { label: 'the registry value name in any case', text: steps(step.setNvc('NODE2', { name: 'noversioncheck' }), step.deleteNvc('NODE2', { name: 'NOVERSIONCHECK' })) },
  { label: 'a registry type in any case', text: steps(step.setNvc('NODE2', { type: 'reg_dword' }), step.setNvc('NODE2', { type: 'Reg_Multi_Sz', data: 'a' })) },
  { label: 'every registry type', text: steps(...['REG_DWORD', 'REG_QWORD', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_MULTI_SZ', 'REG_BINARY'].map((type) => step.setNvc('NODE2', { type }))) },
  { label: 'a set-registry without "type"', text: steps({ action: 'set-registry', node: 'NODE2', name: 'NoVersionCheck', data: 1 }) },
  { label: 'data as a string, a fraction or negative', text: steps(step.setNvc('NODE2', { data: '1' }), step.setNvc('NODE2', { data: raw('1.5') }), step.setNvc('NODE2', { data: -1 })) },
  { label: 'a registry key on a delete-registry', text: steps(step.deleteNvc('NODE2', { key: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters' })) },
  { label: 'a grant without rights, a revoke', text: steps({ action: 'cluster-security', grant: 'NETWORKSERVICE' }, step.revoke()) },
  { label: 'a note with id and description', text: steps({ action: 'note', text: 'x', id: 'n', description: 'why' }) },
  // The functional level (Windows Server 2008 and later).
  { label: 'functionalLevel 5, Windows Server 2008', text: levelTop({ functionalLevel: 5 }) },
  { label: 'functionalLevel 12, Windows Server 2025', text: levelTop({ functionalLevel: 12 }) },
  { label: 'functionalLevel as a built-in alias', text: levelTop({ functionalLevel: 'ws2016' }) },
  { label: 'functionalLevel as the plan\'s own alias', text: levelTop({ versions: { 'ws2019-cu': { highest: '10.5' } }, functionalLevel: 'ws2019-cu' }) },
  { label: 'paused true and false', text: plan({ NODE1: { ...WS2016, paused: true }, NODE2: { ...WS2016, paused: false } }, []) },
  {
    label: 'drain, resume, evict, add and update-functional-level, with id and description',
    text: levelSteps(
      { action: 'drain', node: 'NODE1', id: 'd1', description: 'roles to NODE2' },
      { action: 'resume', node: 'NODE1' },
      { action: 'evict', node: 'NODE2' },
      { action: 'add', node: 'NODE2', description: 'back' },
      { action: 'update-functional-level', id: 'raise', description: 'for good' },
    ),
  },
  // Windows' case-insensitive names, as JavaScript folds case: the Kelvin sign lowercases to "k", the
  // dotless ı uppercases to "I", the long ſ to "S".
  { label: 'NoVersionCheck with a Kelvin sign', text: steps(step.setNvc('NODE2', { name: 'NoVersionChec\u212a' })) },
  { label: 'registry types with ı and ſ', text: steps(step.setNvc('NODE2', { type: 'reg_bınary' }), step.setNvc('NODE2', { type: 'REG_ſZ', data: 'a' })) },
];

/** What the reader refuses and JSON Schema cannot see: the schema accepts them. */
const INEXPRESSIBLE: readonly CodedCase[] = [
  {
    from: VERSIONS_TEST,
    label: '4.0: a whole number written with a fraction',
    text: node({ highest: raw('4.0') }),
    expect: 'invalid-version@/nodes/NODE1/highest',
  },
  { label: '1.5e3: a whole number written with a fraction', text: node({ highest: raw('1.5e3') }), expect: 'invalid-version@/nodes/NODE1/highest' },
  { label: '4294967295.0 in "to"', text: upgradeTo({ highest: raw('4294967295.0') }), expect: 'invalid-version@/steps/0/to/highest' },
  {
    label: 'a key given twice in a step',
    text: '{ "nodes": { "NODE1": { "version": "ws2003-rtm" } }, "steps": [ { "action": "stop", "node": "NODE1", "node": "NODE1" } ] }',
    expect: 'schema@/steps/0/node',
  },
  {
    label: 'a key given twice in a node',
    text: '{ "nodes": { "NODE1": { "version": "ws2003-rtm", "state": "running", "state": "stopped" } }, "steps": [] }',
    expect: 'schema@/nodes/NODE1/state',
  },
  {
    label: 'a key given twice in a release',
    text: '{ "versions": { "sp1": { "highest": "4.3800", "highest": "4.3801" } }, "nodes": { "NODE1": { "version": "sp1" } }, "steps": [] }',
    expect: 'schema@/versions/sp1/highest',
  },
  {
    label: 'a key given twice in an upgrade target',
    text: '{ "nodes": { "NODE1": { "version": "win2000", "state": "stopped" } }, "steps": [ { "action": "upgrade", "node": "NODE1", "to": { "highest": "4.3790", "highest": "4.3718" } } ] }',
    expect: 'schema@/steps/0/to/highest',
  },
  // Whether a plan has a functional level depends on its nodes' versions, which may be its own aliases.
  { label: 'functionalLevel in a plan of Windows Server 2003', text: top({ functionalLevel: 9 }), expect: 'schema@/functionalLevel' },
  { label: 'paused in a plan of Windows Server 2003', text: node({ ...RTM, paused: true }), expect: 'schema@/nodes/NODE1/paused' },
  { label: 'a drain in a plan of Windows Server 2003', text: steps({ action: 'drain', node: 'NODE1' }), expect: 'schema@/steps/0/action' },
  { label: 'an update-functional-level in a plan of Windows Server 2003', text: steps({ action: 'update-functional-level' }), expect: 'schema@/steps/0/action' },
  { label: 'functionalLevel as the alias of a release before 2008', text: levelTop({ functionalLevel: 'ws2003' }), expect: 'invalid-version@/functionalLevel' },
  { label: 'functionalLevel as an alias no one declares', text: levelTop({ functionalLevel: 'ws2099' }), expect: 'invalid-version@/functionalLevel' },
  // 8 characters for a validator, which counts code points; 16 UTF-16 code units for the reader.
  { label: 'a node name of 8 emoji', text: named('😀'.repeat(8)), expect: `schema@/nodes/${'😀'.repeat(8)}` },
];

/** Plans the format allows, whose mistakes other rules find: the schema accepts them. */
const OTHER_RULES: readonly CodedCase[] = [
  { from: RULES_TEST, label: 'node names equal ignoring case', text: plan({ NODE1: RTM, node1: RTM }, []), expect: 'duplicate-node@/nodes/node1' },
  { from: RULES_TEST, label: 'a step naming an undeclared node', text: steps(step.stop('NODE3')), expect: 'unknown-node@/steps/0/node' },
  { from: RULES_TEST, label: 'an undeclared sponsor', text: steps(step.start('NODE2', 'NODE3')), expect: 'unknown-node@/steps/0/sponsor' },
  { from: RULES_TEST, label: 'a misspelt alias', text: node({ version: 'ws2003-rmt' }), expect: 'unknown-version-alias@/nodes/NODE1/version' },
  { from: FIXES_TEST, label: 'an alias in capitals', text: node({ version: 'WS2003-RTM' }), expect: 'unknown-version-alias@/nodes/NODE1/version' },
  { label: 'an undeclared alias as "highest"', text: node({ highest: 'ws2003-sp9' }), expect: 'unknown-version-alias@/nodes/NODE1/highest' },
  { label: 'an undeclared alias that starts like hex', text: node({ highest: '0x1G' }), expect: 'unknown-version-alias@/nodes/NODE1/highest' },
  { label: 'lowest above highest', text: node({ highest: '3.2195', lowest: '4.3790' }), expect: 'lowest-above-highest@/nodes/NODE1' },
  { from: RULES_TEST, label: 'NoVersionCheck as a REG_SZ "1"', text: steps(step.setNvc('NODE2', { type: 'REG_SZ', data: '1' }), step.deleteNvc('NODE2')), expect: 'noversioncheck-value@/steps/0' },
  {
    label: '65 nodes',
    text: plan(Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`NODE${i + 1}`, RTM])), []),
    expect: 'limit-exceeded@/nodes',
  },
];

/**
 * Where the reader accepts what the format does not: it never reads these values. The schema follows the
 * format; the day the reader reports them, these cases move to REJECTED.
 */
const READER_GAPS: readonly Case[] = [];

/** The examples the schema rejects, and why; any other example must validate. */
const EXAMPLES: Readonly<Record<string, string>> = {
  'mistakes/version-as-json-number.clusterplan': 'invalid-version: 4.3790 as a JSON number is not an integer',
};
/** Examples whose version or shape the reader refuses, but whose mistake JSON Schema cannot see. */
const EXAMPLES_BEYOND_THE_SCHEMA: Readonly<Record<string, string>> = {
  'mistakes/version-alias-typo.clusterplan': 'unknown-version-alias: whether "ws2003-rmt" is declared',
};

function label(c: Case): string {
  return c.from ? `${c.label} (${c.from})` : c.label;
}

// ── the schema itself ────────────────────────────────────────────────────────────────────────────────

describe('the schema', () => {
  it('is draft-07 and compiles in strict mode', () => {
    assert.equal(SCHEMA.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.doesNotThrow(() => new Ajv({ allErrors: true, strict: true }).compile(SCHEMA));
  });

  it('describes every property', () => {
    const undescribed: string[] = [];
    const visit = (value: unknown, where: string): void => {
      if (value === null || typeof value !== 'object') return;
      const object = value as Record<string, unknown>;
      const properties = object.properties as Record<string, unknown> | undefined;
      for (const [key, property] of Object.entries(properties ?? {})) {
        // `true` and `false` in an action's list say which properties it takes, and an `if` tests the
        // action: the description is on the step's own property.
        if (!where.endsWith('/if') && typeof property === 'object' && typeof (property as Record<string, unknown>).description !== 'string') undescribed.push(`${where}/properties/${key}`);
      }
      for (const [key, child] of Object.entries(object)) visit(child, `${where}/${key}`);
    };
    visit(SCHEMA, '#');
    assert.deepEqual(undescribed, []);
  });

  it('has cases in every table', () => {
    assert.ok(REJECTED.length >= 100, `${REJECTED.length} rejected cases`);
    assert.ok(ACCEPTED.length >= 30, `${ACCEPTED.length} accepted cases`);
    assert.ok(SCHEMA_STRICTER.length > 0 && INEXPRESSIBLE.length > 0 && OTHER_RULES.length > 0);
    const labels = [...REJECTED, ...READER_GAPS, ...SCHEMA_STRICTER, ...ACCEPTED, ...INEXPRESSIBLE, ...OTHER_RULES].map((c) => c.label);
    assert.deepEqual(labels.filter((l, i) => labels.indexOf(l) !== i), [], 'labels are unique');
  });
});

// ── the examples ─────────────────────────────────────────────────────────────────────────────────────

describe('the examples', () => {
  const root = path.join(REPO_ROOT, 'examples');
  const files = planFiles(root).sort().map((file) => ({ name: path.relative(root, file).split(path.sep).join('/'), text: fs.readFileSync(file, 'utf8') }));

  it('are all here: the plans of both families, and the mistakes the tables above name', () => {
    const plans = files.filter((f) => !f.name.startsWith('mistakes/')).map((f) => f.name);
    assert.deepEqual(plans, ['kb811272-rc2-to-rtm.clusterplan', 'win2000-to-ws2003.clusterplan', 'ws2016-to-ws2019-in-place.clusterplan', 'ws2019-to-ws2022-clean-install.clusterplan']);
    for (const name of [...Object.keys(EXAMPLES), ...Object.keys(EXAMPLES_BEYOND_THE_SCHEMA)]) assert.ok(files.some((f) => f.name === name), name);
  });

  for (const { name, text } of files) {
    const reason = EXAMPLES[name];
    const beyond = EXAMPLES_BEYOND_THE_SCHEMA[name];
    it(reason ? `${name} is rejected (${reason})` : beyond ? `${name} validates (${beyond} is beyond the schema)` : `${name} validates`, () => {
      const verdict = validateText(text);
      assert.equal(verdict.valid, reason === undefined, verdict.errors.join('\n'));
    });
  }

  it('the examples the reader refuses for their shape or versions are exactly those two', () => {
    const codes = new Set([...SCHEMA_CODES, 'unknown-version-alias']);
    const refused = files.filter((f) => analyze(f.text).findings.some((x) => codes.has(x.code))).map((f) => f.name);
    assert.deepEqual(refused, [...Object.keys(EXAMPLES), ...Object.keys(EXAMPLES_BEYOND_THE_SCHEMA)].sort());
  });
});

// ── the tables, against the schema ───────────────────────────────────────────────────────────────────

describe('the schema rejects each mistake it can express', () => {
  for (const c of REJECTED) {
    it(label(c), () => {
      const verdict = validateText(c.text);
      assert.equal(verdict.valid, false, `accepted:\n${c.text}`);
      // The schema objects to the element the reader points at, not to something else in the plan.
      const pointers = schemaFindings(c.text).map((f) => f.slice(f.indexOf('@') + 1));
      assert.ok(
        verdict.paths.some((p) => pointers.some((q) => related(p, q))),
        `the schema's errors (${verdict.errors.join('; ')}) are not where the reader points (${pointers.join(', ')})`,
      );
    });
  }
  for (const c of READER_GAPS) {
    it(`${label(c)}: the reader does not check it yet`, () => {
      const verdict = validateText(c.text);
      assert.equal(verdict.valid, false, `accepted:\n${c.text}`);
    });
  }
  for (const c of SCHEMA_STRICTER) {
    it(`${label(c)}: rejected by the schema`, () => {
      const verdict = validateText(c.text);
      assert.equal(verdict.valid, false, `accepted:\n${c.text}`);
    });
  }
});

describe('the schema accepts the near misses', () => {
  for (const c of ACCEPTED) {
    it(label(c), () => {
      const verdict = validateText(c.text);
      assert.ok(verdict.valid, verdict.errors.join('\n'));
    });
  }
});

describe('the schema accepts what it cannot check', () => {
  for (const c of [...INEXPRESSIBLE, ...OTHER_RULES]) {
    it(`${label(c)}: left to ${c.expect.slice(0, c.expect.indexOf('@'))}`, () => {
      const verdict = validateText(c.text);
      assert.ok(verdict.valid, verdict.errors.join('\n'));
    });
  }
});

// ── the tables, against the reader ───────────────────────────────────────────────────────────────────

describe('the reader agrees: a schema or invalid-version finding exactly where the schema rejects', () => {
  for (const c of REJECTED) {
    it(`rejects: ${label(c)}`, () => {
      assert.notDeepEqual(schemaFindings(c.text), [], `the reader accepts it: ${codesAt(c.text).join(', ')}`);
    });
  }
  for (const c of ACCEPTED) {
    it(`accepts: ${label(c)}`, () => {
      const codes = codesAt(c.text).filter((code) => SCHEMA_CODES.has(code.slice(0, code.indexOf('@'))) || code.startsWith('unknown-version-alias@'));
      assert.deepEqual(codes, []);
    });
  }
  for (const c of SCHEMA_STRICTER) {
    it(`${c.expect.slice(0, c.expect.indexOf('@'))}, not schema: ${label(c)}`, () => {
      assert.deepEqual(schemaFindings(c.text), []);
      assert.ok(codesAt(c.text).includes(c.expect), codesAt(c.text).join(', '));
    });
  }
  for (const c of READER_GAPS) {
    it(`not yet reported: ${label(c)}`, () => {
      assert.deepEqual(schemaFindings(c.text), [], 'the reader reports this now: move the case to REJECTED');
    });
  }
  for (const c of INEXPRESSIBLE) {
    it(`beyond the schema: ${label(c)}`, () => {
      assert.deepEqual(schemaFindings(c.text), [c.expect]);
    });
  }
  for (const c of OTHER_RULES) {
    it(`another rule: ${label(c)}`, () => {
      assert.deepEqual(schemaFindings(c.text), []);
      assert.ok(codesAt(c.text).includes(c.expect), codesAt(c.text).join(', '));
    });
  }
});

// ── an editor ────────────────────────────────────────────────────────────────────────────────────────

describe('VS Code\'s JSON language service, given the schema', () => {
  // Plans as if in examples/, where "$schema": "../schemas/clusterplan.schema.json" names this schema.
  const documentUri = pathToFileURL(path.join(REPO_ROOT, 'examples', 'plan.clusterplan')).href;
  const service = (associate: boolean) => {
    const languageService = getLanguageService({
      workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
      schemaRequestService: async (uri) => fs.readFileSync(fileURLToPath(uri), 'utf8'),
    });
    const schemas = associate ? [{ uri: String(SCHEMA.$id), fileMatch: ['*.clusterplan'], schema: SCHEMA }] : [];
    languageService.configure({ validate: true, allowComments: true, schemas });
    return languageService;
  };
  const editorErrors = async (languageService: ReturnType<typeof service>, text: string) => {
    const document = TextDocument.create(documentUri, 'jsonc', 1, text);
    const diagnostics = await languageService.doValidation(document, languageService.parseJSONDocument(document), { comments: 'ignore', trailingCommas: 'ignore' });
    // The JSONC parser's own warnings (a key given twice) are not the schema's.
    return diagnostics.filter((d) => d.source !== 'jsonc').map((d) => d.message);
  };

  // The editor reads a number's source text: 4.0 is no integer to it, as to clusterplan; and 1e400 is a
  // number to it, where ajv gets the infinity a JSON parser makes of it, which no JSON number is.
  const EDITOR_STRICTER = ['4.0: a whole number written with a fraction', '1.5e3: a whole number written with a fraction', '4294967295.0 in "to"'];
  const EDITOR_LOOSER = ['"data" too large for a double'];

  it('agrees with ajv on every case, except numbers as their source text reads', async () => {
    const associated = service(true);
    const disagreements: string[] = [];
    for (const c of [...REJECTED, ...READER_GAPS, ...SCHEMA_STRICTER, ...ACCEPTED, ...INEXPRESSIBLE, ...OTHER_RULES]) {
      const errors = await editorErrors(associated, c.text);
      if ((errors.length === 0) !== validateText(c.text).valid) disagreements.push(c.label);
    }
    assert.deepEqual(disagreements, [...EDITOR_LOOSER, ...EDITOR_STRICTER]);
  });

  it('follows "$schema" in the plan without any setting', async () => {
    const plain = service(false);
    const named = (plan: string) => plan.replace('{', '{ "$schema": "../schemas/clusterplan.schema.json",');
    assert.deepEqual(await editorErrors(plain, named(steps(step.stop('NODE1')))), []);
    assert.match((await editorErrors(plain, named(steps({ action: 'reboot', node: 'NODE1' })))).join('\n'), /Valid values: "stop", "start"/);
    assert.deepEqual(await editorErrors(plain, steps({ action: 'reboot', node: 'NODE1' })), [], 'without "$schema" or a setting, nothing is checked');
  });
});
