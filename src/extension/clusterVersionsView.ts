import * as vscode from 'vscode';
import { timelineItems, timelineNodes, type NodeItem, type Severity, type TimelineItem } from '../core';
import { LANGUAGE_ID, type AnalysisCache } from './analyses';
import { shownInTab } from './tabs';

export const VIEW_ID = 'clusterplan.clusterVersions';
export const REVEAL_STEP = 'clusterplan.revealStep';

/** The rows of one version of the plan. */
interface Rows {
  readonly states: Row[];
  readonly byId: Map<string, Row>;
  readonly version: number | undefined;
}

/** A row of the view: a state, one of its nodes, or the rows left out. */
export type Row =
  | { readonly kind: 'state'; readonly item: TimelineItem }
  | { readonly kind: 'node'; readonly parent: TimelineItem; readonly node: NodeItem }
  | { readonly kind: 'more'; readonly count: number };

/**
 * "Cluster Versions": the state before the first step and after each step of the active plan, drawn from
 * the core's timeline. It follows the active editor and refreshes when the plan's diagnostics do, so it
 * shares their delay and their analysis.
 */
export class ClusterVersionsView implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Row>;
  private document: vscode.TextDocument | undefined;
  /** Built when the view asks for them, not on every check: a hidden view costs nothing. */
  private rows: Rows | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly analyses: AnalysisCache,
    onDidValidate: vscode.Event<vscode.TextDocument>,
  ) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [
      this.view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.follow()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.followTabs()),
      onDidValidate((d) => d === this.document && this.refresh()),
      vscode.window.onDidChangeTextEditorSelection((e) => this.revealAt(e.textEditor, e.selections[0]?.active)),
      vscode.commands.registerCommand(REVEAL_STEP, (uri: vscode.Uri, offset: number, length: number) => revealInEditor(uri, offset, length)),
    ];
    this.follow();
  }

  private follow(): void {
    const editor = vscode.window.activeTextEditor;
    // Another kind of editor (output, settings) keeps the last plan: the tree should not flicker away.
    if (editor && editor.document.languageId !== LANGUAGE_ID && editor.document.uri.scheme !== 'output') this.document = undefined;
    else if (editor?.document.languageId === LANGUAGE_ID) this.document = editor.document;
    this.refresh();
  }

  /**
   * The plan goes with its last tab, as its problems do. Drawing it after that would also analyse, and
   * keep, a document that VS Code may hold open for minutes with no tab.
   */
  private followTabs(): void {
    if (!this.document || shownInTab(this.document.uri)) return;
    this.document = undefined;
    this.refresh();
  }

  private refresh(): void {
    if (this.document?.isClosed) this.document = undefined;
    this.rows = undefined;
    this.changed.fire();
    // An edit (a quick fix that inserts steps, typing) moves the steps under the cursor: select its row
    // again, or the selection stays on the row that now shows another step.
    const editor = vscode.window.activeTextEditor;
    if (editor) this.revealAt(editor, editor.selection.active);
  }

  private currentRows(): Rows {
    if (this.rows) return this.rows;
    const states: Row[] = [];
    const byId = new Map<string, Row>();
    const version = this.document?.version;
    if (this.document) {
      const { items, more } = timelineItems(this.analyses.get(this.document));
      for (const item of items) {
        const row: Row = { kind: 'state', item };
        states.push(row);
        byId.set(item.id, row);
      }
      if (more > 0) states.push({ kind: 'more', count: more });
    }
    this.rows = { states, byId, version };
    this.view.message = this.document && states.length === 0 ? vscode.l10n.t('The plan cannot be read yet: see the Problems panel.') : undefined;
    return this.rows;
  }

  getChildren(row?: Row): Row[] {
    if (!row) return this.currentRows().states;
    if (row.kind === 'state' && this.document) {
      const nodes = timelineNodes(this.analyses.get(this.document), row.item.stepIndex);
      return nodes.map((node) => ({ kind: 'node', parent: row.item, node }));
    }
    return [];
  }

  getParent(row: Row): Row | undefined {
    return row.kind === 'node' ? this.currentRows().byId.get(row.parent.id) : undefined;
  }

  getTreeItem(row: Row): vscode.TreeItem {
    const item = treeItemOf(row);
    if (row.kind === 'state' && this.document) {
      item.command = { command: REVEAL_STEP, title: vscode.l10n.t('Reveal Step'), arguments: [this.document.uri, row.item.offset, row.item.length] };
    }
    return item;
  }

  /** Moving the cursor into a step selects its row, when the view is visible. */
  private revealAt(editor: vscode.TextEditor, position: vscode.Position | undefined): void {
    if (!this.view.visible || !position || editor.document !== this.document) return;
    const rows = this.currentRows();
    // The rows are those of an earlier text: the refresh that follows the edit selects the row.
    if (rows.version !== editor.document.version) return;
    const offset = editor.document.offsetAt(position);
    const row = rows.states.find((r) => r.kind === 'state' && r.item.stepIndex !== undefined && offset >= r.item.offset && offset <= r.item.offset + r.item.length);
    if (!row || row.kind !== 'state') return;
    const selected = this.view.selection[0];
    if (selected?.kind === 'state' && selected.item.id === row.item.id) return;
    // A refresh can overtake the reveal (the row is then gone); selecting the row is only a courtesy.
    this.view.reveal(row, { select: true, focus: false }).then(undefined, () => undefined);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

async function revealInEditor(uri: vscode.Uri, offset: number, length: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
  const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

const ICON: Record<Severity, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  information: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb'),
};

/** The row as the view draws it; the view adds the command that reveals a step. */
function treeItemOf(row: Row): vscode.TreeItem {
  if (row.kind === 'more') return new vscode.TreeItem(vscode.l10n.t('… {0} more steps', row.count));
  if (row.kind === 'node') {
    const { node } = row;
    const label: vscode.TreeItemLabel = { label: node.name, highlights: node.changed.length > 0 ? [[0, node.name.length]] : [] };
    const item = new vscode.TreeItem(label);
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon('server');
    item.id = `${row.parent.id}/${node.name}`;
    return item;
  }
  const { item } = row;
  const tree = new vscode.TreeItem(item.label, vscode.TreeItemCollapsibleState.Collapsed);
  tree.id = item.id;
  tree.description = item.description;
  tree.tooltip = item.tooltip;
  tree.iconPath = item.worst ? ICON[item.worst] : new vscode.ThemeIcon('pass');
  return tree;
}
