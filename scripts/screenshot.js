#!/usr/bin/env node
'use strict';
// Takes a PNG screenshot of VS Code (the offline VS Code server in headless Chromium) with the extension
// loaded from source and one file open, once the extension's diagnostics are drawn.
//
//   node scripts/screenshot.js <file> <out.png> [--folder <dir>] [--extension <dir>]
//        [--wait-for <css selector>] [--timeout <ms>] [--restricted] [--problems]
//        [--palette <command title>]... [--wait-for-after <css selector>]
//   const { takeScreenshot } = require('./screenshot'); await takeScreenshot({ file, out });
//
// --wait-for '' waits only for the editor. If the selector does not show up in time, the screenshot is
// still written (it shows what went wrong) and the command fails.

const fs = require('node:fs');
const path = require('node:path');
const { startServer } = require('./vscode-server/server');
const { launchChromium, forwardConsole } = require('./vscode-server/runTests');

const REPO_ROOT = path.resolve(__dirname, '..');
// Monaco draws every diagnostic as an element with class squiggly-error / -warning / -info / -hint.
const SQUIGGLES = '.monaco-editor .view-overlays [class*="squiggly-"]';
const EDITOR_TEXT = '.monaco-editor .view-lines .view-line';

/**
 * @param {object} o
 * @param {string} o.file        file to open
 * @param {string} o.out         PNG to write
 * @param {string} [o.folder]    workspace folder: default the repo's examples/ if the file is in it, else
 *                               the file's directory
 * @param {string} [o.extensionDevelopmentPath]  default: the repo root
 * @param {string} [o.waitFor]   CSS selector to wait for; default the diagnostics' squiggles, '' = none
 * @param {number} [o.timeoutMs] for the whole run, default 90 s
 * @param {boolean} [o.restricted] Restricted Mode (trust on, folder untrusted)
 * @param {{width: number, height: number}} [o.viewport] default 1400x900
 */
async function takeScreenshot({
  file,
  out,
  folder,
  extensionDevelopmentPath = REPO_ROOT,
  waitFor = SQUIGGLES,
  timeoutMs = 90000,
  restricted = false,
  problems = false,
  palette = [],
  waitForAfter,
  viewport = { width: 1400, height: 900 },
  log = (line) => console.log(line),
}) {
  file = path.resolve(file);
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  const examples = path.join(REPO_ROOT, 'examples');
  folder = path.resolve(folder || (file.startsWith(examples + path.sep) ? examples : path.dirname(file)));
  const deadline = Date.now() + timeoutMs;
  const remaining = () => Math.max(1000, deadline - Date.now());
  const verbose = process.env.CLUSTERPLAN_VSCODE_VERBOSE === '1';

  const server = await startServer({
    settings: { 'security.workspace.trust.enabled': restricted },
    timeoutMs: remaining(),
    onOutput: (line) => verbose && log(`[server] ${line}`),
  });
  let browser;
  try {
    browser = await launchChromium();
    const page = await browser.newPage({ viewport });
    if (verbose) forwardConsole(page, log);
    await page.goto(
      server.workbenchUrl({
        folder,
        payload: [
          ['extensionDevelopmentPath', server.remoteUri(extensionDevelopmentPath)],
          ['openFile', server.remoteUri(file)], // the workbench opens it in an editor at startup
          ['skipWelcome', 'true'],
        ],
      }),
    );
    let failure;
    try {
      await page.locator(EDITOR_TEXT).first().waitFor({ state: 'visible', timeout: remaining() });
      if (waitFor) await page.locator(waitFor).first().waitFor({ state: 'visible', timeout: remaining() });
      for (const command of palette) {
        // Commands by their title in the Command Palette, e.g. "Focus on Cluster Versions View".
        await page.locator(EDITOR_TEXT).first().click();
        await page.keyboard.press('Control+Shift+P');
        await page.keyboard.type(command);
        await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ state: 'visible', timeout: remaining() });
        await page.keyboard.press('Enter');
      }
      if (waitForAfter) await page.locator(waitForAfter).first().waitFor({ state: 'visible', timeout: remaining() });
      if (problems) {
        // The Problems panel shows each finding's message with its numbers; wait for its first row.
        await page.locator(EDITOR_TEXT).first().click();
        await page.keyboard.press('Control+Shift+M');
        await page.locator('.markers-panel .monaco-list-row').first().waitFor({ state: 'visible', timeout: remaining() });
      }
    } catch (err) {
      failure = new Error(`${waitFor || EDITOR_TEXT} did not become visible: ${err.message.split('\n')[0]}; see ${out}`);
    }
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    await page.screenshot({ path: out });
    if (failure) throw failure;
    log(`screenshot written to ${out}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
  }
}

module.exports = { takeScreenshot, SQUIGGLES };

if (require.main === module) {
  const args = process.argv.slice(2);
  const o = {};
  const positional = [];
  try {
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const value = () => {
        if (i + 1 >= args.length) throw new Error(`${a} needs a value`);
        return args[++i];
      };
      if (a === '--folder') o.folder = value();
      else if (a === '--extension') o.extensionDevelopmentPath = path.resolve(value());
      else if (a === '--wait-for') o.waitFor = value();
      else if (a === '--timeout') o.timeoutMs = Number(value());
      else if (a === '--restricted') o.restricted = true;
      else if (a === '--problems') o.problems = true;
      else if (a === '--palette') (o.palette = o.palette || []).push(value());
      else if (a === '--wait-for-after') o.waitForAfter = value();
      else if (a.startsWith('--')) throw new Error(`unknown argument ${a}`);
      else positional.push(a);
    }
    if (positional.length !== 2) throw new Error('expected <file> and <out.png>');
  } catch (err) {
    console.error(`${err.message}\nusage: screenshot.js <file> <out.png> [--folder <dir>] [--extension <dir>] [--wait-for <selector>] [--timeout <ms>] [--restricted] [--problems] [--palette <command title>]... [--wait-for-after <selector>]`);
    process.exit(2);
  }
  [o.file, o.out] = positional;
  takeScreenshot(o).then(
    () => process.exit(0),
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
