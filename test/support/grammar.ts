/**
 * Shared by the grammar test and the grammar benchmark: the grammar as VS Code loads it (vscode-textmate on
 * vscode-oniguruma), and the pathological lines that must tokenize in linear time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const SCOPE_NAME = 'source.clusterplan';

export async function loadClusterplanGrammar(root: string): Promise<vsctm.IGrammar> {
  const grammarFile = path.join(root, 'syntaxes', 'clusterplan.tmLanguage.json');
  await oniguruma.loadWASM(new Uint8Array(fs.readFileSync(path.join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'))));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) => (scopeName === SCOPE_NAME ? vsctm.parseRawGrammar(fs.readFileSync(grammarFile, 'utf8'), grammarFile) : null),
  });
  const grammar = await registry.loadGrammar(SCOPE_NAME);
  if (!grammar) throw new Error(`grammar ${SCOPE_NAME} did not load`);
  return grammar;
}

export const PATHOLOGICAL_LINE_LENGTH = 20_000;

/** Lines built to make a backtracking regular expression explode, each exactly 20,000 characters. */
export function pathologicalLines(): Record<string, string> {
  const N = PATHOLOGICAL_LINE_LENGTH;
  const repeat = (unit: string): string => unit.repeat(Math.ceil(N / unit.length)).slice(0, N);
  const after = (prefix: string, unit: string, suffix = ''): string =>
    (prefix + unit.repeat(N)).slice(0, N - suffix.length) + suffix;

  return {
    backslashes: repeat('\\'),
    'string of backslashes': after('"', '\\'),
    '0x': repeat('0x'),
    'string of 0x': after('"', '0x'),
    'long hex string': after('"0x', 'F', '.'),
    'unterminated string': after('"', 'a'),
    'unterminated string of digits': after('"', '1'),
    'digits with dots': repeat('1.'),
    'string of digits with dots': after('"', '1.'),
    'digits then a dot': after('', '1', '.'),
    'digits then e': after('1.', '1', 'e+'),
    'nested {"a":': repeat('{"a":'),
    'nested {"action":': repeat('{"action":'),
    'nested {"highest":': repeat('{"highest":'),
    'nested {"nodes":{': repeat('{"nodes":{'),
    'nested [': repeat('['),
    'braces': repeat('{'),
    'closers': repeat('}]'),
    'quotes': repeat('"'),
    'keys': repeat('"a"'),
    'escaped keys': repeat('"\\\\'),
    'pairs': repeat('"a":1,'),
    'action pairs': repeat('"action":"stop",'),
    'colons': repeat(':'),
    'commas': repeat(','),
    'block comment openers': repeat('/*'),
    'block comment closers': repeat('*/'),
    'spaces': after('', ' ', 'x'),
    'minus zero': repeat('-0'),
    'aliases': repeat('"ws2003-rtm'),
    'unicode escapes': after('"', '\\u'),
  };
}

/** The line is tokenized in each of these states (the prefix lines come before it). */
export const TOKENIZER_STATES: Record<string, string[]> = {
    'top level': [],
    'object': ['{'],
    'value': ['{"a":'],
    'version value': ['{"highest":'],
    'action value': ['{"action":'],
    'node value': ['{"node":'],
    'nodes': ['{"nodes": {'],
    'array': ['['],
    'block comment': ['/*'],
  };
