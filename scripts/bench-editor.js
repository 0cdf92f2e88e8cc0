#!/usr/bin/env node
// `npm run bench:editor`: the editor benchmark (test/integration/bench) inside the real VS Code server.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureVSCodeServer } = require('./vscode-server/install');
const { runExtensionTests } = require('./vscode-server/runTests');

const root = path.resolve(__dirname, '..');

async function main() {
  await ensureVSCodeServer();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'clusterplan-bench-editor-'));
  try {
    return await runExtensionTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'bench', 'index.js'),
      workspace,
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench:editor: ${error.message}`);
    process.exit(1);
  },
);
