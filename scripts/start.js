#!/usr/bin/env node
'use strict';
// `npm start`: runs VS Code (the offline VS Code server, see scripts/vscode-server/) with this extension
// loaded from source, and prints a URL that opens it in a browser with examples/ as the folder.
//
//   node scripts/start.js [--folder <dir>] [--extension <dir>] [--port <n>]
//
// Stop with Ctrl-C. The server only listens on 127.0.0.1.

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
    else if (a === '--port') o.port = Number(value());
    else throw new Error(`unknown argument ${a}\nusage: start.js [--folder <dir>] [--extension <dir>] [--port <n>]`);
  }
  return o;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
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
  console.log(`\nVS Code is running with the extension from ${opts.extension}.\nOpen this URL in a browser on this machine:\n\n  ${url}\n\nPress Ctrl-C to stop.`);

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

main().catch((err) => {
  console.error(err.message || err);
  process.exit(1);
});
