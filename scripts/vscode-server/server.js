'use strict';
// Starts and stops the VS Code server (lib/vscode/out/server-main.js, upstream VS Code's server; not
// code-server's wrapper CLI) and installs .vsix files into it.
//
//   const { startServer } = require('./server');
//   const server = await startServer({ settings: { 'editor.fontSize': 14 } });
//   page.goto(server.workbenchUrl({ folder: '/abs/dir', payload: [['skipWelcome', 'true']] }));
//   await server.stop();

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ensureVSCodeServer } = require('./install');

const READY_LINE = /Web UI available at https?:\/\/[^\s:/]+:(\d+)/;

// User settings of every server we start (`settings` passed to startServer override them).
const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none', // no welcome page over the editor
  // Trust off, so vscode.workspace.isTrusted is true, as with @vscode/test-electron's
  // --disable-workspace-trust. Set it to true for Restricted Mode: the folder is never trusted, because a
  // fresh browser profile remembers no trusted folders.
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never', // the modal trust dialog would cover the workbench
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.openRepositoryInParentFolders': 'never', // examples/ sits in the project's repository
};

// code-server's build falls back to open-vsx.org as its extension gallery. Offline that only produces
// ENOTFOUND errors and outbound DNS lookups; a gallery without serviceUrl disables the gallery instead.
function serverEnv() {
  return { ...process.env, EXTENSIONS_GALLERY: process.env.EXTENSIONS_GALLERY ?? '{}' };
}

// Servers run in their own process group (see startServer), so neither Ctrl-C in a terminal nor the death
// of this process reaches them. While any is running: on 'exit', kill them; on a SIGINT/SIGTERM/SIGHUP that
// nobody else handles (which would kill us without an 'exit' event), exit so that the 'exit' hook runs.
const liveServers = new Set(); // functions that SIGKILL one server's process group
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const killLiveServers = () => liveServers.forEach((kill) => kill());
function exitOnSignal(signal) {
  if (process.listenerCount(signal) === 1) process.exit(128 + os.constants.signals[signal]);
}
function trackServer(kill) {
  if (liveServers.size === 0) {
    process.on('exit', killLiveServers);
    SIGNALS.forEach((sig) => process.on(sig, exitOnSignal));
  }
  liveServers.add(kill);
}
function untrackServer(kill) {
  liveServers.delete(kill);
  if (liveServers.size === 0) {
    process.removeListener('exit', killLiveServers);
    SIGNALS.forEach((sig) => process.removeListener(sig, exitOnSignal));
  }
}

function makeTempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `clusterplan-${prefix}-`));
}

/**
 * The user settings file that the workbench reads. code-server patches the web workbench to keep its User/
 * folder on the server (upstream keeps it in the browser's IndexedDB). Machine/settings.json in the same
 * folder does not work for us: remote machine settings ignore application-scoped settings such as
 * security.workspace.trust.enabled.
 */
function userSettingsPath(serverDataDir) {
  return path.join(serverDataDir, 'data', 'User', 'settings.json');
}

/**
 * Starts the server on 127.0.0.1. With port 0 (the default) the OS picks a free port and we read it back
 * from the "Web UI available at" line.
 * @param {object} [opts]
 * @param {string} [opts.extensionsDir]  default: a temp dir removed by stop()
 * @param {string} [opts.serverDataDir]  default: a temp dir removed by stop()
 * @param {object} [opts.settings]       user settings on top of DEFAULT_SETTINGS. Written unless the
 *                                       serverDataDir given already has a settings file and this is unset.
 * @param {number} [opts.port]           default 0
 * @param {string[]} [opts.extraArgs]    more server-main.js flags, e.g. ['--default-folder', dir]
 * @param {number} [opts.timeoutMs]      how long to wait for the server to be ready, default 60 s
 * @param {(line: string) => void} [opts.onOutput]  receives every line the server prints
 */
async function startServer({ extensionsDir, serverDataDir, settings, port = 0, extraArgs = [], timeoutMs = 60000, onOutput } = {}) {
  const vscodeDir = await ensureVSCodeServer();
  const ownedDirs = [];
  if (!extensionsDir) ownedDirs.push((extensionsDir = makeTempDir('extensions')));
  if (!serverDataDir) ownedDirs.push((serverDataDir = makeTempDir('server-data')));
  const settingsFile = userSettingsPath(serverDataDir);
  if (settings || !fs.existsSync(settingsFile)) {
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2));
  }

  const args = [
    path.join(vscodeDir, 'out', 'server-main.js'),
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token', // only reachable from this machine
    '--accept-server-license-terms',
    '--server-data-dir', serverDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    ...extraArgs,
  ];
  // detached: the server gets its own process group, so stop() can kill it together with the extension
  // host, pty host and file watcher it forks.
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv() });
  let running = true;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  exited.then(() => (running = false));

  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {} // already gone
  };
  // If this Node process ends without calling stop() (uncaught error, process.exit, Ctrl-C), take the
  // server down with it.
  const removeOwnedDirs = () => ownedDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  const onExit = () => {
    killGroup('SIGKILL');
    removeOwnedDirs();
  };
  trackServer(onExit);

  const output = []; // kept for the error message if startup fails
  let ready = false;
  const actualPort = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`did not report "Web UI available at" within ${timeoutMs} ms`), timeoutMs);
    function fail(why) {
      if (ready) return; // a later exit is stop()'s business
      clearTimeout(timer);
      untrackServer(onExit);
      onExit();
      reject(new Error(`VS Code server ${why}. Its output:\n${output.join('\n')}`));
    }
    const onLine = (line) => {
      if (onOutput) onOutput(line);
      if (ready) return;
      output.push(line);
      const m = READY_LINE.exec(line);
      if (m) {
        ready = true;
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        const lines = (buf + chunk).split('\n');
        buf = lines.pop();
        lines.forEach(onLine);
      });
    }
    child.once('error', (err) => fail(`could not be started: ${err.message}`));
    exited.then(({ code, signal }) => fail(`exited during startup (${signal || `exit ${code}`})`));
  });

  let stopped;
  const stop = () => (stopped ??= doStop()); // idempotent
  async function doStop() {
    if (running) {
      killGroup('SIGTERM');
      const timeout = new Promise((resolve) => setTimeout(resolve, 5000, 'timeout').unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        killGroup('SIGKILL');
        await exited;
      }
    }
    // The forked helpers can outlive server-main by a moment; make sure none survives.
    killGroup('SIGKILL');
    untrackServer(onExit);
    removeOwnedDirs();
  }

  const url = `http://127.0.0.1:${actualPort}/`;
  /** vscode-remote URI of a path on the server (which is this machine). */
  const remoteUri = (p) => `vscode-remote://127.0.0.1:${actualPort}${path.resolve(p).split('/').map(encodeURIComponent).join('/')}`;
  /**
   * Workbench URL that opens `folder` and hands `payload` ([[key, value], ...]) to the workbench. Keys the
   * workbench understands include extensionDevelopmentPath, extensionTestsPath (vscode-remote URIs),
   * openFile (a vscode-remote URI) and skipWelcome ('true').
   */
  const workbenchUrl = ({ folder, payload = [] } = {}) => {
    const query = [];
    if (folder) query.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
    if (payload.length) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    return `${url}?${query.join('&')}`;
  };
  // exited: settles with { code, signal } when server-main ends, whether through stop() or not.
  return { port: actualPort, url, serverDataDir, extensionsDir, remoteUri, workbenchUrl, exited, stop };
}

/** Installs a packaged extension into extensionsDir with `server-main.js --install-extension`. */
async function installVsix(vsixPath, extensionsDir) {
  const vscodeDir = await ensureVSCodeServer();
  const serverDataDir = makeTempDir('install-data');
  try {
    const args = [
      path.join(vscodeDir, 'out', 'server-main.js'),
      '--accept-server-license-terms',
      '--server-data-dir', serverDataDir,
      '--extensions-dir', path.resolve(extensionsDir),
      '--install-extension', path.resolve(vsixPath),
      '--force', // replace an installed copy of the same version (re-runs after a rebuild)
    ];
    const { code, output } = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv() });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });
    // Failures (bad zip, missing file, engines.vscode mismatch) exit 1; also require the success message so
    // that a run which installed nothing cannot pass.
    if (code !== 0 || !/successfully installed/i.test(output)) {
      throw new Error(`Installing ${vsixPath} failed (exit ${code}):\n${output}`);
    }
    return output.trim();
  } finally {
    fs.rmSync(serverDataDir, { recursive: true, force: true });
  }
}

module.exports = { startServer, installVsix, userSettingsPath, DEFAULT_SETTINGS };
