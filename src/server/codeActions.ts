import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Position, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll, fixesFor, isSuppressible, minimalEdit, suppressionEdit, type Analysis, type Finding, type TextEdit } from '../core';
import { FIX_ALL_KIND } from './capabilities';
import type { ServerContext } from './context';
import type { OpenPlan } from './planDocuments';
import { rangeOf } from './positions';
import { TYPE_REASON_COMMAND } from './protocol';

const FIX_ALL_IN_FILE = 'Fix all clusterplan problems in this file';
const FIX_ALL_ON_SAVE = 'Fix all clusterplan problems';

/** What the quick-fix form of fix-all carries until it is resolved: the plan and the version it was offered for. */
interface FixAllData {
  readonly uri: string;
  readonly version: number;
}

/**
 * Quick fixes, suppressions and fix-all (also as `source.fixAll.clusterplan` for `editor.codeActionsOnSave`),
 * as the extension offered them: the edits are the core's pure fix functions' (src/core/fixes); this only
 * converts them to the protocol's.
 */
export function registerCodeActions(context: ServerContext): void {
  context.connection.onCodeAction(async (params) => {
    await context.settings.ready;
    const open = context.plans.get(params.textDocument.uri);
    return open ? codeActions(context, open, params) : [];
  });
  context.connection.onCodeActionResolve(async (action) => {
    await context.settings.ready;
    return resolveFixAll(context, action);
  });
}

function codeActions(context: ServerContext, open: OpenPlan, params: CodeActionParams): CodeAction[] {
  const { document, analysis } = open;
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => contains(o, kind) || contains(kind, o));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== 'clusterplan') continue;
      const finding = findingOf(document, analysis, diagnostic);
      if (!finding) continue;
      for (const fix of fixesFor(analysis, finding)) {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: fix.isPreferred, edit: workspaceEdit(context, document, fix.edits) });
      }
      if (isSuppressible(finding.code)) actions.push(suppressAction(context, document, analysis, finding, diagnostic));
    }
    const { start, end } = params.range;
    const emptyRange = start.line === end.line && start.character === end.character;
    // Offered cheaply, computed when picked: fix-all analyses the plan once per fix it applies, far too
    // much for every lightbulb request.
    if ((emptyRange || params.context.diagnostics.length > 0) && hasSafeFix(analysis)) {
      if (resolvesEditLater(context)) {
        const data: FixAllData = { uri: document.uri, version: document.version };
        actions.push({ title: FIX_ALL_IN_FILE, kind: CodeActionKind.QuickFix, data });
      } else {
        const all = fixAllAction(context, document, CodeActionKind.QuickFix, FIX_ALL_IN_FILE);
        if (all) actions.push(all);
      }
    }
  }
  if (only && wants(FIX_ALL_KIND) && !only.some((o) => contains(o, CodeActionKind.QuickFix))) {
    const all = fixAllAction(context, document, FIX_ALL_KIND, FIX_ALL_ON_SAVE);
    if (all) actions.push(all);
  }
  return actions;
}

/** Whether `kind` is `parent` or one of its sub-kinds (`source.fixAll.clusterplan` in `source`); the empty kind holds all. */
function contains(parent: string, kind: string): boolean {
  return parent === '' || kind === parent || kind.startsWith(`${parent}.`);
}

/**
 * "Suppress … on this line": the comment goes on its own line above the finding, with no reason. A client
 * that runs clusterplan.typeReason then puts the cursor after its "-- ", where the administrator types why.
 */
function suppressAction(context: ServerContext, document: TextDocument, analysis: Analysis, finding: Finding, diagnostic: Diagnostic): CodeAction {
  const title = `Suppress ${finding.code} on this line…`;
  const suppress = suppressionEdit(analysis.document, finding);
  const action: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(context, document, [suppress]) };
  if (context.clientCommands.has(TYPE_REASON_COMMAND)) {
    // The comment is inserted at the start of the finding's line, so after the edit that line holds the
    // comment, and the reason goes `reasonAt` characters into it (the comment has no line break before it).
    const at = document.positionAt(suppress.offset);
    const reason: Position = { line: at.line, character: at.character + suppress.reasonAt };
    action.command = { title: 'Type the reason', command: TYPE_REASON_COMMAND, arguments: [document.uri, reason] };
  }
  return action;
}

/**
 * The edit of "Fix all clusterplan problems in this file", picked from the list. It is computed for the
 * version it was offered for: once the plan has changed, the action resolves with no edit rather than apply
 * fixes the administrator did not see offered (VS Code asks for the actions again after each edit).
 */
function resolveFixAll(context: ServerContext, action: CodeAction): CodeAction {
  const data = action.data as Partial<FixAllData> | undefined;
  if (action.edit || typeof data?.uri !== 'string') return action;
  const open = context.plans.get(data.uri);
  if (!open || open.document.version !== data.version) return action;
  const resolved = fixAllAction(context, open.document, action.kind ?? CodeActionKind.QuickFix, action.title);
  return { ...action, edit: resolved?.edit ?? workspaceEdit(context, open.document, []) };
}

/** Every safe fix, as one minimal edit so the undo stack and the cursor move as little as possible. */
function fixAllAction(context: ServerContext, document: TextDocument, kind: string, title: string): CodeAction | undefined {
  const text = document.getText();
  const result = fixAll(text, context.settings.current.analysis);
  if (result.applied.length === 0) return undefined;
  return { title, kind, diagnostics: [], isPreferred: false, edit: workspaceEdit(context, document, [minimalEdit(text, result.text)]) };
}

/** A client can be sent fix-all without its edit only if it asks for the edit later, with the action's data. */
function resolvesEditLater(context: ServerContext): boolean {
  const codeAction = context.clientCapabilities().textDocument?.codeAction;
  return codeAction?.dataSupport === true && codeAction.resolveSupport?.properties.includes('edit') === true;
}

function hasSafeFix(analysis: Analysis): boolean {
  return analysis.findings.some((f) => fixesFor(analysis, f).some((fix) => fix.safe));
}

/** The finding a diagnostic was made from: the same code, at the same range of the current text. */
function findingOf(document: TextDocument, analysis: Analysis, diagnostic: Diagnostic): Finding | undefined {
  const same = (a: Position, b: Position) => a.line === b.line && a.character === b.character;
  return analysis.findings.find((f) => {
    if (f.code !== diagnostic.code) return false;
    const range = rangeOf(document, f.offset, f.length);
    return same(range.start, diagnostic.range.start) && same(range.end, diagnostic.range.end);
  });
}

/**
 * The core's edits against the document's current text. A client that takes versioned edits gets them with
 * the version, so an edit made for an older text is refused rather than applied to a newer one.
 */
function workspaceEdit(context: ServerContext, document: TextDocument, edits: readonly TextEdit[]): WorkspaceEdit {
  const converted: LspTextEdit[] = edits.map((e) => ({ range: rangeOf(document, e.offset, e.length), newText: e.content }));
  if (context.clientCapabilities().workspace?.workspaceEdit?.documentChanges === true) {
    return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: converted }] };
  }
  return { changes: { [document.uri]: converted } };
}
