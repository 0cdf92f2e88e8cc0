import { spawn, type ChildProcess } from 'node:child_process';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { CLI } from './cli';

/** How long a test waits for the server before it fails, naming what it waited for. */
export const TIMEOUT_MS = 10_000;

/** What a client can say it supports, as VS Code does: the server adds what it may then rely on. */
export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true }, inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } },
  textDocument: {
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true, resolveSupport: { properties: ['edit'] }, dataSupport: true },
    completion: { completionItem: { snippetSupport: true } },
    rename: { prepareSupport: true },
  },
};

export interface StartOptions {
  readonly capabilities?: ClientCapabilities;
  readonly initializationOptions?: unknown;
  /** The `clusterplan` section the client answers `workspace/configuration` with. */
  readonly configuration?: unknown;
}

/**
 * `node dist/cli.js lsp --stdio`, driven by vscode-languageserver-protocol's client over JSON-RPC: the server
 * as an editor runs it. Diagnostics are collected as they come; `diagnostics()` waits for them.
 */
export class TestServer {
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters = new Set<() => void>();
  /** What the server wrote to stderr: it should be nothing. */
  stderr = '';
  configuration: unknown;
  /** How many `workspace/configuration` requests the server has sent. */
  configurationRequests = 0;
  /** While set, the answer to `workspace/configuration` waits for it: a client slow to answer. */
  configurationGate: Promise<void> | undefined;
  /** How many `workspace/inlayHint/refresh` and `workspace/codeLens/refresh` requests the server has sent. */
  readonly refreshes = { inlayHints: 0, codeLenses: 0 };
  /** The server's `window/logMessage` messages. */
  readonly logged: string[] = [];

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.configuration = options.configuration;
    process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      for (const wake of [...this.waiters]) wake();
    });
    connection.onRequest('workspace/configuration', async (params: { items: { section?: string }[] }) => {
      this.configurationRequests++;
      await this.configurationGate;
      return params.items.map(() => this.configuration ?? null);
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => void this.refreshes.inlayHints++);
    connection.onRequest('workspace/codeLens/refresh', () => void this.refreshes.codeLenses++);
    connection.onNotification('window/logMessage', (params: { message: string }) => this.logged.push(params.message));
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<{ server: TestServer; initialized: InitializeResult }> {
    const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const server = new TestServer(child, connection, options);
    const initialized = await server.within('initialize', connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: options.capabilities ?? FULL_CAPABILITIES,
      initializationOptions: options.initializationOptions,
    }));
    await connection.sendNotification('initialized', {});
    return { server, initialized };
  }

  /** Fails after TIMEOUT_MS, naming what was awaited, instead of hanging the run. */
  within<T>(what: string, promise: Promise<T>, ms = TIMEOUT_MS): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  request<T>(method: string, params?: unknown): Promise<T> {
    return this.within(method, this.connection.sendRequest<T>(method, params));
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'clusterplan', version, text } });
  }

  /** Replaces the whole text, as a client may even with incremental sync. */
  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Every publication so far, of every document, oldest first. */
  allPublished(): readonly PublishDiagnosticsParams[] {
    return this.published;
  }

  /** Every publication so far for `uri`, oldest first. */
  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  /** The first publication for `uri` that `accept` takes (by default: of `version`, or any), past or future. */
  diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const find = () => this.published.find((p) => p.uri === uri && accept(p));
    return this.within(
      `diagnostics of ${uri}`,
      new Promise((resolve) => {
        const check = () => {
          const found = find();
          if (!found) return;
          this.waiters.delete(check);
          resolve(found);
        };
        this.waiters.add(check);
        check();
      }),
    );
  }

  /** shutdown, then exit; resolves with the process's exit code. */
  async stop(): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.request('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.within('the server to exit', exited);
    this.connection.dispose();
    return code;
  }
}
