#!/usr/bin/env node
// The integration tests in a real VS Code (server + headless Chromium), in two runs over the same harness:
//  1. the extension under development, trusted workspace: test/integration/suite;
//  2. the packaged .vsix installed into the server, Restricted Mode: test/integration/package.
// Restricted Mode only disables installed extensions, so run 2 is the one that proves the extension declares
// untrusted-workspace support correctly, and that .vscodeignore keeps every file the extension needs.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureVSCodeServer } = require('./vscode-server/install');
const { runExtensionTests } = require('./vscode-server/runTests');
const { installVsix } = require('./vscode-server/server');

const root = path.resolve(__dirname, '..');
const compiled = path.join(root, 'out', 'test', 'integration');

function step(message) {
  console.log(`\n== integration: ${message}`);
}

/** Tests edit documents in memory only, but a copy keeps examples/ safe from any save. */
function workspaceCopy(dir) {
  const workspace = path.join(dir, 'workspace');
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  return workspace;
}

/** The .vsix exactly as `npm run package` builds it, so the flags live in package.json only. */
function packageVsix(dir) {
  const vsix = path.join(dir, 'clusterplan.vsix');
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const result = spawnSync(npm[0], [...npm.slice(1), 'run', 'package', '--', '-o', vsix], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm run package failed:\n${result.stdout}\n${result.stderr}`);
  const warnings = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /\bWARNING\b/.test(line));
  if (warnings.length > 0) throw new Error(`vsce package warned:\n${warnings.join('\n')}`);
  return vsix;
}

async function main() {
  if (!fs.existsSync(path.join(compiled, 'suite', 'index.js'))) {
    throw new Error('compile the tests first: npm run compile-tests');
  }
  step('VS Code server');
  await ensureVSCodeServer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterplan-integration-'));
  const results = [];
  try {
    const workspace = workspaceCopy(dir);

    step('the extension under development, trusted workspace');
    results.push(
      await runExtensionTests({
        extensionDevelopmentPath: root,
        extensionTestsPath: path.join(compiled, 'suite', 'index.js'),
        workspace,
      }),
    );

    step('the packaged .vsix, installed, in Restricted Mode');
    const vsix = packageVsix(dir);
    const extensionsDir = path.join(dir, 'extensions');
    fs.mkdirSync(extensionsDir);
    await installVsix(vsix, extensionsDir);
    results.push(
      await runExtensionTests({
        extensionTestsPath: path.join(compiled, 'package', 'index.js'),
        workspace,
        extensionsDir,
        trustWorkspace: false,
      }),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const failed = results.filter((code) => code !== 0).length;
  console.log(`integration runs: ${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`integration: ${error.message}`);
    process.exit(1);
  },
);
