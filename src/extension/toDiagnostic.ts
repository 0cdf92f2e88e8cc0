import * as vscode from 'vscode';
import { ruleDocsUri, type Finding, type Severity } from '../core';

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

/** A core finding as the editor shows it; the code links to the rule's section of the bundled README. */
export function toDiagnostic(document: vscode.TextDocument, finding: Finding, readme: vscode.Uri): vscode.Diagnostic {
  const range = (offset: number, length: number) => new vscode.Range(document.positionAt(offset), document.positionAt(offset + length));
  const diagnostic = new vscode.Diagnostic(range(finding.offset, finding.length), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = 'clusterplan';
  diagnostic.code = { value: finding.code, target: vscode.Uri.parse(ruleDocsUri(readme.toString(), finding.code)) };
  diagnostic.relatedInformation = finding.related.map(
    (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, range(r.offset, r.length)), r.message),
  );
  return diagnostic;
}
