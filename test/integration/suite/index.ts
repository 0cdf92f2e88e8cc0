import { readdirSync } from 'node:fs';
import { runMochaFolder } from '../helpers';

/** Opens an untitled copy of every plan of the workspace, and a runbook of each example. */
const AGREEMENT = 'agreement.test.js';

/**
 * The extensionTestsPath of the main run: every *.test.js beside this file. The agreement test runs last,
 * so that the others, the task's among them, start from an editor that has not yet held some sixty documents.
 */
export function run(): Promise<void> {
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && f !== AGREEMENT);
  return runMochaFolder(__dirname, [...files, AGREEMENT]);
}
