#!/usr/bin/env node
'use strict';
// `npm run screenshot`: regenerates the pictures in docs/ that the README shows. Each is VS Code (the
// offline VS Code server in headless Chromium) with the extension loaded from source and one example plan
// open, taken once what the picture is about is drawn, and written as a small palette PNG (png.js).
//
//   node scripts/screenshot.js [docs/<picture>.png]...     default: every picture in PICTURES
//
// If what a picture waits for does not appear in time, the picture is still written (it shows what went
// wrong) and the command fails, naming what it waited for. CLUSTERPLAN_VSCODE_VERBOSE=1 shows the logs.

const fs = require('node:fs');
const path = require('node:path');
const { startServer, userSettingsPath } = require('./vscode-server/server');
const { launchChromium, forwardConsole } = require('./vscode-server/runTests');
const { toPalettePng } = require('./png');

const REPO_ROOT = path.resolve(__dirname, '..');
const VIEWPORT = { width: 1200, height: 760 };
const TIMEOUT_MS = 90000; // for one picture, the server's start included

// What the pictures wait for, as the workbench draws it.
const EDITOR_TEXT = { what: "the plan's text", selector: '.monaco-editor .view-lines .view-line' };
// Monaco draws every diagnostic as an element with class squiggly-error / -warning / -info / -hint.
const SQUIGGLE = { what: 'a squiggle', selector: '.monaco-editor .view-overlays [class*="squiggly-"]' };
const PROBLEM = { what: "a finding's row in the Problems panel", selector: '.markers-panel .monaco-list-row[aria-level="2"]' };
const SUMMARY = { what: "the plan's summary above \"steps\" (a CodeLens)", selector: '.monaco-editor .codelens-decoration' };
// Inlay hints are text injected into a line, which Monaco styles with generated dyn-rule-* classes.
const INLAY_HINT = { what: 'the inlay hints', selector: '.monaco-editor .view-line [class*="dyn-rule-"]' };
// The tree is labelled with the view's name, in whichever container the view lives.
const VERSION_ROW = { what: "the Cluster Versions view's rows", selector: '.monaco-list[aria-label="Cluster Versions"] .monaco-list-row' };

// Each picture: the plan it opens, then its stages in order. A stage runs a command (by id, through a key
// binding, so that no menu title matters) or clicks the first element of a kind, then waits for `until`.
const PICTURES = [
  {
    out: 'docs/diagnostics.png',
    plan: 'examples/mistakes/forgot-sponsor-noversioncheck.clusterplan',
    stages: [
      { command: 'workbench.actions.view.problems', until: PROBLEM },
      { click: PROBLEM, until: SQUIGGLE }, // opens the refused join in the editor, its squiggle in view
      { command: 'cancelSelection', until: SQUIGGLE }, // the opened finding is selected, over its squiggle
      { command: 'cursorHome', until: SQUIGGLE }, // the cursor was left at the finding's end, the line scrolled
      { until: INLAY_HINT },
    ],
  },
  {
    out: 'docs/tree-and-hints.png',
    plan: 'examples/kb811272-rc2-to-rtm.clusterplan', // no findings: the extension shows it has run by its hints
    stages: [{ until: SUMMARY }, { until: INLAY_HINT }, { command: 'clusterplan.clusterVersions.focus', until: VERSION_ROW }],
  },
];

/** One key per command, as VS Code's keybindings.json names it and as Playwright presses it. */
function keysFor(stages) {
  return stages
    .filter((s) => s.command)
    .map((s, i) => ({ command: s.command, binding: `ctrl+alt+shift+f${i + 1}`, press: `Control+Alt+Shift+F${i + 1}` }));
}

async function takePicture({ out, plan, stages }, log) {
  const file = path.join(REPO_ROOT, plan);
  const folder = path.join(REPO_ROOT, 'examples');
  const deadline = Date.now() + TIMEOUT_MS;
  const remaining = () => Math.max(1000, deadline - Date.now());
  const verbose = process.env.CLUSTERPLAN_VSCODE_VERBOSE === '1';

  const server = await startServer({ timeoutMs: remaining(), onOutput: (line) => verbose && log(`[server] ${line}`) });
  let browser;
  try {
    // The server keeps the user's keybindings.json beside their settings.json.
    const keys = keysFor(stages);
    const keybindings = keys.map(({ binding, command }) => ({ key: binding, command }));
    fs.writeFileSync(path.join(path.dirname(userSettingsPath(server.serverDataDir)), 'keybindings.json'), JSON.stringify(keybindings));
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: VIEWPORT });
    if (verbose) forwardConsole(page, log);
    await page.goto(
      server.workbenchUrl({
        folder,
        payload: [
          ['extensionDevelopmentPath', server.remoteUri(REPO_ROOT)],
          ['openFile', server.remoteUri(file)], // the workbench opens it in an editor at startup
          ['skipWelcome', 'true'],
        ],
      }),
    );
    let failure;
    let waitingFor = EDITOR_TEXT;
    try {
      const appears = (target) => {
        waitingFor = target;
        return page.locator(target.selector).first().waitFor({ state: 'visible', timeout: remaining() });
      };
      await appears(EDITOR_TEXT);
      await page.locator(EDITOR_TEXT.selector).first().click(); // key bindings go to the focused window
      for (const stage of stages) {
        if (stage.command) await page.keyboard.press(keys.find((k) => k.command === stage.command).press);
        if (stage.click) await page.locator(stage.click.selector).first().click({ timeout: remaining() });
        await appears(stage.until);
      }
    } catch (err) {
      failure = new Error(`${out}: ${waitingFor.what} did not appear within ${TIMEOUT_MS / 1000} s (${err.message.split('\n')[0]}); the picture shows what was drawn`);
    }
    fs.writeFileSync(path.join(REPO_ROOT, out), toPalettePng(await page.screenshot()));
    if (failure) throw failure;
    log(`${out} written (${Math.round(fs.statSync(path.join(REPO_ROOT, out)).size / 1024)} KB)`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await server.stop();
  }
}

async function main(wanted) {
  const unknown = wanted.filter((out) => !PICTURES.some((p) => p.out === path.normalize(out)));
  if (unknown.length > 0) throw new Error(`no picture ${unknown.join(', ')}; the pictures are ${PICTURES.map((p) => p.out).join(', ')}`);
  for (const picture of PICTURES) {
    if (wanted.length === 0 || wanted.some((out) => path.normalize(out) === picture.out)) await takePicture(picture, console.log);
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err) => {
    console.error(err.message);
    process.exit(1);
  },
);
