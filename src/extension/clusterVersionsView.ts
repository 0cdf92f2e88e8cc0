import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient/node';
import type { NodeItem, Severity } from '../core';
import {
  TIMELINE_NODES_REQUEST,
  TIMELINE_REQUEST,
  type TimelineNodesParams,
  type TimelineNodesResult,
  type TimelineParams,
  type TimelineResult,
  type TimelineState,
} from '../server/protocol';
import { LANGUAGE_ID } from './language';
import type { Validated } from './planProblems';
import { shownInTab } from './tabs';

export const VIEW_ID = 'clusterplan.clusterVersions';
export const REVEAL_STEP = 'clusterplan.revealStep';

/** The rows of one version of the plan, as the server drew them. */
interface Rows {
  readonly states: Row[];
  readonly byId: Map<string, Row>;
  readonly version: number | undefined;
}

/** A row of the view: a state, one of its nodes, or the rows left out. */
export type Row =
  | { readonly kind: 'state'; readonly item: TimelineState }
  | { readonly kind: 'node'; readonly parent: TimelineState; readonly node: NodeItem }
  | { readonly kind: 'more'; readonly count: number };

/**
 * "Cluster Versions": the state before the first step and after each step of the active plan, as the
 * server's `clusterplan/timeline` gives them (docs/language-server.md). It follows the active editor and
 * refreshes when the plan's diagnostics do, so it shares their delay and their analysis.
 */
export class ClusterVersionsView implements vscode.TreeDataProvider<Row>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<Row>;
  private document: vscode.TextDocument | undefined;
  /** Asked of the server when the view wants them, not on every check: a hidden view costs nothing. */
  private rows: Promise<Rows> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly client: BaseLanguageClient,
    onDidValidate: vscode.Event<Validated>,
  ) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [
      this.view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.follow()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.followTabs()),
      onDidValidate((v) => v.uri.toString() === this.document?.uri.toString() && this.refresh()),
      vscode.window.onDidChangeTextEditorSelection((e) => this.revealAt(e.textEditor, e.selections[0]?.active)),
      vscode.commands.registerCommand(REVEAL_STEP, (uri: vscode.Uri, range: vscode.Range) => revealInEditor(uri, range)),
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

  /** The plan goes with its last tab, as its problems do. */
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

  private currentRows(): Promise<Rows> {
    this.rows ??= this.fetchRows(this.document);
    return this.rows;
  }

  private async fetchRows(document: vscode.TextDocument | undefined): Promise<Rows> {
    const states: Row[] = [];
    const byId = new Map<string, Row>();
    const params: TimelineParams | undefined = document && { textDocument: { uri: document.uri.toString() } };
    let failed = false;
    const timeline = params && (await this.client.sendRequest<TimelineResult | null>(TIMELINE_REQUEST, params).catch(() => ((failed = true), null)));
    for (const item of timeline?.states ?? []) {
      const row: Row = { kind: 'state', item };
      states.push(row);
      byId.set(item.id, row);
    }
    if (timeline && timeline.more > 0) states.push({ kind: 'more', count: timeline.more });
    if (document === this.document) {
      this.view.message = !document || states.length > 0
        ? undefined
        : failed
          ? vscode.l10n.t('The Cluster Plan language server did not answer: see View › Output › Cluster Plan, or reload the window.')
          : vscode.l10n.t('The plan cannot be read yet: see the Problems panel.');
    }
    return { states, byId, version: timeline?.version };
  }

  async getChildren(row?: Row): Promise<Row[]> {
    if (!row) return (await this.currentRows()).states;
    if (row.kind !== 'state' || !this.document) return [];
    const params: TimelineNodesParams = { textDocument: { uri: this.document.uri.toString() }, stepIndex: row.item.stepIndex };
    const result = await this.client.sendRequest<TimelineNodesResult>(TIMELINE_NODES_REQUEST, params).catch(() => null);
    return (result?.nodes ?? []).map((node) => ({ kind: 'node', parent: row.item, node }));
  }

  async getParent(row: Row): Promise<Row | undefined> {
    return row.kind === 'node' ? (await this.currentRows()).byId.get(row.parent.id) : undefined;
  }

  getTreeItem(row: Row): vscode.TreeItem {
    const item = treeItemOf(row);
    if (row.kind === 'state' && this.document) {
      item.command = { command: REVEAL_STEP, title: vscode.l10n.t('Reveal Step'), arguments: [this.document.uri, rangeOf(row.item)] };
    }
    return item;
  }

  /** Moving the cursor into a step selects its row, when the view is visible. */
  private revealAt(editor: vscode.TextEditor, position: vscode.Position | undefined): void {
    if (!this.view.visible || !position || editor.document !== this.document) return;
    const rows = this.currentRows();
    void rows.then(({ states, version }) => {
      // The rows are those of another text, or another refresh began: the next refresh selects the row.
      if (rows !== this.rows || version !== editor.document.version) return;
      const row = states.find((r) => r.kind === 'state' && r.item.stepIndex !== null && rangeOf(r.item).contains(position));
      if (!row || row.kind !== 'state') return;
      const selected = this.view.selection[0];
      if (selected?.kind === 'state' && selected.item.id === row.item.id) return;
      // A refresh can overtake the reveal (the row is then gone); selecting the row is only a courtesy.
      this.view.reveal(row, { select: true, focus: false }).then(undefined, () => undefined);
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

function rangeOf(state: TimelineState): vscode.Range {
  const { start, end } = state.range;
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

async function revealInEditor(uri: vscode.Uri, range: vscode.Range): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preserveFocus: false });
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
