import * as vscode from 'vscode';
import { LANGUAGE_ID, type AnalysisCache } from './analyses';
import { completionItems } from './completion';
import { documentSymbols } from './outline';
import { definition, NodeRenameProvider, references } from './references';

/**
 * Writing a plan: completion, the outline, go to definition, find references and rename of node names.
 * The logic is the core's (src/core/features), over the cached analysis of the document's version; this
 * file registers the providers, whose modules convert offsets to positions and the core's results to VS
 * Code's types.
 */
export function registerWritingFeatures(analyses: AnalysisCache): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };
  return [
    vscode.languages.registerCompletionItemProvider(
      selector,
      { provideCompletionItems: (document, position) => completionItems(analyses.get(document), document, position) },
      '"',
      ':',
    ),
    vscode.languages.registerDocumentSymbolProvider(
      selector,
      { provideDocumentSymbols: (document) => documentSymbols(analyses.get(document), document) },
      { label: vscode.l10n.t('Cluster Plan') },
    ),
    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition: (document, position) => definition(analyses.get(document), document, position),
    }),
    vscode.languages.registerReferenceProvider(selector, {
      provideReferences: (document, position, context) => references(analyses.get(document), document, position, context),
    }),
    vscode.languages.registerRenameProvider(selector, new NodeRenameProvider(analyses)),
  ];
}
