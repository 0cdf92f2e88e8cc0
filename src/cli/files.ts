import { promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';

/** A usage or I/O problem: reported in one line, exit code 2. */
export class UsageError extends Error {}

export const PLAN_EXTENSION = '.clusterplan';

export interface ExpandedPaths {
  /** The plan files, in the order given; a directory's plans sorted by name. */
  readonly files: string[];
  /** One line for each folder that could not be read; the plans in it are not in `files`. */
  readonly problems: string[];
}

/** The plan files named on the command line; a directory stands for every *.clusterplan below it. */
export async function expandPaths(args: readonly string[]): Promise<ExpandedPaths> {
  const files: string[] = [];
  const problems: string[] = [];
  for (const arg of args) {
    let stat;
    try {
      stat = await fs.stat(arg);
    } catch (error) {
      // A path given by mistake is one line; the other paths are still checked.
      problems.push(`${arg}: ${ioReason(error)}`);
      continue;
    }
    if (stat.isDirectory()) {
      const before = files.length;
      const problemsBefore = problems.length;
      await collectPlans(arg, files, problems);
      // An unreadable folder explains the missing plans itself.
      if (files.length === before && problems.length === problemsBefore) problems.push(`${arg}: no ${PLAN_EXTENSION} files in this directory`);
    } else {
      files.push(arg);
    }
  }
  return { files, problems };
}

/** Adds the plans below `directory` to `files`; a folder that cannot be read is a problem, and the walk goes on. */
async function collectPlans(directory: string, files: string[], problems: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch (error) {
    problems.push(`${directory}: cannot read this folder (${ioReason(error)}); the plans in it were not checked`);
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(directory, entry.name);
    // node_modules and dot-folders hold no plans of the user's, only copies.
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) await collectPlans(full, files, problems);
    else if (entry.isFile() && entry.name.endsWith(PLAN_EXTENSION)) files.push(full);
  }
}

/** The one plan file simulate and export take. */
export async function onePlanFile(args: readonly string[], command: string): Promise<string> {
  const { files, problems } = await expandPaths(args);
  if (problems[0] !== undefined) throw new UsageError(problems[0]);
  const file = files[0];
  if (!file || files.length !== 1) throw new UsageError(`${command} takes exactly one plan file`);
  return file;
}

export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'ENXIO') return 'not a regular file; clusterplan reads only plan files';
  if (code === 'ENOSPC') return 'no space left on the disk';
  if (code === 'EDQUOT') return 'disk quota exceeded';
  if (code === 'EFBIG') return 'larger than this process may write (ulimit -f)';
  if (code === 'EROFS') return 'read-only file system';
  return error instanceof Error ? error.message : String(error);
}

/** What a path is when it is not a regular file, in the words of `ls -l` and `file`. */
export function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a directory';
  return 'neither a file nor a folder';
}
