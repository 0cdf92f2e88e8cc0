import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A usage or I/O problem: reported in one line, exit code 2. */
export class UsageError extends Error {}

export const PLAN_EXTENSION = '.clusterplan';

/** The plan files named on the command line; a directory stands for every *.clusterplan below it. */
export async function expandPaths(args: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    let stat;
    try {
      stat = await fs.stat(arg);
    } catch (error) {
      throw new UsageError(`${arg}: ${ioReason(error)}`);
    }
    if (stat.isDirectory()) {
      const found = await plansUnder(arg);
      if (found.length === 0) throw new UsageError(`${arg}: no ${PLAN_EXTENSION} files in this directory`);
      files.push(...found);
    } else {
      files.push(arg);
    }
  }
  return files;
}

async function plansUnder(directory: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await fs.readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    // node_modules and dot-folders hold no plans of the user's, only copies.
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) found.push(...(await plansUnder(full)));
    else if (entry.isFile() && entry.name.endsWith(PLAN_EXTENSION)) found.push(full);
  }
  return found;
}

export async function readPlanFile(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: ${ioReason(error)}`);
  }
}

export async function writePlanFile(file: string, text: string): Promise<void> {
  try {
    await fs.writeFile(file, text, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot write the fixed plan: ${ioReason(error)}`);
  }
}

function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}
