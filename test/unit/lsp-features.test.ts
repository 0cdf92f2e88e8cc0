import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ResponseError, type CodeLens, type CompletionItem, type DocumentSymbol, type Hover, type InlayHint, type Location, type Position, type Range, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FULL_CAPABILITIES, TestServer } from './helpers/languageServer';

/**
 * The language server's reading and writing features (hover, inlay hints, the summary CodeLens, completion,
 * the outline, definition, references and rename), driven over JSON-RPC through the built server, as an
 * editor drives it. The texts are the core's; these tests prove the conversion to LSP's types.
 */

const URI = 'file:///plans/two-nodes.clusterplan';
const PLAN = [
  '{',
  '  "nodes": {',
  '    "NODE1": { "version": "ws2003-rtm" },',
  '    "NODE2": { "highest": 265934, "lowest": 198803 }',
  '  },',
  '  "steps": [',
  '    { "action": "stop", "node": "node1" },',
  '    { "action": "start", "node": "NODE1" },',
  '    { "action": "stop", "node": "NODE9" }',
  '  ]',
  '}',
  '',
].join('\n');

/** The position of the `occurrence`-th `needle` in `text`, moved `delta` characters on. */
function positionOf(text: string, needle: string, delta = 0, occurrence = 0): Position {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `"${needle}" #${occurrence} in the text`);
  return TextDocument.create(URI, 'clusterplan', 1, text).positionAt(offset + delta);
}

function rangeOf(text: string, needle: string, occurrence = 0): Range {
  const start = positionOf(text, needle, 0, occurrence);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

const at = (position: Position, uri = URI) => ({ textDocument: { uri }, position });

/** The text a range covers, so a test reads as what the editor highlights. */
function textAt(text: string, range: Range): string {
  const document = TextDocument.create(URI, 'clusterplan', 1, text);
  return text.slice(document.offsetAt(range.start), document.offsetAt(range.end));
}

async function withServer(options: Parameters<typeof TestServer.start>[0], text: string, use: (server: TestServer) => Promise<void>): Promise<void> {
  const { server } = await TestServer.start(options);
  try {
    await server.open(URI, text);
    await use(server);
  } finally {
    assert.equal(await server.stop(), 0);
  }
  assert.equal(server.stderr, '');
}

describe('reading a plan over LSP', () => {
  let server: TestServer;
  before(async () => {
    ({ server } = await TestServer.start({ initializationOptions: { clientCommands: ['clusterplan.clusterVersions.focus'] } }));
    await server.open(URI, PLAN);
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
    assert.equal(server.stderr, '');
  });

  it('hovers a DWORD version with the core\'s markdown, over the number', async () => {
    const hover = await server.request<Hover | null>('textDocument/hover', at(positionOf(PLAN, '265934', 2)));
    assert.ok(hover && typeof hover.contents === 'object' && 'kind' in hover.contents);
    assert.equal(hover.contents.kind, 'markdown');
    assert.ok(hover.contents.value.startsWith('**Version 0x00040ECE (4.3790)**, written as a decimal DWORD\n\n'), hover.contents.value);
    assert.deepEqual(hover.range, rangeOf(PLAN, '265934'));
  });

  it('puts the state after each step and a DWORD\'s M.m inline, padded on the left', async () => {
    const whole = { start: { line: 0, character: 0 }, end: { line: 11, character: 0 } };
    const hints = await server.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: URI }, range: whole });
    assert.deepEqual(
      hints.map((h) => [h.position, h.label, h.paddingLeft]),
      [
        [positionOf(PLAN, '265934', 6), '= 4.3790', true],
        [positionOf(PLAN, '198803', 6), '= 3.2195', true],
        [positionOf(PLAN, '"node1" },', 10), '→ 4.3790 / 3.2195 · 1 active', true],
        [positionOf(PLAN, '"NODE1" },', 10), '→ 4.3790 / 3.2195 · 2 active', true],
        [positionOf(PLAN, '"NODE9" }', 9), '→ 4.3790 / 3.2195 · 2 active', true],
      ],
    );
    assert.equal(hints[2]!.tooltip, 'After step 1:\nClusterHighestVersion 0x00040ECE (4.3790)\nClusterLowestVersion 0x00030893 (3.2195)\nactive nodes: NODE2\nnot mixed');
  });

  it('shows the summary above "steps", focusing Cluster Versions in a client that runs that command', async () => {
    const lenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
    assert.deepEqual(lenses, [{ range: rangeOf(PLAN, '"steps"'), command: { title: '3 steps · ends at 4.3790 · 1 error', command: 'clusterplan.clusterVersions.focus' } }]);
  });

  it('answers nothing for a document that is not open', async () => {
    const other = 'file:///plans/closed.clusterplan';
    const position = { line: 0, character: 0 };
    const range = { start: position, end: position };
    assert.equal(await server.request('textDocument/hover', at(position, other)), null);
    assert.deepEqual(await server.request('textDocument/inlayHint', { textDocument: { uri: other }, range }), []);
    assert.deepEqual(await server.request('textDocument/codeLens', { textDocument: { uri: other } }), []);
    assert.equal(await server.request('textDocument/completion', at(position, other)), null);
    assert.equal(await server.request('textDocument/documentSymbol', { textDocument: { uri: other } }), null);
    assert.equal(await server.request('textDocument/definition', at(position, other)), null);
    assert.equal(await server.request('textDocument/references', { ...at(position, other), context: { includeDeclaration: true } }), null);
    assert.equal(await server.request('textDocument/prepareRename', at(position, other)), null);
    assert.equal(await server.request('textDocument/rename', { ...at(position, other), newName: 'X' }), null);
  });
});

describe('the summary CodeLens and the inlay hints follow the client', () => {
  it('shows the summary as a label that runs nothing in a client without the Cluster Versions view, counting by clusterplan.rules', async () => {
    await withServer({ configuration: { rules: { 'unknown-node': 'off' } } }, PLAN, async (server) => {
      const lenses = await server.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: URI } });
      assert.deepEqual(lenses, [{ range: rangeOf(PLAN, '"steps"'), command: { title: '3 steps · ends at 4.3790 · 0 problems', command: '' } }]);
    });
  });

  it('shows no inlay hint when clusterplan.inlayHints.enabled is false', async () => {
    await withServer({ configuration: { inlayHints: { enabled: false } } }, PLAN, async (server) => {
      const whole = { start: { line: 0, character: 0 }, end: { line: 11, character: 0 } };
      assert.deepEqual(await server.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: URI }, range: whole }), []);
    });
  });
});

/** `PLAN` with its last step replaced by `stepText`, in which `|` marks the cursor. */
function withCursor(stepText: string): { text: string; position: Position } {
  const marked = PLAN.replace('{ "action": "stop", "node": "NODE9" }', stepText);
  return { text: marked.replace('|', ''), position: positionOf(marked, '|') };
}

describe('completion over LSP', () => {
  async function complete(clientCommands: string[], stepText: string): Promise<{ text: string; items: CompletionItem[] }> {
    const { text, position } = withCursor(stepText);
    let items: CompletionItem[] = [];
    await withServer({ initializationOptions: { clientCommands } }, text, async (server) => {
      items = (await server.request<CompletionItem[] | null>('textDocument/completion', at(position))) ?? [];
    });
    return { text, items };
  }

  it('offers the declared nodes at a value, replacing its whole string', async () => {
    const { text, items } = await complete([], '{ "action": "stop", "node": "NO|DE9" }');
    assert.deepEqual(items.map((i) => [i.label, i.kind, i.insertTextFormat, i.textEdit?.newText]), [
      ['NODE1', 18, 1, '"NODE1"'],
      ['NODE2', 18, 1, '"NODE2"'],
    ]);
    for (const item of items) assert.equal(textAt(text, (item.textEdit as { range: Range }).range), '"NODE9"');
  });

  it('offers versions as constants, with their detail, documentation and order', async () => {
    const { items } = await complete([], '{ "action": "upgrade", "node": "NODE2", "to": "ws|" }');
    const detail = 'highest 0x00040ECE (4.3790), lowest 0x00030893 (3.2195)';
    assert.deepEqual(items.map((i) => [i.label, i.kind, i.detail, i.documentation, i.sortText, i.filterText]), [
      ['ws2003-rtm', 21, detail, 'Windows Server 2003 RTM', '0000', '"ws2003-rtm"'],
      ['ws2003', 21, detail, 'Windows Server 2003 RTM', '0001', '"ws2003"'],
    ]);
  });

  it('preselects "action" in a new step', async () => {
    const { items } = await complete([], '{ "|" }');
    assert.deepEqual(items.filter((i) => i.preselect).map((i) => [i.label, i.kind, i.textEdit?.newText]), [['action', 10, '"action": "$1"']]);
  });

  it('replaces an unclosed string up to the end of the name being typed, leaving what follows', async () => {
    const { text, items } = await complete([], '{ "action": "stop", "node": "NO|DE9 }');
    assert.deepEqual(items.map((i) => [i.label, textAt(text, (i.textEdit as { range: Range }).range)]), [
      ['NODE1', '"NODE9'],
      ['NODE2', '"NODE9'],
    ]);
  });

  it('completes a key as a snippet that lists its values in a client that runs editor.action.triggerSuggest', async () => {
    const { text, items } = await complete(['editor.action.triggerSuggest'], '{ "action": "join", "node": "NODE2", "|" }');
    const sponsor = items.find((i) => i.label === 'sponsor');
    assert.ok(sponsor, items.map((i) => i.label).join(', '));
    assert.equal(sponsor.kind, 10);
    assert.equal(sponsor.insertTextFormat, 2);
    assert.equal(sponsor.textEdit?.newText, '"sponsor": "$1"');
    assert.equal(textAt(text, (sponsor.textEdit as { range: Range }).range), '""');
    assert.equal(sponsor.detail, 'The node that sponsors the join');
    assert.deepEqual([sponsor.filterText, sponsor.sortText], ['"sponsor"', '0000']);
    assert.deepEqual(sponsor.command, { title: 'List the values', command: 'editor.action.triggerSuggest' });
  });

  it('inserts a key as plain text, without tab stops, in a client without snippet support', async () => {
    const { text, position } = withCursor('{ "action": "join", "node": "NODE2", "|" }');
    const capabilities = { ...FULL_CAPABILITIES, textDocument: { ...FULL_CAPABILITIES.textDocument, completion: { completionItem: { snippetSupport: false } } } };
    await withServer({ capabilities }, text, async (server) => {
      const items = (await server.request<CompletionItem[] | null>('textDocument/completion', at(position))) ?? [];
      const sponsor = items.find((i) => i.label === 'sponsor');
      assert.deepEqual([sponsor?.insertTextFormat, sponsor?.textEdit?.newText], [1, '"sponsor": ""']);
    });
  });

  it('attaches no command for a client that did not say it runs editor.action.triggerSuggest', async () => {
    const { items } = await complete([], '{ "action": "join", "node": "NODE2", "|" }');
    const sponsor = items.find((i) => i.label === 'sponsor');
    assert.equal(sponsor?.insertTextFormat, 2);
    assert.equal(sponsor.command, undefined);
  });
});

describe('the outline, definition, references and rename over LSP', () => {
  let server: TestServer;
  before(async () => {
    ({ server } = await TestServer.start());
    await server.open(URI, PLAN);
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
    assert.equal(server.stderr, '');
  });

  it('lists the nodes and the numbered steps as symbols, with their kinds', async () => {
    const symbols = await server.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    const flat = (s: DocumentSymbol): unknown => [s.name, s.kind, textAt(PLAN, s.selectionRange), ...(s.children?.length ? [s.children.map(flat)] : [])];
    assert.deepEqual(symbols.map(flat), [
      ['nodes', 3, '"nodes"', [['NODE1', 19, '"NODE1"'], ['NODE2', 19, '"NODE2"']]],
      ['steps', 18, '"steps"', [['1 stop node1', 24, '"stop"'], ['2 start NODE1', 24, '"start"'], ['3 stop NODE9', 24, '"stop"']]],
    ]);
  });

  it('goes from a step\'s node, in any case, to its declaration', async () => {
    assert.deepEqual(await server.request<Location | null>('textDocument/definition', at(positionOf(PLAN, '"node1"', 2))), { uri: URI, range: rangeOf(PLAN, '"NODE1"') });
    assert.equal(await server.request('textDocument/definition', at(positionOf(PLAN, '"NODE9"', 2))), null);
  });

  it('finds the references of a node, with the declaration only when asked', async () => {
    const references = (includeDeclaration: boolean) =>
      server.request<Location[]>('textDocument/references', { ...at(positionOf(PLAN, '"NODE1"', 1, 1)), context: { includeDeclaration } });
    const declaration = rangeOf(PLAN, '"NODE1"');
    const uses = [rangeOf(PLAN, '"node1"'), rangeOf(PLAN, '"NODE1"', 1)];
    assert.deepEqual(await references(true), [declaration, ...uses].map((range) => ({ uri: URI, range })));
    assert.deepEqual(await references(false), uses.map((range) => ({ uri: URI, range })));
  });

  it('prepares a rename over the name inside its quotes, and renames the node everywhere', async () => {
    const prepared = await server.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', at(positionOf(PLAN, '"node1"', 7)));
    assert.deepEqual(prepared, { range: rangeOf(PLAN, 'node1'), placeholder: 'node1' });
    const edit = await server.request<WorkspaceEdit>('textDocument/rename', { ...at(positionOf(PLAN, '"node1"', 3)), newName: 'SRV-A' });
    assert.deepEqual(Object.keys(edit.changes ?? {}), [URI]);
    const renamed = TextDocument.applyEdits(TextDocument.create(URI, 'clusterplan', 1, PLAN), edit.changes![URI]!);
    assert.equal(renamed, PLAN.replace('"NODE1": {', '"SRV-A": {').replace('"node": "node1"', '"node": "SRV-A"').replace('"node": "NODE1"', '"node": "SRV-A"'));
    assert.match(renamed, /"NODE9"/);
  });

  it('refuses a rename with the reason, as a failed request the editor shows as it is', async () => {
    const refusal = async (method: string, params: object): Promise<[number, string]> => {
      const error = await server.request(method, params).then(
        () => assert.fail(`${method} was not refused`),
        (e: unknown) => e,
      );
      assert.ok(error instanceof ResponseError);
      return [error.code, error.message];
    };
    const onNode1 = at(positionOf(PLAN, '"NODE1"', 1));
    assert.deepEqual(await refusal('textDocument/prepareRename', at(positionOf(PLAN, '"stop"', 1))), [
      -32803,
      'Only node names can be renamed: place the cursor on a name under "nodes" or on a step\'s "node" or "sponsor".',
    ]);
    assert.deepEqual(await refusal('textDocument/prepareRename', at(positionOf(PLAN, '"NODE9"', 1))), [
      -32803,
      '"NODE9" is not declared under "nodes", so there is no node to rename. Fix the name or declare the node.',
    ]);
    assert.deepEqual(await refusal('textDocument/rename', { ...onNode1, newName: 'NODE 1' }), [-32803, '"NODE 1" is not a valid node name: "NODE 1" contains a space; NetBIOS names cannot contain spaces or \\ / : * ? " < > |.']);
    assert.deepEqual(await refusal('textDocument/rename', { ...onNode1, newName: 'node2' }), [
      -32803,
      'The plan already declares the node "NODE2"; node names are compared ignoring case, so "node2" would be the same node.',
    ]);
  });
});
