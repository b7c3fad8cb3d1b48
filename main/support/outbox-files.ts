/**
 * The help outbox's file operations as a port (convention 2): the app uses Node's file system with the
 * durability a queue needs; tests wrap it to see the order of the calls or to play a disk that fails.
 *
 * Durability: a rename is atomic but not durable. After a power cut the new name can point at a file whose
 * data never reached the disk, or the rename itself can be forgotten, unless the file is fsynced before the
 * rename and its folder after (rename(2) and fsync(2) man pages; the same sequence SQLite and git use).
 */
import { access, chmod, constants, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface OutboxFiles {
  /** Creates the folder (and its parents) readable by this user only. */
  mkdir(dir: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  readFile(file: string): Promise<string>;
  /** Writes the file, 0600, and makes its content durable before returning. */
  writeDurable(file: string, text: string): Promise<void>;
  /** Renames, then makes the new entry and the removal of the old one durable. */
  renameDurable(from: string, to: string): Promise<void>;
  /** Removes a file if present (no error when missing). */
  remove(file: string): Promise<void>;
  /** Whether entries can be removed from the folder now (false on a read-only mount); a full disk still can. */
  writable(dir: string): Promise<boolean>;
}

async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a folder for fsync (NTFS journals the rename itself).
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (error: unknown) {
    // Some file systems refuse a folder fsync; the rename is still atomic there, which is all they offer.
    if (!['EINVAL', 'ENOTSUP'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

export const nodeOutboxFiles: OutboxFiles = {
  async mkdir(dir) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // A folder left by an older version may be 0755: the queue holds e-mail addresses and messages.
    await chmod(dir, 0o700);
  },
  readdir: (dir) => readdir(dir),
  readFile: (file) => readFile(file, 'utf8'),
  async writeDurable(file, text) {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  async renameDurable(from, to) {
    await rename(from, to);
    await syncDir(dirname(to));
    if (dirname(from) !== dirname(to)) await syncDir(dirname(from));
  },
  async remove(file) {
    await rm(file, { force: true });
    // A removal the disk forgot would send a request twice after a power cut: made durable like a rename.
    // No folder, no file was ever there (a draft cleared on a computer where no help was asked): nothing to sync.
    await syncDir(dirname(file)).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
  },
  async writable(dir) {
    try {
      // access(2) answers EROFS for a read-only mount, even to root; a full disk still allows unlink.
      await access(dir, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
};
