/**
 * The TextMate grammar (syntaxes/clusterplan.tmLanguage.json) and the language configuration, tested with
 * the same engine VS Code uses (vscode-textmate on vscode-oniguruma), outside the editor.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import { loadClusterplanGrammar, pathologicalLines, PATHOLOGICAL_LINE_LENGTH, SCOPE_NAME, TOKENIZER_STATES } from '../support/grammar';

// Compiled to out/test/unit/, so the repository root is three levels up.
const ROOT = path.resolve(__dirname, '../../..');
const GRAMMAR_FILE = path.join(ROOT, 'syntaxes', 'clusterplan.tmLanguage.json');
const LANGUAGE_CONFIGURATION_FILE = path.join(ROOT, 'language-configuration.json');


let grammarPromise: Promise<vsctm.IGrammar> | undefined;

function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= loadClusterplanGrammar(ROOT);
  return grammarPromise;
}

interface Token {
  readonly line: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

async function tokenize(source: string): Promise<Token[]> {
  const grammar = await loadGrammar();
  const tokens: Token[] = [];
  let state = vsctm.INITIAL;
  source.split('\n').forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const token of result.tokens) {
      const text = lineText.slice(token.startIndex, token.endIndex);
      tokens.push({ line, text, scopes: token.scopes });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/**
 * The n-th token (0-based; negative counts from the end) whose text is exactly `text`, on the first line
 * that contains `lineMarker`.
 */
function tokenOf(tokens: readonly Token[], source: string, lineMarker: string, text: string, n = 0): Token {
  const line = source.split('\n').findIndex((l) => l.includes(lineMarker));
  assert.notEqual(line, -1, `no line contains ${JSON.stringify(lineMarker)}`);
  const matches = tokens.filter((t) => t.line === line && t.text === text);
  const token = matches.at(n);
  assert.ok(
    token,
    `no token #${n} ${JSON.stringify(text)} on line ${line}; tokens: ` +
      JSON.stringify(tokens.filter((t) => t.line === line).map((t) => t.text)),
  );
  return token;
}

function assertScope(token: Token, scope: string): void {
  assert.ok(
    token.scopes.includes(scope),
    `${JSON.stringify(token.text)} (line ${token.line}) should have ${scope}; has ${token.scopes.join(' ')}`,
  );
}

function assertNoScope(token: Token, prefix: string): void {
  const found = token.scopes.find((s) => s === prefix || s.startsWith(`${prefix}.`));
  assert.equal(found, undefined, `${JSON.stringify(token.text)} (line ${token.line}) should not have ${prefix}`);
}

const PLAN = String.raw`// Rolling upgrade of PRODCLUS from Windows Server 2003 RC2 to RTM
{
  "$schema": "./clusterplan.schema.json",
  "cluster": "PRODCLUS",                    /* the cluster's name */
  "versionMatch": "exact",
  "versions": {
    "ws2003-sp1": { "highest": "4.3790", "lowest": "3.2195", "preRelease": false }
  },
  "nodes": {
    "NODE1": { "version": "ws2003-rc2" },
    "NODE-2": { "highest": "4.3718", "lowest": "3.2195" },
    "NODE3": { "highest": 265934, "lowest": "0x00030893",
               "state": "stopped",
               "noVersionCheck": true }
  },
  "steps": [
    { "action": "stop", "node": "NODE1", },
    { "action": "set-registry", "node": "NODE1", "name": "NoVersionCheck", "type": "REG_DWORD", "data": 1,
      "key": "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\ClusSvc\\Parameters" },
    { "action": "upgrade", "node": "NODE-2", "to": "ws2003-sp1" },
    { "action": "join", "node": "NODE-2", "sponsor": "NODE1" },
    { "action": "cluster-security", "grant": "NETWORKSERVICE", "rights": "full" },
    { "action": "note", "text": "Tell \"ops\" before NODE1 restarts", "id": "n1", "x-extra": 2 },
  ],
}
`;

test('grammar: scopes of a representative plan', async () => {
  const tokens = await tokenize(PLAN);
  const at = (marker: string, text: string, n = 0): Token => tokenOf(tokens, PLAN, marker, text, n);

  // Nothing in a valid plan is invalid, trailing commas included.
  const invalid = tokens.filter((t) => t.scopes.some((s) => s.startsWith('invalid.')));
  assert.deepEqual(
    invalid.map((t) => `${t.line}:${t.text}`),
    [],
    'no token of a valid plan should be invalid',
  );

  // Comments.
  assertScope(at('// Rolling', '//'), 'comment.line.double-slash.json.clusterplan');
  assertScope(at('// Rolling', '//'), 'punctuation.definition.comment.json.clusterplan');
  assertScope(at('/* the cluster', " the cluster's name "), 'comment.block.json.clusterplan');

  // Property names: every key is a JSON property name; the format's own are marked as such.
  const actionKey = at('"action": "stop"', 'action');
  assertScope(actionKey, 'support.type.property-name.json.clusterplan');
  assertScope(actionKey, 'support.type.property-name.format.clusterplan');
  assertScope(actionKey, 'string.json.clusterplan');
  assertScope(at('"$schema"', '$schema'), 'support.type.property-name.format.clusterplan');
  assertScope(at('"noVersionCheck": true', 'noVersionCheck'), 'support.type.property-name.format.clusterplan');
  const extraKey = at('"x-extra"', 'x-extra');
  assertScope(extraKey, 'support.type.property-name.json.clusterplan');
  assertNoScope(extraKey, 'support.type.property-name.format');
  assertScope(at('"$schema"', '"', 0), 'punctuation.support.type.property-name.begin.json.clusterplan');

  // The value of "action".
  assertScope(at('"action": "stop"', 'stop'), 'keyword.control.action.clusterplan');
  assertScope(at('"action": "stop"', 'stop'), 'string.quoted.double.json.clusterplan');
  assertScope(at('"action": "set-registry"', 'set-registry'), 'keyword.control.action.clusterplan');
  assertScope(at('"action": "cluster-security"', 'cluster-security'), 'keyword.control.action.clusterplan');

  // Node references and node names.
  assertScope(at('"action": "stop"', 'NODE1'), 'variable.other.node.clusterplan');
  assertScope(at('"sponsor": "NODE1"', 'NODE1'), 'variable.other.node.clusterplan');
  assertScope(at('"sponsor": "NODE1"', 'NODE-2'), 'variable.other.node.clusterplan');
  const nodeKey = at('"NODE-2": {', 'NODE-2');
  assertScope(nodeKey, 'entity.name.node.clusterplan');
  assertScope(nodeKey, 'support.type.property-name.json.clusterplan');
  assertScope(at('"NODE1": { "version"', 'NODE1'), 'entity.name.node.clusterplan');
  // ...but only as keys of "nodes": a key inside a node is a property.
  assertNoScope(at('"NODE1": { "version"', 'version'), 'entity.name.node');

  // Versions: "M.m", hex, DWORD numbers, aliases.
  assertScope(at('"NODE-2": {', '4.3718'), 'constant.numeric.version.major-minor.clusterplan');
  assertScope(at('"NODE-2": {', '3.2195'), 'constant.numeric.version.major-minor.clusterplan');
  assertScope(at('"NODE3": {', '0x00030893'), 'constant.numeric.version.hex.clusterplan');
  assertScope(at('"NODE3": {', '265934'), 'constant.numeric.version.dword.clusterplan');
  assertScope(at('"NODE1": { "version"', 'ws2003-rc2'), 'constant.language.version-alias.clusterplan');
  assertScope(at('"to": "ws2003-sp1"', 'ws2003-sp1'), 'variable.other.version-alias.clusterplan');
  assertScope(at('"ws2003-sp1": {', 'ws2003-sp1'), 'entity.name.version-alias.clusterplan');
  assertScope(at('"ws2003-sp1": {', '4.3790'), 'constant.numeric.version.major-minor.clusterplan');
  // A number that is not in a version position is just a number.
  const data = at('"data": 1', '1');
  assertScope(data, 'constant.numeric.json.clusterplan');
  assertNoScope(data, 'constant.numeric.version');

  // Registry.
  assertScope(at('"name": "NoVersionCheck"', 'NoVersionCheck'), 'support.constant.registry.value-name.clusterplan');
  assertScope(at('"type": "REG_DWORD"', 'REG_DWORD'), 'support.constant.registry.type.clusterplan');
  assertScope(at('"key": "HKEY', 'HKEY_LOCAL_MACHINE'), 'support.constant.registry.key.clusterplan');
  assertScope(at('"key": "HKEY', 'Parameters'), 'support.constant.registry.key.clusterplan');
  assertScope(at('"key": "HKEY', '\\\\'), 'constant.character.escape.json.clusterplan');

  // Other enumerations.
  assertScope(at('"grant"', 'NETWORKSERVICE'), 'support.constant.account.clusterplan');
  assertScope(at('"grant"', 'full'), 'support.constant.rights.clusterplan');
  assertScope(at('"state": "stopped"', 'stopped'), 'support.constant.state.clusterplan');
  assertScope(at('"versionMatch"', 'exact'), 'support.constant.version-match.clusterplan');
  assertScope(at('"cluster": "PRODCLUS"', 'PRODCLUS'), 'entity.name.cluster.clusterplan');

  // JSON constants and punctuation.
  assertScope(at('"preRelease": false', 'false'), 'constant.language.json.clusterplan');
  assertScope(at('"noVersionCheck": true', 'true'), 'constant.language.json.clusterplan');
  assertScope(at('"NODE-2": {', ':'), 'punctuation.separator.dictionary.key-value.json.clusterplan');
  assertScope(at('"steps": [', '['), 'punctuation.definition.array.begin.json.clusterplan');

  // Trailing commas: in an object, then in the array of steps and in the root object.
  const stopLine = '{ "action": "stop", "node": "NODE1", }';
  assertScope(at(stopLine, ',', 1), 'punctuation.separator.dictionary.pair.json.clusterplan');
  assertScope(at(stopLine, '}'), 'punctuation.definition.dictionary.end.json.clusterplan');
  assertScope(at('"x-extra": 2 },', ',', -1), 'punctuation.separator.array.json.clusterplan');
  assertScope(at('  ],', ']'), 'punctuation.definition.array.end.json.clusterplan');
  assertScope(at('  ],', ','), 'punctuation.separator.dictionary.pair.json.clusterplan');

  // A string with escaped quotes keeps going to its real end, and what follows is tokenized normally.
  const noteLine = '"text": "Tell';
  assertScope(at(noteLine, '\\"', 0), 'constant.character.escape.json.clusterplan');
  assertScope(at(noteLine, '\\"', 1), 'constant.character.escape.json.clusterplan');
  assertScope(at(noteLine, ' before NODE1 restarts'), 'string.quoted.double.json.clusterplan');
  assertNoScope(at(noteLine, ' before NODE1 restarts'), 'variable.other.node');
  assertScope(at(noteLine, 'id'), 'support.type.property-name.format.clusterplan');

  // The last line closes the root object: nothing was left open.
  const last = tokens.filter((t) => t.text === '}').at(-1);
  assert.ok(last);
  assert.deepEqual(last.scopes, [SCOPE_NAME, 'punctuation.definition.dictionary.end.json.clusterplan']);
});

test('grammar: values are scoped by their key only', async () => {
  const source = [
    '{ "action": "bogus", "node": "stop", "text": "NoVersionCheck REG_DWORD 4.3790 ws2003-rtm",',
    '  "description": 265934, "lowest": 4.3790, "highest": "4.37.90", "to": 0x10,',
    '  "action"',
    '    : /* between */ "restart" }',
    '"unterminated \\" string',
    '{ "node": "NODE1" }',
  ].join('\n');
  const tokens = await tokenize(source);
  const at = (marker: string, text: string, n = 0): Token => tokenOf(tokens, source, marker, text, n);

  assertNoScope(at('"bogus"', 'bogus'), 'keyword.control.action');
  assertScope(at('"bogus"', 'bogus'), 'string.quoted.double.json.clusterplan');
  assertNoScope(at('"node": "stop"', 'stop'), 'keyword.control.action');
  assertScope(at('"node": "stop"', 'stop'), 'variable.other.node.clusterplan');
  const text = at('"text"', 'NoVersionCheck REG_DWORD 4.3790 ws2003-rtm');
  assert.deepEqual(text.scopes, [SCOPE_NAME, 'string.quoted.double.json.clusterplan']);
  assertNoScope(at('"description": 265934', '265934'), 'constant.numeric.version');
  // A JSON number with a fraction is not a version (the linter reports it); it stays a number.
  assertScope(at('"lowest": 4.3790', '4.3790'), 'constant.numeric.json.clusterplan');
  assertNoScope(at('"lowest": 4.3790', '4.3790'), 'constant.numeric.version');
  assertScope(at('"highest": "4.37.90"', '4.37.90'), 'variable.other.version-alias.clusterplan');
  // A hex number must be quoted; bare, it is not JSON at all.
  assertScope(at('"to": 0x10', '0x10'), 'invalid.illegal.value.json.clusterplan');
  // Key, comment and value on different lines.
  assertScope(at('/* between */', 'restart'), 'keyword.control.action.clusterplan');
  assertScope(at('/* between */', ' between '), 'comment.block.json.clusterplan');
  // An unterminated string ends with its line, as jsonc-parser ends it.
  assertScope(at('{ "node": "NODE1" }', 'NODE1'), 'variable.other.node.clusterplan');
});

// A regular expression can backtrack super-linearly when a repeated group (*, +, {n,}) itself contains a
// repeating quantifier, as in (a+)+. The grammar avoids that shape everywhere; this keeps it that way.
function quantifiedGroupsWithQuantifiers(regex: string): string[] {
  const problems: string[] = [];
  const open: { start: number; quantified: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') open.push({ start: i, quantified: false });
    else if (c === ')') {
      const group = open.pop();
      const next = regex[i + 1];
      const repeats = next === '*' || next === '+' || (next === '{' && /^\{\d*,/.test(regex.slice(i + 1)));
      if (group && repeats && group.quantified) problems.push(regex.slice(group.start, i + 2));
      if (group?.quantified && open.length > 0) open[open.length - 1]!.quantified = true;
    } else if ((c === '*' || c === '+' || (c === '{' && /^\{\d*,/.test(regex.slice(i)))) && open.length > 0) {
      open[open.length - 1]!.quantified = true;
    }
  }
  return problems;
}

function regexesOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) regexesOf(item, out);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'match' || key === 'begin' || key === 'end' || key === 'while') && typeof value === 'string') {
        out.push(value);
      } else {
        regexesOf(value, out);
      }
    }
  }
  return out;
}

test('grammar: no regular expression repeats a group that itself repeats', () => {
  const raw: unknown = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8'));
  const regexes = regexesOf(raw);
  assert.ok(regexes.length > 20, 'the grammar should have been read');
  const problems = regexes.flatMap((r) => quantifiedGroupsWithQuantifiers(r).map((p) => `${p} in ${r}`));
  assert.deepEqual(problems, []);
  assert.deepEqual(quantifiedGroupsWithQuantifiers('(a+)+'), ['(a+)+'], 'the check itself should work');
  assert.deepEqual(quantifiedGroupsWithQuantifiers('(?:x|(a{2,}))*'), ['(?:x|(a{2,}))*']);
  assert.deepEqual(quantifiedGroupsWithQuantifiers('(?:\\u[0-9a-f]{4}|[(+*])++'), []);
});

test('grammar: pathological 20,000-character lines tokenize', async (t) => {
  const grammar = await loadGrammar();
  const N = PATHOLOGICAL_LINE_LENGTH;
  const lines = pathologicalLines();
  const contexts = TOKENIZER_STATES;

  // One untimed pass first: the heap grows to hold the deepest states and the JIT settles.
  for (const line of Object.values(lines)) grammar.tokenizeLine2(line, vsctm.INITIAL);

  let worst = { ms: 0, what: '' };
  for (const [contextName, prefix] of Object.entries(contexts)) {
    let state = vsctm.INITIAL;
    for (const line of prefix) state = grammar.tokenizeLine2(line, state).ruleStack;
    for (const [lineName, line] of Object.entries(lines)) {
      assert.equal(line.length, N, lineName);
      // Warm up (regex compilation, JIT) on a short piece, so the time printed is the line's own.
      grammar.tokenizeLine2(line.slice(0, 2_000), state);
      const start = performance.now();
      // tokenizeLine2 is what the editor calls; no time limit, so the line is tokenized to its end.
      const result = grammar.tokenizeLine2(line, state);
      const ms = performance.now() - start;
      assert.equal(result.stoppedEarly, false, `${lineName} in ${contextName}`);
      assert.ok(result.tokens.length >= 2, `${lineName} in ${contextName}`);
      if (ms > worst.ms) worst = { ms, what: `${lineName} in ${contextName}` };
    }
  }
  // One run per line on a shared machine: a guide, not a benchmark, so nothing is asserted on it.
  t.diagnostic(`max ms per 20,000-character line: ${worst.ms.toFixed(1)} (${worst.what})`);
});

test('language configuration: comments, brackets, indentation and words', () => {
  const config = JSON.parse(fs.readFileSync(LANGUAGE_CONFIGURATION_FILE, 'utf8')) as {
    comments: { lineComment: string; blockComment: [string, string] };
    brackets: [string, string][];
    autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
    surroundingPairs: [string, string][];
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
    wordPattern: string;
  };
  assert.equal(config.comments.lineComment, '//');
  assert.deepEqual(config.comments.blockComment, ['/*', '*/']);
  assert.deepEqual(config.brackets, [['{', '}'], ['[', ']']]);
  const quote = config.autoClosingPairs.find((p) => p.open === '"');
  assert.deepEqual(quote?.notIn, ['string', 'comment']);
  assert.ok(config.surroundingPairs.some(([open, close]) => open === '"' && close === '"'));

  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
  for (const line of ['{', '  "nodes": {', '  "steps": [', '  "steps": [ // the plan']) {
    assert.ok(increase.test(line), `indent after ${JSON.stringify(line)}`);
  }
  for (const line of ['  { "action": "stop" },', '  "text": "{"', '  "data": 1,']) {
    assert.ok(!increase.test(line), `no indent after ${JSON.stringify(line)}`);
  }
  for (const line of ['}', '  ],', '    },']) {
    assert.ok(decrease.test(line), `outdent ${JSON.stringify(line)}`);
  }
  assert.ok(!decrease.test('  "a": 1'));

  const words = (text: string): string[] => text.match(new RegExp(config.wordPattern, 'g')) ?? [];
  assert.deepEqual(words('"version": "ws2003-rtm"'), ['version', 'ws2003-rtm']);
  assert.deepEqual(words('"highest": "4.3790", "lowest": "0x00040ECE"'), ['highest', '4.3790', 'lowest', '0x00040ECE']);
  assert.deepEqual(words('{ "action": "set-registry", "node": "NODE-1" }'), ['action', 'set-registry', 'node', 'NODE-1']);
  assert.deepEqual(words('HKLM\\SYSTEM. Done'), ['HKLM', 'SYSTEM', 'Done']);
});

test('scopes on the example plans as written', async () => {
  const kbText = fs.readFileSync(path.join(ROOT, 'examples', 'kb811272-rc2-to-rtm.clusterplan'), 'utf8');
  const kb = await tokenize(kbText);
  assertScope(tokenOf(kb, kbText, '// KB 811272', ' KB 811272: rolling upgrade of a two-node Windows Server 2003 RC2 cluster to the release version (RTM).'), 'comment.line.double-slash.json.clusterplan');
  assertScope(tokenOf(kb, kbText, '"NODE1": { "version"', 'NODE1'), 'entity.name.node.clusterplan');
  assertScope(tokenOf(kb, kbText, '"NODE1": { "version"', 'ws2003-rc2'), 'constant.language.version-alias.clusterplan');
  assertScope(tokenOf(kb, kbText, '{ "action": "stop", "node": "NODE1" }', 'stop'), 'keyword.control.action.clusterplan');
  assertScope(tokenOf(kb, kbText, '{ "action": "stop", "node": "NODE1" }', 'NODE1'), 'variable.other.node.clusterplan');
  assertScope(tokenOf(kb, kbText, '{ "action": "join", "node": "NODE2", "sponsor": "NODE1" }', 'NODE1'), 'variable.other.node.clusterplan');
  assertScope(tokenOf(kb, kbText, '"set-registry", "node": "NODE1"', 'NoVersionCheck'), 'support.constant.registry.value-name.clusterplan');
  assertScope(tokenOf(kb, kbText, '"set-registry", "node": "NODE1"', 'REG_DWORD'), 'support.constant.registry.type.clusterplan');
  assertScope(tokenOf(kb, kbText, '"grant": "NETWORKSERVICE"', 'NETWORKSERVICE'), 'support.constant.account.clusterplan');

  const numericText = fs.readFileSync(path.join(ROOT, 'examples', 'mistakes', 'version-as-json-number.clusterplan'), 'utf8');
  const numeric = await tokenize(numericText);
  const mm = numeric.find((t) => /^\d+\.\d+$/.test(t.text) && t.scopes.some((s) => s.startsWith('constant.numeric')));
  assert.ok(mm, 'the bare 4.3790 is still a number to the grammar (the linter reports it)');
});
