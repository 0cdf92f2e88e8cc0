import * as vscode from 'vscode';
import { RULE_PAGES, ruleDocsUri, type Finding, type Severity } from '../core';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** The rule code of a diagnostic, whether VS Code holds it as `{ value, target }` or as a plain string. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code ?? '');
}

/** A core finding as the editor shows it; the code links to the rule's page in the extension (docs/rules/<code>.md). */
export function toDiagnostic(document: vscode.TextDocument, finding: Finding, extensionUri: vscode.Uri): vscode.Diagnostic {
  const range = (offset: number, length: number) => new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
  const diagnostic = new vscode.Diagnostic(range(finding.offset, finding.length), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = 'clusterplan';
  diagnostic.code = { value: finding.code, target: vscode.Uri.parse(ruleDocsUri(vscode.Uri.joinPath(extensionUri, RULE_PAGES).toString(), finding.code)) };
  diagnostic.relatedInformation = finding.related.map(
    (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, range(r.offset, r.length)), r.message),
  );
  return diagnostic;
}
