#!/usr/bin/env node
// The same integration suite through @vscode/test-electron, for machines that can download VS Code
// (update.code.visualstudio.com). On the offline build machines use `npm run test:integration` instead.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '..');

async function main() {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterplan-electron-'));
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.CLUSTERPLAN_VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`test:electron: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
