import { closeSync, fsync, futimesSync, open, openSync, promises as fsp, renameSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';

/**
 * The few file operations a Maildir delivery is made of, behind one interface so a test can
 * make any of them fail (a full disk, a read-only directory) without needing a real one.
 *
 * Metadata calls (rename) are synchronous on purpose: on a local disk they take
 * microseconds, while each trip through libuv's thread pool costs tens of them, and the
 * POP3/IMAP benchmarks walk 10,000 messages. fsync, which may take milliseconds, waits off the
 * event loop, and so does creating a delivery's file (see writeDurable). (Dovecot's Maildir code
 * is synchronous throughout.)
 */
export interface MaildirIo {
  /** Create `path` (it must not exist), write `data`, set its mtime, fsync, close. */
  writeDurable(path: string, data: Buffer, mtime?: Date): Promise<void>;
  /**
   * Move a staged file from tmp/ into new/ or cur/, under its own (unique) name. A rename, as
   * Dovecot's maildir_file_move does it: the spec's link() + unlink() costs a call and a
   * trip through the thread pool more, and guards only against a name clash that unique
   * names already rule out.
   */
  moveIn(from: string, to: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** fsync a directory, so a link or rename in it survives a crash. */
  syncDir(path: string): Promise<void>;
}

const fsyncAsync = promisify(fsync);
const openAsync = promisify(open);

async function syncAndClose(fd: number): Promise<void> {
  try {
    await fsyncAsync(fd);
  } finally {
    closeSync(fd);
  }
}

export const nodeIo: MaildirIo = {
  async writeDurable(path, data, mtime) {
    // The one metadata call here that waits off the event loop: creating a file takes a journal
    // handle, which waits while other deliveries' fsyncs commit the journal (milliseconds on ext4
    // under load: the serve profile of issue 19 had synchronous opens as its largest item).
    const fd = await openAsync(path, 'wx', 0o600);
    try {
      for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
      if (mtime) futimesSync(fd, mtime, mtime);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    await syncAndClose(fd);
  },
  async moveIn(from, to) {
    renameSync(from, to);
  },
  async rename(from, to) {
    renameSync(from, to);
  },
  // Asynchronous: with online discard, freeing a synced file's blocks can take milliseconds.
  unlink: (path) => fsp.unlink(path),
  async syncDir(path) {
    await syncAndClose(openSync(path, 'r'));
  },
};

/**
 * Group commit for directory fsyncs: deliveries that linked into the same directory while an
 * fsync of it was running share the next one, instead of queueing one each.
 */
export function coalesceSyncDir(io: MaildirIo): (dir: string) => Promise<void> {
  const running = new Map<string, Promise<void>>();
  const next = new Map<string, Promise<void>>();
  const start = (dir: string): Promise<void> => {
    const p = io.syncDir(dir).finally(() => {
      if (running.get(dir) === p) running.delete(dir);
    });
    running.set(dir, p);
    return p;
  };
  return (dir) => {
    const current = running.get(dir);
    if (!current) return start(dir);
    // The running fsync may have begun before our link: wait for the one after it.
    let queued = next.get(dir);
    if (!queued) {
      queued = current.catch(() => undefined).then(() => {
        next.delete(dir);
        return start(dir);
      });
      next.set(dir, queued);
    }
    return queued;
  };
}

export function errnoOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

export async function unlinkQuietly(io: MaildirIo, path: string): Promise<void> {
  try {
    await io.unlink(path);
  } catch {
    // Already gone, or the disk is failing: nothing more to do here.
  }
}
