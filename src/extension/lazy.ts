import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * The lazy chunks: code that runs only when the administrator or VS Code asks for it (quick fixes, export, completion,
 * hovers, node name navigation, the outline, inlay hints, the Cluster Versions rows) is not in
 * dist/extension.js but in bundles of its own beside it, built by esbuild.js from src/extension/chunks/<name>.ts
 * into dist/<name>.js, and loaded on first use; activation reads only the rest.
 * A chunk bundles the core code it uses, so it must not hold state the rest of the extension relies on.
 */
interface Chunks {
  codeActions: typeof import('./chunks/codeActions');
  completion: typeof import('./chunks/completion');
  export: typeof import('./chunks/export');
  hover: typeof import('./chunks/hover');
  inlayHints: typeof import('./chunks/inlayHints');
  outline: typeof import('./chunks/outline');
  references: typeof import('./chunks/references');
  timeline: typeof import('./chunks/timeline');
}

/** What the administrator cannot do without the chunk, for the error message. */
const FEATURES: Record<keyof Chunks, () => string> = {
  codeActions: () => vscode.l10n.t('offer quick fixes'),
  completion: () => vscode.l10n.t('complete'),
  export: () => vscode.l10n.t('export the runbook'),
  hover: () => vscode.l10n.t('show hovers'),
  inlayHints: () => vscode.l10n.t('show inlay hints'),
  outline: () => vscode.l10n.t('show the outline'),
  references: () => vscode.l10n.t('go to a node, find its references or rename it'),
  timeline: () => vscode.l10n.t('show the Cluster Versions view'),
};

const reported = new Set<keyof Chunks>();

/**
 * The chunk's exports; undefined, after an error message (not a stack trace), when it cannot be loaded.
 * `once` is for providers, which VS Code calls on every keystroke or hover: one message is enough.
 */
export function loadChunk<K extends keyof Chunks>(name: K, report: 'always' | 'once' = 'always'): Chunks[K] | undefined {
  const file = path.join(__dirname, `${name}.js`);
  try {
    // A computed path: esbuild leaves this require alone instead of bundling the chunk into extension.js.
    return require(file) as Chunks[K];
  } catch (error) {
    if (report === 'always' || !reported.has(name)) {
      reported.add(name);
      console.error(`clusterplan: cannot load ${file}`, error);
      const shown = `dist/${name}.js`;
      void vscode.window.showErrorMessage(
        (error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND'
          ? vscode.l10n.t('Cluster Plan cannot {0}: its file {1} is missing. Reinstall the extension.', FEATURES[name](), shown)
          : vscode.l10n.t('Cluster Plan cannot {0}: its file {1} could not be loaded ({2}). Reinstall the extension.', FEATURES[name](), shown, String(error)),
      );
    }
    return undefined;
  }
}
