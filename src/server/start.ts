import { createConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from './server';

export type Transport = 'stdio' | 'node-ipc';

/**
 * `clusterplan lsp --stdio` (any editor) or `--node-ipc` (VS Code's client, which forks the server). On
 * stdio, stdout carries the protocol alone: the connection sends console output to the client as log messages.
 */
export function startLanguageServer(transport: Transport): void {
  const connection =
    transport === 'stdio'
      ? createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout))
      : createConnection(new IPCMessageReader(process), new IPCMessageWriter(process));
  startServer(connection);
}
