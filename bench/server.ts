/**
 * `npm run bench` (its last part): the language server as an editor runs it, `node dist/cli.js lsp --stdio`
 * driven over JSON-RPC. Writes its results into docs/performance.md between `<!-- bench-server:start -->`
 * and `<!-- bench-server:end -->`.
 *
 *   node out/bench/server.js [--no-write]
 *
 * Targets:
 * - start to first diagnostics ≤ 300 ms: from the spawn of the process, through initialize and the didOpen
 *   of a clean 1,000-step plan, to its publishDiagnostics; the median and the worst of 10 starts, after one
 *   untimed start that brings the bundle into the file cache;
 * - memory ≤ 150 MiB: the server's resident set (VmRSS in /proc/<pid>/status) with 20 different clean
 *   1,000-step plans open, once every one's diagnostics are published. The peak (VmHWM) is printed beside it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { generatePlan } from './generate';
import { median } from './measure';
import { machine, performanceDoc, writeTextBlock } from './results';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const STARTS = 10;
const OPEN_PLANS = 20;
const STEPS = 1_000;
const TARGET = { firstDiagnosticsMs: 300, rssMiB: 150 };
/** How long one wait may last before the bench gives up, naming what it waited for. */
const TIMEOUT_MS = 60_000;

interface Server {
  readonly process: ChildProcess;
  readonly connection: ProtocolConnection;
  /** Resolves with the first publication for `uri`. */
  published(uri: string): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

/** Spawns the server and initializes it as an editor with the default settings would. */
async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiting = new Map<string, (p: PublishDiagnosticsParams) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => waiting.get(p.uri)?.(p));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await within('initialize', connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } }));
  await connection.sendNotification('initialized', {});
  return {
    process: child,
    connection,
    published: (uri) => within(`the diagnostics of ${uri}`, new Promise((resolve) => waiting.set(uri, resolve))),
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await within('shutdown', connection.sendRequest('shutdown'));
      await connection.sendNotification('exit');
      await within('the server to exit', exited);
      connection.dispose();
    },
  };
}

function within<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function open(server: Server, uri: string, text: string): Promise<PublishDiagnosticsParams> {
  const published = server.published(uri);
  void server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'clusterplan', version: 1, text } });
  return published;
}

/** Spawn → initialize → didOpen → publishDiagnostics, in milliseconds. */
async function timeFirstDiagnostics(text: string): Promise<number> {
  const started = performance.now();
  const server = await startServer();
  const published = await open(server, 'file:///bench/plan.clusterplan', text);
  const ms = performance.now() - started;
  if (published.diagnostics.length > 0) throw new Error(`the clean ${STEPS}-step plan has diagnostics: ${published.diagnostics[0]!.message}`);
  await server.stop();
  return ms;
}

/** VmRSS and VmHWM of a process, in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

async function main(): Promise<void> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  const say = (line = '') => process.stdout.write(line + '\n');
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  say(`server benchmark: ${machine()}`);

  const plan = generatePlan({ steps: STEPS, variant: 'clean' }).text;
  await timeFirstDiagnostics(plan);
  const starts: number[] = [];
  for (let i = 0; i < STARTS; i++) starts.push(await timeFirstDiagnostics(plan));
  const worst = starts.reduce((a, b) => Math.max(a, b), 0);

  // Twenty different plans, so that no two documents share a string.
  const plans = Array.from({ length: OPEN_PLANS }, (_, i) => generatePlan({ steps: STEPS, variant: 'clean', seed: 811272 + i }).text);
  const server = await startServer();
  await Promise.all(plans.map((text, i) => open(server, `file:///bench/plan-${i + 1}.clusterplan`, text)));
  const memory = memoryOf(server.process.pid!);
  await server.stop();

  const lines = [
    `server benchmark (node dist/cli.js lsp --stdio, clean ${STEPS.toLocaleString('en-US')}-step plans of ${(Buffer.byteLength(plan) / 1024).toFixed(1)} KiB)`,
    `start to first diagnostics: median ${median(starts).toFixed(0)} ms, worst ${worst.toFixed(0)} ms of ${STARTS} starts (target ≤ ${TARGET.firstDiagnosticsMs} ms) ${verdict(worst <= TARGET.firstDiagnosticsMs)}`,
    `memory with ${OPEN_PLANS} plans open and published: RSS ${mib(memory.rss)} (target ≤ ${TARGET.rssMiB} MiB) ${verdict(memory.rss <= TARGET.rssMiB * 2 ** 20)}; peak RSS ${mib(memory.peak)}`,
    `each start (ms): ${starts.map((ms) => ms.toFixed(0)).join(' ')}`,
  ];
  for (const line of lines) say(line);
  if (!process.argv.includes('--no-write')) {
    writeTextBlock(performanceDoc(ROOT), 'bench-server', '`bench/server.ts` (the last part of `npm run bench`)', lines);
    say('docs/performance.md: results written between its bench-server markers.');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
