import * as vscode from 'vscode';
import { LANGUAGE_ID, type AnalysisCache } from './analyses';
import { loadChunk } from './lazy';

/**
 * Writing a plan: completion, the outline, go to definition, find references and rename of node names.
 * The logic is the core's (src/core/features), over the cached analysis of the document's version; this
 * file converts offsets to positions and the core's results to VS Code's types. Completion and the node
 * name features run only when the administrator types or asks, so their code is in chunks loaded on first
 * use (./lazy.ts); the outline stays here, as the breadcrumbs ask for it as soon as a plan opens.
 */
export function registerWritingFeatures(analyses: AnalysisCache): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = { language: LANGUAGE_ID };
  return [
    vscode.languages.registerCompletionItemProvider(
      selector,
      { provideCompletionItems: (document, position) => loadChunk('completion', 'once')?.completionItems(analyses.get(document), document, position) },
      '"',
      ':',
    ),
    vscode.languages.registerDocumentSymbolProvider(
      selector,
      { provideDocumentSymbols: (document) => loadChunk('outline', 'once')?.documentSymbols(analyses.get(document), document) },
      { label: vscode.l10n.t('Cluster Plan') },
    ),
    vscode.languages.registerDefinitionProvider(selector, {
      provideDefinition: (document, position) => loadChunk('references', 'once')?.definition(analyses.get(document), document, position),
    }),
    vscode.languages.registerReferenceProvider(selector, {
      provideReferences: (document, position, context) => loadChunk('references', 'once')?.references(analyses.get(document), document, position, context),
    }),
    vscode.languages.registerRenameProvider(selector, {
      prepareRename: (document, position) => loadChunk('references', 'once')?.prepareRename(analyses.get(document), document, position),
      provideRenameEdits: (document, position, newName) => loadChunk('references', 'once')?.renameEdits(analyses.get(document), document, position, newName),
    }),
  ];
}
