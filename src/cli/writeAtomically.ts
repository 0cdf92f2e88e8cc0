import { randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import * as path from 'node:path';
import { kindOf } from './files';

/**
 * Writes `bytes` to `target` so that it holds its old bytes or all the new ones, never a part of them: a full
 * disk, a file size limit or a kill during the write leave the target as it was (docs/cli.md). The bytes go
 * to a temporary file in the target's folder, are flushed to the disk, and the temporary file is renamed
 * over the target, which replaces it on Windows too. A symlink stays a link: its target is written. An
 * existing file keeps its mode and, where the system lets us, its owner.
 *
 * Throws the reason; the target is then unchanged and no temporary file is left.
 */
export async function writeAtomically(target: string, bytes: Buffer): Promise<void> {
  const file = await throughLinks(target);
  const existing = await statIfAny(file);
  if (existing && !existing.isFile()) throw new Error(`not a regular file (${kindOf(existing)})`);
  // A read-only file refused the write in place; renaming over it must not get round that.
  if (existing) await fs.access(file, constants.W_OK);

  const folder = path.dirname(file);
  const temp = path.join(folder, `.${path.basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.clusterplan-tmp`);
  // Created with the target's permissions at most, so that a private plan is never readable by others on the way.
  const handle = await fs.open(temp, 'wx', existing ? existing.mode & 0o777 : 0o666).catch((error: NodeJS.ErrnoException) => {
    // The plan itself may be writable: say that the folder is what refuses.
    if (error.code !== 'EACCES' && error.code !== 'EPERM') throw error;
    throw new Error(`permission denied to create a file in ${folder}, which a whole-or-nothing write needs`);
  });
  let open = true;
  try {
    await handle.writeFile(bytes);
    if (existing) await keepOwnerAndMode(handle, existing);
    await handle.sync();
    open = false;
    await handle.close();
    await fs.rename(temp, file);
  } catch (error) {
    if (open) await handle.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** The file a path names, links followed; the path itself when nothing is there yet. */
async function throughLinks(target: string): Promise<string> {
  try {
    return await fs.realpath(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return target;
    throw error;
  }
}

async function statIfAny(file: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The new file is the writer's; an administrator fixing a colleague's plan as root gives it back to its
 * owner. Without the right to do so (an ordinary user in a shared folder) the plan becomes the writer's,
 * as with any editor that saves by renaming. Owner first: a change of owner clears the setuid bits.
 */
async function keepOwnerAndMode(handle: fs.FileHandle, original: Stats): Promise<void> {
  if (process.getuid && process.getgid && (original.uid !== process.getuid() || original.gid !== process.getgid())) {
    await handle.chown(original.uid, original.gid).catch(() => undefined);
  }
  await handle.chmod(original.mode & 0o7777);
}
