import { MailboxNameError, NoSuchMailboxError, StoreWriteError, type MessageMeta } from '../types.js';
import type { MaildirFolder, Staged } from './folder.js';
import { metaOf } from './folder-index.js';
import { errnoOf } from './io.js';

/**
 * Writing one message into one or more folders (the copies of one SMTP transaction, or one
 * APPEND or COPY), all or nothing: every copy is staged and fsynced, then committed, then the
 * directories fsynced (https://cr.yp.to/proto/maildir.html); if any step fails, every copy is
 * undone and StoreWriteError says why.
 *
 * Two fsyncs one after the other stand between the bytes and the acknowledgement, as in
 * Dovecot's Maildir delivery: the files (the copies in tmp/ and the envelope, side by side),
 * then the directories (each folder's new/ and the envelope's, side by side, each shared with
 * the deliveries of the same moment: io.ts coalesceSyncDir). A crash before the second leaves
 * at worst an unacknowledged copy, maybe without its envelope (it reads as a message that came
 * another way); the client sends it again, and a duplicate is allowed where a loss is not
 * (RFC 5321 6.1).
 */
export interface WriteOptions {
  /** Set the file's mtime to the date (APPEND's internal date); a delivery's mtime is its time already. */
  setMtime?: boolean;
  /** One name for every copy (one SMTP transaction). */
  base?: string;
  /**
   * Written (whole, fsynced) while the copies are staged and before any is visible (the
   * envelope); `sync` makes its name durable beside the copies' directory fsyncs; undone with them.
   */
  beside?: { write(): Promise<void>; sync(): Promise<void>; undo(): Promise<void> };
}

export async function writeCopies(folders: MaildirFolder[], raw: Buffer, date: Date, flags: string[], how: WriteOptions = {}): Promise<MessageMeta[]> {
  const { setMtime = true, base, beside } = how;
  const staged: Array<[MaildirFolder, Staged]> = [];
  // Written while the copies are staged (their fsyncs overlap), finished before any is linked.
  const besideDone = beside?.write();
  // Handled now: a failure while the copies are still staging must not count as unhandled.
  besideDone?.catch(() => undefined);
  try {
    for (const f of folders) staged.push([f, await f.stage(raw, date, flags, setMtime, base)]);
    await besideDone;
    const metas: MessageMeta[] = [];
    for (const [f, s] of staged) metas.push(metaOf(await f.commit(s)));
    // The directory fsyncs, beside the release of each folder's lock (taken for the commit).
    const unlocked = staged.map(([, s]) => s.unlocked ?? Promise.resolve());
    await allDone([...staged.map(([f, s]) => f.finish(s)), ...(beside ? [beside.sync()] : []), ...unlocked]);
    for (const [f, s] of staged) f.announce(s);
    return metas;
  } catch (err) {
    for (const [f, s] of staged) await f.abort(s).catch(() => undefined);
    // Undone even when it failed half way (after its rename).
    if (beside && besideDone) {
      await besideDone.catch(() => undefined);
      await beside.undo();
    }
    throw asWriteError(err);
  }
}

/** Wait for every one, then throw the first failure (so nothing still runs while the copies are undone). */
async function allDone(work: Array<Promise<void>>): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** Disk full or over quota -> noSpace (SMTP 452); anything else -> 451. Name errors pass through. */
export function asWriteError(err: unknown): unknown {
  if (err instanceof MailboxNameError || err instanceof NoSuchMailboxError || err instanceof StoreWriteError) return err;
  const code = errnoOf(err);
  const noSpace = code === 'ENOSPC' || code === 'EDQUOT';
  const why = err instanceof Error ? err.message : String(err);
  return new StoreWriteError(`could not store the message: ${why}`, err, noSpace);
}
