import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
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
