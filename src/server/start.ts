import { createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

/**
 * `clusterplan lsp --stdio` (any editor) or `--node-ipc` (VS Code's client, which forks the server).
 * vscode-languageserver reads the transport from process.argv, which the CLI has checked. On stdio it then
 * also sends console output to the client as log messages, so that stdout carries the protocol alone, and
 * the server exits when the client closes stdin (1 without a shutdown first, as the protocol says).
 */
export function startLanguageServer(): void {
  startServer(createConnection());
}
