import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULE_PAGES } from '../core';

/**
 * The folder clusterplan is installed in: the repository, an npm install, or the extension's folder, where
 * dist/cli.js sits beside README.md and docs/. Found from this file upwards, as its package.json.
 */
export function installationFolder(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** A file of the installation, as a file: URI for a terminal or a SARIF viewer to open. */
export function installedFileUri(relative: string): string {
  const file = path.join(installationFolder(), relative);
  return 'file://' + file.split(path.sep).map(encodeURIComponent).join('/').replace(/^\/?/, '/');
}

/** The text of a rule's page (docs/rules/<code>.md), or undefined if the installation lacks it. */
export function rulePage(code: string): string | undefined {
  try {
    return fs.readFileSync(path.join(installationFolder(), RULE_PAGES, `${code}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
