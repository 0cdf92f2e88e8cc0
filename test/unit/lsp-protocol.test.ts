/**
 * The language server's lifecycle over JSON-RPC, as an editor drives it (docs/language-server.md):
 * initialize and its capabilities, diagnostics on open and on edit (the delay, stale versions dropped), the
 * settings asked with workspace/configuration or pushed with didChangeConfiguration, close, shutdown and
 * exit; and the CLI's usage errors for `lsp`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { version } from '../../package.json';
import type { StatsResult } from '../../src/server/protocol';
import { cliScratch, runCli } from './helpers/cli';
import { FULL_CAPABILITIES, TestServer } from './helpers/languageServer';
import { readKbExample, REPO_ROOT } from './helpers/plans';

/** Two findings: join-incompatible, then not-running. */
const FORGOT_SPONSOR = readFileSync(path.join(REPO_ROOT, 'examples/mistakes/forgot-sponsor-noversioncheck.clusterplan'), 'utf8');
/** No finding. */
const KB = readKbExample();
const URI = 'file:///plans/forgot-sponsor.clusterplan';
const OTHER = 'file:///plans/kb811272.clusterplan';

const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code);
/** A publication for `uri` that came after the ones in `seen`. */
const after = (seen: readonly PublishDiagnosticsParams[]) => (p: PublishDiagnosticsParams) => !seen.includes(p);

describe('initialize', () => {
  test('declares each capability the server serves, and names itself with the package version', async () => {
    const { server, initialized } = await TestServer.start();
    try {
      assert.deepEqual(initialized, {
        capabilities: {
          textDocumentSync: { openClose: true, change: 2 },
          hoverProvider: true,
          completionProvider: { triggerCharacters: ['"', ':'] },
          codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.clusterplan'], resolveProvider: true },
          codeLensProvider: { resolveProvider: false },
          documentSymbolProvider: { label: 'Cluster Plan' },
          definitionProvider: true,
          referencesProvider: true,
          renameProvider: { prepareProvider: true },
          inlayHintProvider: { resolveProvider: false },
        },
        serverInfo: { name: 'clusterplan', version },
      });
    } finally {
      await server.stop();
    }
  });
});

describe('diagnostics', () => {
  test('didOpen publishes the findings of that version', async () => {
    const { server } = await TestServer.start();
    try {
      await server.open(URI, FORGOT_SPONSOR, 7);
      const published = await server.diagnostics(URI);
      assert.equal(published.version, 7);
      assert.deepEqual(codes(published), ['join-incompatible', 'not-running']);
    } finally {
      await server.stop();
    }
  });

  test('edits in quick succession publish only the last version', async () => {
    const { server } = await TestServer.start({ configuration: { validate: { delay: 300 } } });
    try {
      await server.open(URI, KB);
      await server.diagnostics(URI, (p) => p.version === 1);
      await server.change(URI, 2, FORGOT_SPONSOR);
      await server.change(URI, 3, KB);
      const last = await server.diagnostics(URI, (p) => p.version === 3);
      assert.deepEqual(codes(last), []);
      // Publications come in order: once version 3 is out, version 2 can no longer come.
      assert.deepEqual(server.publishedFor(URI).map((p) => p.version), [1, 3]);
    } finally {
      await server.stop();
    }
  });

  test('an edit waits for the delay, an open does not', async () => {
    const { server } = await TestServer.start({ configuration: { validate: { delay: 300 } } });
    try {
      await server.open(URI, KB);
      await server.diagnostics(URI, (p) => p.version === 1);
      await server.change(URI, 2, FORGOT_SPONSOR);
      await server.open(OTHER, FORGOT_SPONSOR);
      await server.diagnostics(URI, (p) => p.version === 2);
      // The plan opened after the edit is published before the edit is.
      assert.deepEqual(
        server.allPublished().map((p) => `${p.uri} ${p.version}`),
        [`${URI} 1`, `${OTHER} 1`, `${URI} 2`],
      );
    } finally {
      await server.stop();
    }
  });

  test('didClose publishes an empty list and leaves nothing held', async () => {
    const { server } = await TestServer.start();
    try {
      await server.open(URI, FORGOT_SPONSOR);
      await server.diagnostics(URI);
      const seen = server.publishedFor(URI);
      await server.close(URI);
      const cleared = await server.diagnostics(URI, after(seen));
      assert.deepEqual(cleared.diagnostics, []);
      assert.deepEqual(await server.request<StatsResult>('clusterplan/stats'), { openDocuments: 0, cachedAnalyses: 0, pendingChecks: 0 });
    } finally {
      await server.stop();
    }
  });
});

describe('settings', () => {
  test('clusterplan.rules turns a rule off', async () => {
    const { server } = await TestServer.start({ configuration: { rules: { 'not-running': 'off' } } });
    try {
      await server.open(URI, FORGOT_SPONSOR);
      assert.deepEqual(codes(await server.diagnostics(URI)), ['join-incompatible']);
    } finally {
      await server.stop();
    }
  });

  test('didChangeConfiguration asks for the settings again and publishes every open plan again', async () => {
    const { server } = await TestServer.start();
    try {
      await server.open(URI, FORGOT_SPONSOR);
      assert.deepEqual(codes(await server.diagnostics(URI)), ['join-incompatible', 'not-running']);
      const asked = server.configurationRequests;
      const seen = server.publishedFor(URI);
      server.configuration = { rules: { 'join-incompatible': 'off' } };
      await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const republished = await server.diagnostics(URI, after(seen));
      assert.equal(server.configurationRequests, asked + 1);
      assert.equal(republished.version, 1);
      assert.deepEqual(codes(republished), ['not-running']);
    } finally {
      await server.stop();
    }
  });

  test('a request answered before the settings arrive does not keep an analysis made with the defaults', async () => {
    let answer = () => {};
    const { server } = await TestServer.start({ configuration: { rules: { 'not-running': 'off' } } });
    try {
      server.configurationGate = new Promise((resolve) => (answer = resolve));
      // The editor's outline asks right after didOpen, while the client has not yet answered.
      const outlined = server.open(URI, FORGOT_SPONSOR).then(() => server.request('textDocument/documentSymbol', { textDocument: { uri: URI } }));
      await outlined;
      answer();
      assert.deepEqual(codes(await server.diagnostics(URI)), ['join-incompatible']);
    } finally {
      await server.stop();
    }
  });

  test('a check that waited for the settings is dropped if the plan changed meanwhile', async () => {
    let answer = () => {};
    const { server } = await TestServer.start();
    try {
      server.configurationGate = new Promise((resolve) => (answer = resolve));
      await server.open(URI, FORGOT_SPONSOR);
      // Version 1's check starts at once and waits for the settings; version 2 comes in meanwhile.
      await server.request('clusterplan/stats');
      await server.change(URI, 2, KB);
      answer();
      const published = await server.diagnostics(URI, (p) => p.version === 2);
      assert.deepEqual(codes(published), []);
      assert.deepEqual(server.publishedFor(URI).map((p) => p.version), [2]);
    } finally {
      await server.stop();
    }
  });

  test('asks the client to refresh inlay hints and CodeLenses only if it can', async () => {
    for (const refreshSupport of [true, false]) {
      const workspace = { ...FULL_CAPABILITIES.workspace, inlayHint: { refreshSupport }, codeLens: { refreshSupport } };
      const { server } = await TestServer.start({ capabilities: { ...FULL_CAPABILITIES, workspace } });
      try {
        await server.open(URI, FORGOT_SPONSOR);
        const seen = server.publishedFor(URI);
        server.configuration = { inlayHints: { enabled: false } };
        await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
        await server.diagnostics(URI, after(seen));
        await server.request('clusterplan/stats');
        assert.deepEqual(server.refreshes, refreshSupport ? { inlayHints: 1, codeLenses: 1 } : { inlayHints: 0, codeLenses: 0 });
      } finally {
        await server.stop();
      }
    }
  });

  test('a client that cannot be asked gets the defaults, then what its didChangeConfiguration carries', async () => {
    const { workspace: _workspace, ...withoutWorkspace } = FULL_CAPABILITIES;
    const { server } = await TestServer.start({ capabilities: withoutWorkspace, configuration: { rules: { 'join-incompatible': 'off' } } });
    try {
      await server.open(URI, FORGOT_SPONSOR);
      assert.deepEqual(codes(await server.diagnostics(URI)), ['join-incompatible', 'not-running']);
      const seen = server.publishedFor(URI);
      await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { clusterplan: { rules: { 'not-running': 'off' } } } });
      assert.deepEqual(codes(await server.diagnostics(URI, after(seen))), ['join-incompatible']);
      assert.equal(server.configurationRequests, 0);
    } finally {
      await server.stop();
    }
  });
});

describe('failures', () => {
  test('a plan that cannot be checked is logged, and the server goes on serving the others', async () => {
    const { server } = await TestServer.start();
    try {
      // A didOpen without its text: a client's defect, which the check trips over.
      await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: OTHER, languageId: 'clusterplan', version: 1 } });
      await server.open(URI, FORGOT_SPONSOR);
      assert.deepEqual(codes(await server.diagnostics(URI)), ['join-incompatible', 'not-running']);
      assert.ok(server.logged.some((m) => m.startsWith(`clusterplan could not check ${OTHER}: `)), server.logged.join('\n'));
      assert.equal((await server.request<StatsResult>('clusterplan/stats')).openDocuments, 2);
    } finally {
      assert.equal(await server.stop(), 0);
    }
  });
});

describe('shutdown and exit', () => {
  test('shutdown then exit: exit code 0, nothing on stderr', async () => {
    const { server } = await TestServer.start();
    assert.equal(await server.stop(), 0);
    assert.equal(server.stderr, '');
  });

  test('exit without shutdown: exit code 1, as the protocol says', async () => {
    const { server } = await TestServer.start();
    const exited = new Promise<number | null>((resolve) => server.process.once('exit', (code) => resolve(code)));
    await server.connection.sendNotification('exit');
    assert.equal(await server.within('the server to exit', exited), 1);
    server.connection.dispose();
  });
});

describe('clusterplan lsp: usage errors', () => {
  const scratch = cliScratch('clusterplan-lsp-usage-');
  const cases: [string, string[], string][] = [
    ['no transport', ['lsp'], 'lsp needs one transport: --stdio (most editors) or --node-ipc (VS Code)'],
    ['both transports', ['lsp', '--stdio', '--node-ipc'], 'lsp needs one transport: --stdio (most editors) or --node-ipc (VS Code)'],
    ['a path', ['lsp', '--stdio', 'plan.clusterplan'], 'lsp reads only what the editor sends: remove "plan.clusterplan"'],
    ['another flag', ['lsp', '--stdio', '--fix'], 'lsp takes only --stdio or --node-ipc, not --fix'],
    ['a transport for another command', ['check', '--stdio', 'plan.clusterplan'], '--stdio and --node-ipc belong to lsp'],
  ];
  for (const [what, args, message] of cases) {
    test(`${what}: one line naming the fix, exit code 2`, () => {
      const run = runCli(scratch(), args);
      assert.equal(run.stderr, `clusterplan: ${message}\n`);
      assert.equal(run.stdout, '');
      assert.equal(run.status, 2);
    });
  }
});
