import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, codeOf, showPlan } from '../helpers';

/**
 * The extension, the CLI and the export are adapters over one engine: for every plan of the workspace (the
 * examples, and a plan per kind of mistake) the editor's diagnostics are the CLI's findings, and the runbook
 * the editor opens is the one the CLI writes. The editor gets an untitled copy of each plan: VS Code keeps a
 * file it opened for minutes after its tab closes, and the task's tests need those files not open.
 */

const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;

interface CliDiagnostic {
  code: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const plans = ['.', 'mistakes'].flatMap((dir) =>
  fs
    .readdirSync(path.join(folder, dir))
    .filter((f) => f.endsWith('.clusterplan'))
    .map((f) => path.posix.join(dir, f)),
);

/** The bundled CLI, as the task runs it, from the workspace folder. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script = path.join(vscode.extensions.getExtension('clusterplan.clusterplan')!.extensionPath, 'dist', 'cli.js');
  return spawnSync(process.execPath, [script, ...args], { cwd: folder, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
}

/** One line per finding, as both sides can give it: code, severity, range and message. */
function line(code: string, severity: string, range: CliDiagnostic['range'], message: string): string {
  return `${code} ${severity} ${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${message}`;
}

describe('the editor, the CLI and the export agree', () => {
  afterEach(closeAllEditors);

  it('has the examples of both families of releases in the workspace', () => {
    assert.ok(plans.includes('kb811272-rc2-to-rtm.clusterplan'), plans.join(', '));
    assert.ok(plans.some((p) => p.includes('ws2016-to-ws2019-in-place')), plans.join(', '));
  });

  for (const plan of plans) {
    it(`${plan}: the editor's diagnostics are the CLI's findings`, async () => {
      const run = cli('check', '--format', 'json', plan);
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
      const report = JSON.parse(run.stdout) as { files: { diagnostics: CliDiagnostic[] }[] };
      const expected = report.files[0]!.diagnostics.map((d) => line(d.code, d.severity, d.range, d.message)).sort();

      const editor = await showPlan(fs.readFileSync(path.join(folder, plan), 'utf8'));
      const api = await vscode.extensions.getExtension('clusterplan.clusterplan')!.activate();
      // The diagnostics of the plan's text, as the server published them.
      await api.checked(editor.document);
      const diagnostics = vscode.languages.getDiagnostics(editor.document.uri);
      assert.equal(diagnostics.length, expected.length);
      const shown = diagnostics
        .map((d) => {
          const { start, end } = d.range;
          return line(codeOf(d), SEVERITIES[d.severity], { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } }, d.message);
        })
        .sort();
      assert.deepEqual(shown, expected);
    });
  }

  for (const plan of plans.filter((p) => !p.includes('mistakes'))) {
    for (const format of ['powershell', 'markdown'] as const) {
      it(`${plan}: the ${format} runbook the editor opens is the CLI's`, async () => {
        const run = cli('export', '--format', format, plan);
        assert.equal(run.status, 0, run.stderr);
        const editor = await showPlan(fs.readFileSync(path.join(folder, plan), 'utf8'));
        const runbook = await vscode.commands.executeCommand<vscode.TextEditor>('clusterplan.exportRunbook', format);
        assert.ok(runbook, 'the command returns the runbook editor');
        // The runbook names the plan it comes from: the file for the CLI, the untitled copy here.
        const untitled = path.posix.basename(editor.document.uri.path);
        assert.equal(runbook.document.getText(), run.stdout.split(path.posix.basename(plan)).join(untitled));
      });
    }
  }
});
