#!/usr/bin/env node
'use strict';
// `npm start`: runs VS Code (the offline VS Code server, see scripts/vscode-server/) with this extension
// loaded from source, and prints a URL that opens it in a browser with examples/ as the folder.
//
//   node scripts/start.js [--folder <dir>] [--extension <dir>] [--port <n>]     (npm start -- --port 8080)
//
// Stop with Ctrl-C. The server only listens on 127.0.0.1 and asks for no connection token, so nobody else
// on the network can reach it; from another machine, an SSH tunnel to a fixed --port carries the URL.

const fs = require('node:fs');
const path = require('node:path');
const { startServer } = require('./vscode-server/server');

const REPO_ROOT = path.resolve(__dirname, '..');

function parseArgs(argv) {
  const o = { folder: path.join(REPO_ROOT, 'examples'), extension: REPO_ROOT, port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--folder') o.folder = path.resolve(value());
    else if (a === '--extension') o.extension = path.resolve(value());
    else if (a === '--port') o.port = portNumber(value());
    else throw new Error(`unknown argument ${a}; usage: npm start -- [--folder <dir>] [--extension <dir>] [--port <n>]`);
  }
  return o;
}

function portNumber(text) {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new Error(`--port ${text}: give a port number from 1 to 65535, e.g. --port 8080`);
  return port;
}

async function main(opts) {
  const { main: entry } = JSON.parse(fs.readFileSync(path.join(opts.extension, 'package.json'), 'utf8'));
  if (entry && !fs.existsSync(path.resolve(opts.extension, entry)) && !fs.existsSync(path.resolve(opts.extension, `${entry}.js`))) {
    console.warn(`warning: ${path.resolve(opts.extension, entry)} does not exist yet; run \`npm run build\` first, or the extension cannot activate.`);
  }

  const verbose = process.env.CLUSTERPLAN_VSCODE_VERBOSE === '1';
  const server = await startServer({
    port: opts.port,
    // A bare http://127.0.0.1:PORT/ (e.g. after a reload that lost the query) still opens the folder,
    // though without the extension under development, which only the payload can name.
    extraArgs: ['--default-folder', opts.folder],
    onOutput: (line) => {
      // Errors from the extension host (e.g. an activation failure) matter to a human; the rest is noise.
      if (verbose || /\berror\b/i.test(line)) console.log(`[server] ${line}`);
    },
  });
  // The workbench treats the window as an Extension Development Host when the payload names
  // extensionDevelopmentPath; the server has no flag for it.
  const url = server.workbenchUrl({
    folder: opts.folder,
    payload: [
      ['extensionDevelopmentPath', server.remoteUri(opts.extension)],
      ['skipWelcome', 'true'],
    ],
  });
  console.log(
    [
      `\nVS Code is running with the extension from ${opts.extension}.`,
      'Open this URL in a browser on this machine:',
      `\n  ${url}\n`,
      `From another machine, forward the port first (ssh -L ${server.port}:127.0.0.1:${server.port} <this machine>),`,
      'then open the same URL there. `npm start -- --port <n>` keeps the port the same from one run to the next.',
      '\nPress Ctrl-C to stop.',
    ].join('\n'),
  );

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the VS Code server...`);
    await server.stop();
    process.exit(0);
  };
  server.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`The VS Code server stopped by itself (${signal || `exit ${code}`}).`);
    process.exit(1);
  });
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  process.on('SIGHUP', shutdown);
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error(err.message);
  process.exit(2);
}
main(opts).catch((err) => {
  console.error(err.message || err);
  process.exit(1);
});
