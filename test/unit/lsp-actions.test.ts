import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { CodeAction, Diagnostic, Position, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, fixAll, timelineItems, timelineNodes } from '../../src/core';
import { cliScratch, runCli } from './helpers/cli';
import { FULL_CAPABILITIES, TestServer, type StartOptions } from './helpers/languageServer';
import { REPO_ROOT } from './helpers/plans';
import {
  EXPORT_RUNBOOK_REQUEST,
  RUNBOOK_FORMATS_REQUEST,
  TIMELINE_NODES_REQUEST,
  TIMELINE_REQUEST,
  type ExportRunbookResult,
  type RunbookFormatsResult,
  type TimelineNodesResult,
  type TimelineResult,
} from '../../src/server/protocol';

const scratch = cliScratch('clusterplan-lsp-actions-');

function example(name: string): string {
  return readFileSync(path.join(REPO_ROOT, 'examples', name), 'utf8');
}

/** As VS Code says it supports, less versioned edits and resolving an edit later. */
const PLAIN_CAPABILITIES = {
  ...FULL_CAPABILITIES,
  workspace: { ...FULL_CAPABILITIES.workspace, workspaceEdit: {} },
  textDocument: { ...FULL_CAPABILITIES.textDocument, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true } },
};

/**
 * What a client does with a workspace edit: one that names a version is applied only to that version of
 * the text (and refused here otherwise), its edits through the textdocument library, as VS Code's would be.
 */
function applyEdit(uri: string, version: number, text: string, edit: WorkspaceEdit | undefined): string {
  assert.ok(edit, 'the action has no edit');
  if (edit.documentChanges) {
    assert.equal(edit.changes, undefined);
    assert.equal(edit.documentChanges.length, 1);
    const change = edit.documentChanges[0]!;
    assert.ok('textDocument' in change && 'edits' in change);
    assert.deepEqual(change.textDocument, { uri, version });
    return TextDocument.applyEdits(TextDocument.create(uri, 'clusterplan', version, text), change.edits);
  }
  assert.deepEqual(Object.keys(edit.changes ?? {}), [uri]);
  return TextDocument.applyEdits(TextDocument.create(uri, 'clusterplan', version, text), edit.changes![uri]!);
}

async function openPlan(server: TestServer, uri: string, text: string): Promise<Diagnostic[]> {
  await server.open(uri, text);
  return (await server.diagnostics(uri, (p) => p.version === 1)).diagnostics;
}

function codeActions(server: TestServer, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
}

/** A test on a server of its own, which exits cleanly after, or is killed if the test failed. */
function withServer(options: StartOptions, use: (server: TestServer) => Promise<void>): () => Promise<void> {
  return async () => {
    const { server } = await TestServer.start(options);
    try {
      await use(server);
      assert.equal(await server.stop(), 0);
      assert.equal(server.stderr, '');
    } finally {
      if (server.process.exitCode === null) server.process.kill();
    }
  };
}

const summary = (actions: CodeAction[]) => actions.map((a) => [a.title, a.kind, a.isPreferred, a.diagnostics?.map((d) => d.code)]);

test('code actions: the quick fixes with the preferred one, the suppressions and fix-all; the fix applied clears its finding', withServer({}, async (server) => {
  const uri = 'file:///plans/forgot-sponsor.clusterplan';
  const text = example('mistakes/forgot-sponsor-noversioncheck.clusterplan');
  const diagnostics = await openPlan(server, uri, text);
  assert.deepEqual(diagnostics.map((d) => d.code), ['join-incompatible', 'not-running']);

  const actions = await codeActions(server, uri, diagnostics);
  assert.deepEqual(summary(actions), [
    ['KB 811272: restart NODE2 with NoVersionCheck before step 8', 'quickfix', true, ['join-incompatible']],
    ['Suppress join-incompatible on this line…', 'quickfix', undefined, ['join-incompatible']],
    ['Suppress not-running on this line…', 'quickfix', undefined, ['not-running']],
    ['Fix all clusterplan problems in this file', 'quickfix', undefined, undefined],
  ]);

  // Versioned, as the client supports it: the edit names version 1, so a client can refuse it for a later text.
  assert.equal(actions[0]!.edit?.documentChanges?.length, 1);
  await server.change(uri, 2, applyEdit(uri, 1, text, actions[0]!.edit));
  // Both findings are gone (NODE1 now joins, so its restart is one); NODE2's NoVersionCheck is then left
  // behind, which the KB's clean-up handles and the next fix offers.
  const after = await server.diagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(after.diagnostics.map((d) => d.code), ['noversioncheck-leftover']);
}));

test('code actions: a client without versioned edits gets `changes`, and the edit is the core\'s', withServer({ capabilities: PLAIN_CAPABILITIES }, async (server) => {
  const uri = 'file:///plans/typo.clusterplan';
  const text = example('mistakes/node-name-typo.clusterplan');
  const diagnostics = await openPlan(server, uri, text);
  const actions = await codeActions(server, uri, diagnostics);
  assert.deepEqual(summary(actions), [
    ['Change to "NODE1"', 'quickfix', true, ['unknown-node']],
    ['Suppress unknown-node on this line…', 'quickfix', undefined, ['unknown-node']],
  ]);
  assert.equal(actions[0]!.edit?.documentChanges, undefined);
  const fixed = applyEdit(uri, 1, text, actions[0]!.edit);
  assert.equal(fixed, text.replace('"sponsor": "NDOE1"', '"sponsor": "NODE1"'));
  await server.change(uri, 2, fixed);
  assert.deepEqual((await server.diagnostics(uri, (p) => p.version === 2)).diagnostics, []);
}));

test('suppress: the comment above the finding, and clusterplan.typeReason puts the cursor after its "-- "', withServer({ initializationOptions: { clientCommands: ['clusterplan.typeReason'] } }, async (server) => {
  const uri = 'file:///plans/typo.clusterplan';
  const text = example('mistakes/node-name-typo.clusterplan');
  const diagnostics = await openPlan(server, uri, text);
  assert.deepEqual(diagnostics[0]!.range.start, { line: 20, character: 52 });
  const suppress = (await codeActions(server, uri, diagnostics)).find((a) => a.title === 'Suppress unknown-node on this line…')!;

  const suppressed = applyEdit(uri, 1, text, suppress.edit);
  const lines = text.split('\n');
  const comment = '    // clusterplan-disable-next-line unknown-node -- ';
  assert.equal(suppressed, [...lines.slice(0, 20), comment, ...lines.slice(20)].join('\n'));
  // After the edit, the cursor goes to the end of the comment's line: character 53 of line 20.
  assert.deepEqual(suppress.command, { title: 'Type the reason', command: 'clusterplan.typeReason', arguments: [uri, { line: 20, character: 53 }] });

  // The finding is hidden; the hint that asks for the reason takes its place until the reason is typed.
  await server.change(uri, 2, suppressed);
  assert.deepEqual((await server.diagnostics(uri, (p) => p.version === 2)).diagnostics.map((d) => [d.code, d.range.start]), [['suppression-reason-missing', { line: 20, character: 4 }]]);
}));

test('suppress: no command for a client that does not run clusterplan.typeReason', withServer({}, async (server) => {
  const uri = 'file:///plans/typo.clusterplan';
  const diagnostics = await openPlan(server, uri, example('mistakes/node-name-typo.clusterplan'));
  const suppress = (await codeActions(server, uri, diagnostics)).find((a) => a.title === 'Suppress unknown-node on this line…')!;
  assert.ok(suppress.edit);
  assert.equal(suppress.command, undefined);
}));

/** `clusterplan check --fix` on a copy of the plan: what fix-all in the editor must write too. */
function checkFix(text: string): string {
  const folder = scratch();
  writeFileSync(path.join(folder, 'plan.clusterplan'), text);
  runCli(folder, ['check', '--fix', 'plan.clusterplan']);
  return readFileSync(path.join(folder, 'plan.clusterplan'), 'utf8');
}

test('fix-all: offered without its edit, resolved to the text `check --fix` writes', withServer({}, async (server) => {
  const uri = 'file:///plans/leftover.clusterplan';
  const text = example('mistakes/left-noversioncheck-behind.clusterplan');
  const diagnostics = await openPlan(server, uri, text);
  const offered = (await codeActions(server, uri, diagnostics)).find((a) => a.title === 'Fix all clusterplan problems in this file')!;
  assert.equal(offered.edit, undefined);
  assert.deepEqual(offered.data, { uri, version: 1 });

  const resolved = await server.request<CodeAction>('codeAction/resolve', offered);
  const fixed = applyEdit(uri, 1, text, resolved.edit);
  assert.notEqual(fixed, text);
  assert.equal(fixed, checkFix(text));
  await server.change(uri, 2, fixed);
  assert.deepEqual((await server.diagnostics(uri, (p) => p.version === 2)).diagnostics, []);

  // Offered for version 1, picked after the plan changed: nothing is applied to a text it was not made for.
  assert.equal((await server.request<CodeAction>('codeAction/resolve', offered)).edit, undefined);
}));

test('fix-all: a client that cannot resolve an edit later gets it at once', withServer({ capabilities: PLAIN_CAPABILITIES }, async (server) => {
  const uri = 'file:///plans/leftover.clusterplan';
  const text = example('mistakes/left-noversioncheck-behind.clusterplan');
  const diagnostics = await openPlan(server, uri, text);
  const offered = (await codeActions(server, uri, diagnostics)).find((a) => a.title === 'Fix all clusterplan problems in this file')!;
  assert.equal(offered.data, undefined);
  assert.equal(applyEdit(uri, 1, text, offered.edit), fixAll(text).text);
}));

test('fix-all: offered for the cursor anywhere in the file, but not for a selection without problems', withServer({}, async (server) => {
  const uri = 'file:///plans/leftover.clusterplan';
  await openPlan(server, uri, example('mistakes/left-noversioncheck-behind.clusterplan'));
  const at = (start: Position, end: Position) => server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start, end }, context: { diagnostics: [] } });
  assert.deepEqual((await at({ line: 3, character: 4 }, { line: 3, character: 4 })).map((a) => a.title), ['Fix all clusterplan problems in this file']);
  assert.deepEqual(await at({ line: 3, character: 0 }, { line: 4, character: 0 }), []);
}));

test('source.fixAll.clusterplan: computed at once when `only` asks for it, nothing when there is nothing to fix', withServer({}, async (server) => {
  const uri = 'file:///plans/sponsor.clusterplan';
  const text = example('mistakes/forgot-sponsor-noversioncheck.clusterplan');
  const diagnostics = await openPlan(server, uri, text);
  for (const only of [['source.fixAll'], ['source'], ['source.fixAll.clusterplan']]) {
    const actions = await codeActions(server, uri, diagnostics, only);
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all clusterplan problems', 'source.fixAll.clusterplan']], `only ${only.join()}`);
    assert.equal(applyEdit(uri, 1, text, actions[0]!.edit), checkFix(text));
  }
  // Asked for quick fixes, a kind of them, or every kind (the empty kind): the quick fixes, no source action.
  for (const only of [['quickfix'], ['quickfix.clusterplan'], ['']]) {
    assert.deepEqual((await codeActions(server, uri, diagnostics, only)).map((a) => a.kind), ['quickfix', 'quickfix', 'quickfix', 'quickfix'], `only ${JSON.stringify(only)}`);
  }
  // Asked for another source action: none.
  assert.deepEqual(await codeActions(server, uri, diagnostics, ['source.organizeImports']), []);

  const clean = 'file:///plans/kb.clusterplan';
  await openPlan(server, clean, example('kb811272-rc2-to-rtm.clusterplan'));
  assert.deepEqual(await codeActions(server, clean, [], ['source.fixAll']), []);
}));

test('code actions: none for a diagnostic of another source or of an older text, nor for a plan not open', withServer({}, async (server) => {
  const uri = 'file:///plans/typo.clusterplan';
  const [diagnostic] = await openPlan(server, uri, example('mistakes/node-name-typo.clusterplan'));
  const moved = { ...diagnostic!, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } };
  const other = { ...diagnostic!, source: 'json' };
  assert.deepEqual(await codeActions(server, uri, [moved]), []);
  assert.deepEqual(await codeActions(server, uri, [other]), []);
  assert.deepEqual(await codeActions(server, 'file:///plans/closed.clusterplan', [diagnostic!]), []);
}));

test('clusterplan/timeline: the Cluster Versions rows of the KB example, as the core draws them', withServer({}, async (server) => {
  const uri = 'file:///plans/kb.clusterplan';
  const text = example('kb811272-rc2-to-rtm.clusterplan');
  await openPlan(server, uri, text);
  const timeline = await server.request<TimelineResult>(TIMELINE_REQUEST, { textDocument: { uri } });

  const analysis = analyze(text);
  const { items, more } = timelineItems(analysis);
  const at = (offset: number) => analysis.document.positionAt(offset);
  assert.deepEqual(timeline, {
    version: 1,
    more,
    states: items.map((i) => ({
      id: i.id,
      stepIndex: i.stepIndex ?? null,
      label: i.label,
      description: i.description,
      tooltip: i.tooltip,
      worst: i.worst ?? null,
      range: { start: at(i.offset), end: at(i.offset + i.length) },
    })),
  });
  assert.deepEqual(timeline.states.slice(0, 2).map((s) => [s.id, s.stepIndex, s.label, s.description, s.worst, s.range.start]), [
    ['initial', null, 'Initial state', '4.3718 / 3.2195 · 2 active', null, { line: 4, character: 2 }],
    ['step:0', 0, '1 · stop NODE1', '4.3718 / 3.2195 · 1 active', null, { line: 10, character: 4 }],
  ]);
  assert.equal(timeline.states.length, 16);

  const nodes = await server.request<TimelineNodesResult>(TIMELINE_NODES_REQUEST, { textDocument: { uri }, stepIndex: 4 });
  assert.deepEqual(nodes, { version: 1, nodes: timelineNodes(analysis, 4) });
  assert.deepEqual(nodes?.nodes.map((n) => [n.name, n.description, n.changed]), [
    ['NODE1', 'running · check bypassed · 4.3718 / 3.2195', []],
    ['NODE2', 'stopped · NoVersionCheck 1 · 4.3790 / 3.2195', ['NoVersionCheck']],
  ]);
  const initial = await server.request<TimelineNodesResult>(TIMELINE_NODES_REQUEST, { textDocument: { uri }, stepIndex: null });
  assert.deepEqual(initial, { version: 1, nodes: timelineNodes(analysis, undefined) });

  const closed = { textDocument: { uri: 'file:///plans/closed.clusterplan' } };
  assert.equal(await server.request(TIMELINE_REQUEST, closed), null);
  assert.equal(await server.request(TIMELINE_NODES_REQUEST, { ...closed, stepIndex: null }), null);
}));

test('clusterplan/timeline: a refused join is its row\'s worst finding, at the current version', withServer({}, async (server) => {
  const uri = 'file:///plans/sponsor.clusterplan';
  await openPlan(server, uri, example('mistakes/forgot-sponsor-noversioncheck.clusterplan'));
  await server.change(uri, 2, example('mistakes/forgot-sponsor-noversioncheck.clusterplan'));
  const timeline = await server.request<TimelineResult>(TIMELINE_REQUEST, { textDocument: { uri } });
  assert.equal(timeline.version, 2);
  assert.deepEqual(timeline.states.filter((s) => s.worst !== null).map((s) => [s.label, s.worst]), [
    ['8 · join NODE1', 'error'],
    ['13 · restart NODE1', 'warning'],
  ]);
}));

test('clusterplan/exportRunbook: the text `clusterplan export` writes; cmd refused from Windows Server 2008 on', withServer({}, async (server) => {
  const kb = 'file:///plans/kb811272-rc2-to-rtm.clusterplan';
  const ws2016 = 'file:///plans/ws2016.clusterplan';
  await openPlan(server, kb, example('kb811272-rc2-to-rtm.clusterplan'));
  await openPlan(server, ws2016, example('ws2016-to-ws2019-in-place.clusterplan'));

  const formats = (uri: string) => server.request<RunbookFormatsResult>(RUNBOOK_FORMATS_REQUEST, { textDocument: { uri } });
  assert.deepEqual(await formats(kb), { formats: ['cmd', 'powershell', 'markdown'] });
  assert.deepEqual(await formats(ws2016), { formats: ['powershell', 'markdown'] });
  assert.equal(await formats('file:///plans/closed.clusterplan'), null);
  // A text that is no plan yet: every format, and the export then says why there is nothing to export.
  const broken = 'file:///plans/broken.clusterplan';
  await openPlan(server, broken, '{');
  assert.deepEqual(await formats(broken), { formats: ['cmd', 'powershell', 'markdown'] });

  const exported = (uri: string, format: string, force?: boolean) =>
    server.request<ExportRunbookResult>(EXPORT_RUNBOOK_REQUEST, { textDocument: { uri }, format, planName: 'kb811272-rc2-to-rtm.clusterplan', force });
  const cli = runCli(path.join(REPO_ROOT, 'examples'), ['export', '--format', 'powershell', 'kb811272-rc2-to-rtm.clusterplan']);
  assert.equal(cli.status, 0);
  assert.deepEqual(await exported(kb, 'powershell'), { ok: true, text: cli.stdout });
  assert.deepEqual(await exported(ws2016, 'cmd', true), {
    ok: false,
    problems: [
      {
        kind: 'format',
        message:
          'a cmd runbook cannot run the FailoverClusters cmdlets that Windows Server 2008 and later need: export the PowerShell runbook (--format powershell) instead.',
      },
    ],
  });
  await assert.rejects(exported(kb, 'bat'), { code: -32602, message: 'Unknown runbook format "bat": use one of cmd, powershell, markdown.' });
  assert.equal(await exported('file:///plans/closed.clusterplan', 'markdown'), null);
}));

test('clusterplan/exportRunbook: a plan with errors is refused with them, and exported with force', withServer({}, async (server) => {
  const uri = 'file:///plans/typo.clusterplan';
  await openPlan(server, uri, example('mistakes/node-name-typo.clusterplan'));
  const exported = (force?: boolean) => server.request<ExportRunbookResult>(EXPORT_RUNBOOK_REQUEST, { textDocument: { uri }, format: 'markdown', planName: 'typo.clusterplan', force });
  assert.deepEqual(await exported(), { ok: false, problems: [{ kind: 'plan-error', message: 'No node "NDOE1" is declared in "nodes"; did you mean "NODE1"?' }] });
  const folder = scratch();
  writeFileSync(path.join(folder, 'typo.clusterplan'), example('mistakes/node-name-typo.clusterplan'));
  const cli = runCli(folder, ['export', '--format', 'markdown', '--force', 'typo.clusterplan']);
  assert.equal(cli.status, 0);
  assert.deepEqual(await exported(true), { ok: true, text: cli.stdout });
}));
