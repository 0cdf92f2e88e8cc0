import * as vscode from 'vscode';
import type { Severity } from '../../core';
import type { Row } from '../clusterVersionsView';

/**
 * The chunk dist/timeline.js (../lazy.ts): the rows of the Cluster Versions view, loaded when the view is
 * first shown. The rows are the core's (src/core/features/timelineTree.ts); this draws them.
 */
export { timelineItems, timelineNodes } from '../../core/features/timelineTree';

const ICON: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  information: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb'),
};

/** The row as the view draws it; the view adds the command that reveals a step. */
export function treeItemOf(row: Row): vscode.TreeItem {
  if (row.kind === 'more') return new vscode.TreeItem(vscode.l10n.t('… {0} more steps', row.count));
  if (row.kind === 'node') {
    const { node } = row;
    const label: vscode.TreeItemLabel = { label: node.name, highlights: node.changed.length > 0 ? [[0, node.name.length]] : [] };
    const item = new vscode.TreeItem(label);
    item.description = node.changed.length > 0 ? `${node.description} · ${vscode.l10n.t('changed: {0}', node.changed.join(', '))}` : node.description;
    item.iconPath = new vscode.ThemeIcon('server');
    item.id = `${row.parent.id}/${node.name}`;
    return item;
  }
  const { item } = row;
  const tree = new vscode.TreeItem(item.label, vscode.TreeItemCollapsibleState.Collapsed);
  tree.id = item.id;
  tree.description = item.description;
  tree.tooltip = `${item.label}\n${item.description}`;
  tree.iconPath = item.worst ? ICON[item.worst] : new vscode.ThemeIcon('pass');
  return tree;
}
