import * as vscode from 'vscode';

export const TASK_TYPE = 'clusterplan';

interface CheckTaskDefinition extends vscode.TaskDefinition {
  readonly paths?: readonly string[];
}

/**
 * The task "clusterplan: check": runs the bundled CLI over the workspace folder, and the `$clusterplan`
 * problem matcher puts the findings of the plans that are not open into the Problems panel. The open ones
 * are the editor's to report, as they change (`applyTo` in package.json).
 */
export function registerCheckTask(extensionUri: vscode.Uri): vscode.Disposable {
  const cli = vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
  const checkTask = (folder: vscode.WorkspaceFolder, definition: CheckTaskDefinition) =>
    new vscode.Task(
      definition,
      folder,
      'check',
      TASK_TYPE,
      // The extension host's own runtime: Node on a server, Electron on the desktop, which
      // ELECTRON_RUN_AS_NODE turns into Node. Nothing from the workspace is executed.
      // --no-progress: the task runs in a terminal, and the problem matcher would read the progress line's `\r`
      // into the line of a finding, which it then misses.
      new vscode.ProcessExecution(process.execPath, [cli, 'check', '--no-progress', ...(definition.paths ?? ['.'])], {
        cwd: folder.uri.fsPath,
        env: { ELECTRON_RUN_AS_NODE: '1' },
      }),
      ['$clusterplan'],
    );
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () =>
      (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => checkTask(f, { type: TASK_TYPE })),
    resolveTask: (task) => {
      const folder = task.scope;
      if (typeof folder !== 'object' || folder.uri.scheme !== 'file') return undefined;
      return checkTask(folder, task.definition as CheckTaskDefinition);
    },
  });
}
