import assert from 'node:assert/strict';
import { fork, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter, type InitializeResult } from 'vscode-languageserver-protocol/node';
import { CLI } from './helpers/cli';

// VS Code's client forks the server as `lsp --node-ipc --clientProcessId=<its pid>`: the server must start
// with that argument, which vscode-languageserver reads to end the server when VS Code's process dies.
test('lsp --node-ipc --clientProcessId=<pid>, as VS Code forks it, answers initialize and exits 0', async () => {
  const child = fork(CLI, ['lsp', '--node-ipc', `--clientProcessId=${process.pid}`], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  // The server writes nothing to stderr; a usage error would, and the IPC channel would keep the process alive.
  const complained = new Promise<never>((_, reject) =>
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      reject(new Error(`the server wrote to stderr: ${stderr}`));
    }),
  );
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  connection.listen();
  try {
    const exited = once(child, 'exit');
    const result = await Promise.race([
      connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} }),
      exited.then(() => assert.fail(`the server exited before it answered initialize: ${stderr}`)),
      complained,
    ]);
    assert.equal(result.serverInfo?.name, 'clusterplan');
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const [code] = await Promise.race([exited, complained]);
    assert.equal(code, 0);
    assert.equal(stderr, '');
  } finally {
    connection.dispose();
    child.kill();
  }
});

// A refused lsp --node-ipc must end: the IPC channel its editor opened would otherwise keep it alive.
test('lsp --node-ipc with a usage error says so on stderr and exits 2', async () => {
  const child = fork(CLI, ['lsp', '--node-ipc', 'plan.clusterplan'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill(), 10_000);
  try {
    const [code, signal] = await once(child, 'exit');
    assert.equal(signal, null, 'killed after 10 s: the process did not exit');
    assert.equal(code, 2);
    assert.equal(stderr, 'clusterplan: lsp reads only what the editor sends: remove "plan.clusterplan"\n');
  } finally {
    clearTimeout(timer);
  }
});

// The server's library starts watching --clientProcessId's process when it is loaded: only lsp may load it.
test('check refuses --clientProcessId and exits at once, with no watchdog left running', () => {
  const r = spawnSync(process.execPath, [CLI, 'check', `--clientProcessId=${process.pid}`, '.'], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(r.signal, null, 'killed after 10 s: the process did not exit');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^clusterplan: --clientProcessId belongs to lsp/);
});
