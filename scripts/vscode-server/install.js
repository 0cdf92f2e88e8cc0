#!/usr/bin/env node
'use strict';
// Installs the VS Code server that the offline integration tests run against.
//
// The server comes from the npm package code-server (its lib/vscode is Microsoft's VS Code server build),
// because npm is the only registry this project's machines reach; @vscode/test-electron cannot download
// VS Code here. docs/development.md says how the tests use it.
//
// Usage: node scripts/vscode-server/install.js        (prints the path to lib/vscode)
//        const { ensureVSCodeServer } = require('./install'); const vscodeDir = await ensureVSCodeServer();
//
// Cache dir: $CLUSTERPLAN_VSCODE_SERVER_DIR, else $XDG_CACHE_HOME/clusterplan/vscode-server-<version>
// (XDG_CACHE_HOME defaults to ~/.cache). It lives outside the clone so a fresh CI clone reuses it.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

// 4.100.3 (VS Code 1.100.3) is the newest code-server whose engines.node accepts Node 20.
const CODE_SERVER_VERSION = '4.100.3';

// The only native modules the server loads on Linux. We install with --ignore-scripts and compile just
// these, instead of letting `npm install` build everything:
// - kerberos is only imported when a proxy asks for Negotiate auth, and building it needs libkrb5-dev
//   (gssapi/gssapi.h); its prebuild-install step also tries to download from github.com.
// - @vscode/deviceid, windows-process-tree and windows-registry only have Windows code.
// - @parcel/watcher ships a prebuilt binary in @parcel/watcher-linux-x64-glibc.
const NATIVE_MODULES = ['@vscode/spdlog', 'native-watchdog', 'node-pty'];

// The marker records what was built. Native modules are compiled for one Node ABI, so a Node upgrade
// (different process.versions.modules) must trigger a reinstall.
const MARKER_NAME = '.clusterplan-install-complete';
const MARKER_CONTENT = JSON.stringify({ codeServer: CODE_SERVER_VERSION, abi: process.versions.modules, native: NATIVE_MODULES });

function cacheDir() {
  if (process.env.CLUSTERPLAN_VSCODE_SERVER_DIR) return path.resolve(process.env.CLUSTERPLAN_VSCODE_SERVER_DIR);
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'clusterplan', `vscode-server-${CODE_SERVER_VERSION}`);
}

function vscodeDirOf(dir) {
  return path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
}

function isInstalled(dir) {
  try {
    return fs.readFileSync(path.join(dir, MARKER_NAME), 'utf8') === MARKER_CONTENT;
  } catch {
    return false;
  }
}

// node-gyp needs Node's headers. Without a nodedir it downloads them from nodejs.org, which is
// unreachable here, so point it at the headers that ship with this Node (Debian/NodeSource put them in
// <prefix>/include/node) unless the user configured something already.
function npmEnv() {
  const env = { ...process.env };
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  if (!env.npm_config_nodedir && fs.existsSync(path.join(prefix, 'include', 'node', 'common.gypi'))) {
    env.npm_config_nodedir = prefix;
  }
  return env;
}

// Runs npm quietly (its output goes to logFile) and prints a heartbeat so a long compile is visibly alive.
function npm(args, { cwd, logFile, log }) {
  return new Promise((resolve, reject) => {
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(out, `\n$ npm ${args.join(' ')}   (in ${cwd})\n`);
    const child = spawn('npm', args, { cwd, env: npmEnv(), stdio: ['ignore', out, out] });
    const started = Date.now();
    const heartbeat = setInterval(() => log(`  ... still running (${Math.round((Date.now() - started) / 1000)} s)`), 15000);
    child.on('error', (err) => {
      clearInterval(heartbeat);
      fs.closeSync(out);
      reject(err);
    });
    child.on('close', (code, signal) => {
      clearInterval(heartbeat);
      fs.closeSync(out);
      if (code === 0) return resolve();
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      reject(new Error(`npm ${args.join(' ')} failed (${signal || `exit ${code}`}). Last lines of ${logFile}:\n${tail}`));
    });
  });
}

// A killed install cannot clean up after itself: remove the partial dirs of processes that are gone.
function removeAbandonedPartials(dir) {
  const prefix = `${path.basename(dir)}.partial-`;
  for (const name of fs.readdirSync(path.dirname(dir))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    try {
      process.kill(pid, 0); // still alive: another install in progress
    } catch (err) {
      if (err.code === 'ESRCH') fs.rmSync(path.join(path.dirname(dir), name), { recursive: true, force: true });
    }
  }
}

async function install(dir, log) {
  // Build in a sibling directory and rename it into place at the end: a crash leaves no half-finished
  // install at `dir`, and two processes installing at once cannot corrupt each other.
  const work = `${dir}.partial-${process.pid}`;
  removeAbandonedPartials(dir);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const logFile = path.join(work, 'install.log');
  const vscodeDir = vscodeDirOf(work);
  const t0 = Date.now();
  const step = (n, text) => log(`[vscode-server] ${n}/4 ${text} (${((Date.now() - t0) / 1000).toFixed(0)} s elapsed)`);

  try {
    // --ignore-scripts: code-server's postinstall refuses to run as root and checks the Node version;
    // we do not use its wrapper anyway, only lib/vscode.
    step(1, `npm install code-server@${CODE_SERVER_VERSION} (~10 s)`);
    await npm(['install', '--prefix', work, `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: work, logFile, log });

    // The shrinkwrap pins @vscode/ripgrep 1.15.x, whose postinstall downloads rg from api.github.com.
    // Without it npm resolves 1.18.x, which gets rg from the npm package @vscode/ripgrep-linux-x64.
    fs.rmSync(path.join(vscodeDir, 'npm-shrinkwrap.json'), { force: true });
    step(2, 'npm install --omit=dev --ignore-scripts in lib/vscode (~10 s)');
    await npm(['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: vscodeDir, logFile, log });

    step(3, `compiling native modules ${NATIVE_MODULES.join(', ')} (~30 s)`);
    await npm(['rebuild', ...NATIVE_MODULES, '--foreground-scripts'], { cwd: vscodeDir, logFile, log });
    for (const mod of NATIVE_MODULES) {
      const release = path.join(vscodeDir, 'node_modules', mod, 'build', 'Release');
      if (!fs.existsSync(release) || !fs.readdirSync(release).some((f) => f.endsWith('.node'))) {
        throw new Error(`npm rebuild reported success but ${mod} has no compiled .node file; see ${logFile}`);
      }
    }

    // The server's built code resolves its modules from node_modules.asar (the layout of the packaged app).
    step(4, 'linking node_modules.asar and finishing');
    fs.symlinkSync('node_modules', path.join(vscodeDir, 'node_modules.asar'));
    fs.writeFileSync(path.join(work, MARKER_NAME), MARKER_CONTENT);

    if (isInstalled(dir)) {
      // Another process finished first (and may be using it): keep its install, drop ours.
      fs.rmSync(work, { recursive: true, force: true });
    } else {
      fs.rmSync(dir, { recursive: true, force: true }); // a stale install (other Node ABI) or a leftover
      fs.renameSync(work, dir);
    }
    log(`[vscode-server] installed in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${vscodeDirOf(dir)}`);
  } catch (err) {
    // Keep only the log: a half-finished tree is useless and the next call starts from scratch anyway.
    const failedLog = `${dir}.install-failed.log`;
    try {
      fs.copyFileSync(logFile, failedLog);
      log(`[vscode-server] install failed; npm's output is in ${failedLog}`);
    } catch {}
    fs.rmSync(work, { recursive: true, force: true });
    throw err;
  }
}

/** Installs the VS Code server if needed. Resolves with the path of its lib/vscode directory. */
async function ensureVSCodeServer({ log = (line) => console.error(line) } = {}) {
  const dir = cacheDir();
  if (!isInstalled(dir)) {
    log(`[vscode-server] installing VS Code server (code-server@${CODE_SERVER_VERSION}) into ${dir}; this takes about 1 minute`);
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    await install(dir, log);
  }
  return vscodeDirOf(dir);
}

module.exports = { ensureVSCodeServer, cacheDir, CODE_SERVER_VERSION };

if (require.main === module) {
  ensureVSCodeServer().then(
    (vscodeDir) => console.log(vscodeDir),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
