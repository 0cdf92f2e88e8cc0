import { runMochaFolder } from '../helpers';

/** The extensionTestsPath of the main run: every *.test.js beside this file. */
export function run(): Promise<void> {
  return runMochaFolder(__dirname);
}
