#!/usr/bin/env node
'use strict';
// Runs an extension's integration tests in a real VS Code: the VS Code server's Node extension host, with
// headless Debian Chromium showing the workbench. This is how microsoft/vscode runs its own web integration
// tests (test/integration/browser): the workbench URL's `payload` names extensionDevelopmentPath and
// extensionTestsPath, the workbench loads the test module in the extension host, calls its run(), and
// reports the result through window.codeAutomationExit(code) (0 when run() resolved).
//
// CLI: node scripts/vscode-server/runTests.js --tests <test index.js> --workspace <folder>
//        [--extension <dir>] [--restricted] [--timeout <ms>] [--extensions-dir <dir>] [--setting key=json]...
// CLUSTERPLAN_VSCODE_VERBOSE=1 prints the server's log live (otherwise only after a failed run).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const { startServer } = require('./server');

const CHROMIUM = process.env.CLUSTERPLAN_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', // we run as root, where Chromium's sandbox refuses to start
  '--disable-gpu',
  '--disable-background-networking', // no internet here: no update, safe-browsing or other Google calls
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Headless Debian Chromium, driven by playwright-core (which downloads no browser of its own). */
function launchChromium() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

// Workbench chatter that says nothing about the tests (matched after formatConsole). Everything else, in
// particular all the tests' output, is kept.
const NOISE = [
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /A bad HTTP response code \(404\)/, // vsda and the service worker are not part of this build
  /\[Service Worker\] registration/,
  /^Failed to load resource/,
  /^Overwriting extension <<.*>> to now point to mime/,
  /^ChatSessionStore:/,
  /^Updating additional builtin extensions cache/,
  /^Ignoring fetching additional builtin extensions from gallery/, // server.js disables the gallery
  /^The web worker extension host is started in a same-origin iframe/,
  /allow-scripts and allow-same-origin/,
  /^Creation of workbench contribution '.*' took \d+ms/,
  /GL Driver Message/, // the terminal's WebGL renderer on a GPU-less headless Chromium
  /Could not find pty \d+ on pty host/, // the task test's terminal closing with the workbench
];

// Log lines arrive as console.log('%c INFO', 'color: #33f', format, ...args): the workbench log service's
// level with its CSS, then the extension host's own console call, often printf-style (mocha's reporter:
// '    ✔ %s (%dms)', title, ms). Playwright's msg.text() only joins them; rebuild what Node would print.
async function formatConsole(msg) {
  let level = msg.type() === 'log' || msg.type() === 'info' ? '' : msg.type();
  let args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => undefined)));
  if (args.length === 0) return { text: msg.text().trim(), prefix: level ? `[vscode ${level}]` : '[vscode]' };
  const tagged = typeof args[0] === 'string' ? /^%c\s*(INFO|WARN|ERR|TRACE|DEBUG)\s*$/.exec(args[0]) : null;
  if (tagged) {
    level = tagged[1] === 'INFO' ? '' : tagged[1];
    args = args.slice(2);
  }
  // util.format applies %s/%d/… and drops %c with its CSS argument, as browsers do.
  const text = typeof args[0] === 'string' ? util.format(...args) : args.map((a) => (typeof a === 'string' ? a : util.inspect(a))).join(' ');
  return { text: text.trimEnd(), prefix: level ? `[vscode ${level}]` : '[vscode]' };
}

/** Prints the page's console through log(), in order and minus NOISE. Returns flush(), which settles once
 *  every message received so far is printed. */
function forwardConsole(page, log) {
  let queue = Promise.resolve();
  page.on('console', (msg) => {
    queue = queue
      .then(() => formatConsole(msg))
      .then(({ text, prefix }) => {
        if (!NOISE.some((re) => re.test(text))) log(text.split('\n').map((l) => `${prefix} ${l}`).join('\n'));
      })
      .catch(() => log(`[vscode ${msg.type()}] ${msg.text()}`)); // the page went away while we read it
  });
  page.on('pageerror', (err) => log(`[vscode pageerror] ${err.message}`));
  return () => queue;
}

/**
 * Runs the tests and resolves with their exit code (0 when the test module's run() resolved).
 * @param {object} o
 * @param {string} [o.extensionDevelopmentPath] extension folder to load from source; omit it to test only
 *                                   what is installed in extensionsDir (e.g. from a .vsix)
 * @param {string} o.extensionTestsPath  module exporting async run(), which rejects on failure
 * @param {string} o.workspace       folder to open
 * @param {object} [o.settings]      user settings on top of server.js's DEFAULT_SETTINGS
 * @param {boolean} [o.trustWorkspace] true (default): workspace trust off, so vscode.workspace.isTrusted is
 *                                   true. false: trust on and the folder untrusted, i.e. Restricted Mode.
 *                                   Wins over security.workspace.trust.enabled in `settings`.
 * @param {number} [o.timeoutMs]     limit for the whole run including server start, default 5 min
 * @param {string} [o.extensionsDir] the server's extensions dir (default: an empty temp dir)
 * @param {(line: string) => void} [o.log]
 * @returns {Promise<number>}
 */
async function runExtensionTests({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspace,
  settings = {},
  trustWorkspace = true,
  timeoutMs = 5 * 60 * 1000,
  extensionsDir,
  log = (line) => console.log(line),
}) {
  if (!extensionTestsPath || !workspace) throw new Error('extensionTestsPath and workspace are required');
  const deadline = Date.now() + timeoutMs;
  const verbose = process.env.CLUSTERPLAN_VSCODE_VERBOSE === '1';
  const serverLog = [];
  let server;
  let browser;
  let timer;
  let emptyDevDir;
  try {
    server = await startServer({
      extensionsDir,
      settings: { ...settings, 'security.workspace.trust.enabled': !trustWorkspace },
      timeoutMs: Math.max(1000, deadline - Date.now()),
      // Chatty, so printed live only when verbose, and otherwise after a failed run (extension host
      // crashes and extension load errors show up here).
      onOutput: (line) => {
        if (!line.trim()) return;
        if (verbose) log(`[server] ${line}`);
        else serverLog.push(`[server] ${line}`);
      },
    });
    browser = await launchChromium();
    const page = await browser.newPage();
    const flushConsole = forwardConsole(page, log);

    let finish;
    const result = new Promise((resolve) => (finish = resolve));
    // Exposed before the workbench loads: the workbench looks it up when the tests' run() settles.
    await page.exposeFunction('codeAutomationExit', (code) => finish({ code }));
    timer = setTimeout(() => finish({ code: 1, why: `timed out after ${timeoutMs} ms` }), Math.max(0, deadline - Date.now()));
    page.on('crash', () => finish({ code: 1, why: 'the browser page crashed' }));
    browser.on('disconnected', () => finish({ code: 1, why: 'the browser went away' }));

    // The workbench runs extensionTestsPath only in extension-development mode, i.e. when the payload has an
    // extensionDevelopmentPath; without one the run just times out. To test what is installed in
    // extensionsDir (e.g. a .vsix) we name an empty folder: development mode, but no extra extension.
    const developmentPath = extensionDevelopmentPath || (emptyDevDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterplan-no-dev-ext-')));
    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(developmentPath)],
      ['extensionTestsPath', server.remoteUri(extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    await page.goto(server.workbenchUrl({ folder: workspace, payload }));

    const { code, why } = await result;
    // Print what is still queued, but do not let a hung page hold up the result.
    await Promise.race([flushConsole(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    if (why) log(`[runTests] ${why}`);
    if (code !== 0 && serverLog.length) log(`[runTests] server output:\n${serverLog.join('\n')}`);
    log(`[runTests] tests exited with code ${code}`);
    return code;
  } finally {
    clearTimeout(timer);
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (emptyDevDir) fs.rmSync(emptyDevDir, { recursive: true, force: true });
  }
}

function parseCli(argv) {
  const o = { settings: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--extension') o.extensionDevelopmentPath = path.resolve(value());
    else if (a === '--tests') o.extensionTestsPath = path.resolve(value());
    else if (a === '--workspace') o.workspace = path.resolve(value());
    else if (a === '--extensions-dir') o.extensionsDir = path.resolve(value());
    else if (a === '--timeout') o.timeoutMs = Number(value());
    else if (a === '--restricted') o.trustWorkspace = false;
    else if (a === '--setting') {
      const [key, ...rest] = value().split('=');
      const raw = rest.join('=');
      try {
        o.settings[key] = JSON.parse(raw);
      } catch {
        o.settings[key] = raw; // a bare string
      }
    } else throw new Error(`unknown argument ${a}`);
  }
  if ('timeoutMs' in o && !(o.timeoutMs > 0)) throw new Error('--timeout needs a number of milliseconds');
  if (!o.extensionTestsPath || !o.workspace) {
    throw new Error(
      'usage: runTests.js --tests <test index.js> --workspace <folder> [--extension <dir>] [--restricted]\n' +
        '                   [--timeout <ms>] [--extensions-dir <dir>] [--setting key=json]...',
    );
  }
  return o;
}

module.exports = { runExtensionTests, launchChromium, forwardConsole };

if (require.main === module) {
  let opts;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (err) {
    console.error(err.message);
    process.exit(2);
  }
  runExtensionTests(opts).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
