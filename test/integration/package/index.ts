import { runMochaFolder } from '../helpers';

/** Run against the .vsix installed into the server, without extensionDevelopmentPath. */
export function run(): Promise<void> {
  return runMochaFolder(__dirname);
}
