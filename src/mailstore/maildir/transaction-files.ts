import { closeSync, constants as fsConstants, openSync, promises as fsp, readFileSync, readSync, writeSync } from 'node:fs';
import { join, sep } from 'node:path';
import { errnoOf, unlinkQuietly, type MaildirIo } from './io.js';
import type { StoredTranscript, TransactionRecord } from '../types.js';

/**
 * What a Maildir store keeps of each SMTP transaction besides the message files: its envelope
 * and the transcript of the session, in one small file named by the id every copy of the
 * message shares, one JSON value a line:
 *
 *   <root>/l7lab@transactions/<id>.envelope.json   line 1: the envelope; line 2: the transcript
 *
 * The envelope line is written and fsynced before any copy is visible; the transcript line is
 * appended when the reply that acknowledges the message goes out. One file, not two: creating
 * a file allocates an inode, which on ext4 without a journal means scanning past every inode
 * freed in the last 30 s (the largest kernel item of a delivery, issue 19); appending does not.
 * Stores written before kept the transcript in <id>.transcript.json: it is still read and
 * still removed.
 *
 * The directory sits beside the accounts, not in any Maildir, and its name holds an "@", which
 * no account directory can (layout.ts escapes it), so no account or Maildir++ folder
 * is ever read from it, even on a case-insensitive file system. Maildir tools see only the
 * message, whose Return-Path names the envelope sender (RFC 5321 4.4).
 */
export const TRANSACTIONS_DIR = 'l7lab@transactions';

const ID = /^[0-9a-f]{6,64}$/;

interface EnvelopeFile {
  id: string;
  from: string;
  to: string[];
  receivedAt: string;
  size: number;
}

export class TransactionFiles {
  readonly dir: string;

  constructor(
    root: string,
    private readonly io: MaildirIo,
    private readonly syncDir: (dir: string) => Promise<void>,
  ) {
    this.dir = join(root, TRANSACTIONS_DIR);
  }

  private path(id: string, kind: 'envelope' | 'transcript'): string {
    if (!ID.test(id)) throw new Error(`not a message id: ${id}`);
    // `dir` is normalized and the id is hex: no path.join needed (`mail list` asks once a message).
    return `${this.dir}${sep}${id}.${kind}.json`;
  }

  /**
   * Written under its name (O_EXCL) and fsynced: whole when this resolves, before any copy is
   * linked, so no reader looks for it while it is being written. (A temporary name and a rename
   * would add a call and nothing else: a crash before the copies are linked leaves an envelope
   * no message names, which removeOrphans takes.) The name is durable after syncEnvelopes(),
   * which a delivery runs beside the fsync of its new/ directories, so both are on disk before
   * the 250.
   */
  async writeEnvelope(record: TransactionRecord): Promise<void> {
    const file: EnvelopeFile = { id: record.id, from: record.envelope.from, to: [...record.envelope.to], receivedAt: record.receivedAt.toISOString(), size: record.size };
    const path = this.path(record.id, 'envelope');
    try {
      await this.writeMakingDir(path, Buffer.from(`${JSON.stringify(file)}\n`));
    } catch (err) {
      // Half written (a full disk): gone, unless the name was another's (EEXIST).
      if (errnoOf(err) !== 'EEXIST') await unlinkQuietly(this.io, path);
      throw err;
    }
  }

  /** The directory is made when a write finds it missing, not asked for before every delivery (a mkdir and a stat each). */
  private async writeMakingDir(path: string, data: Buffer): Promise<void> {
    try {
      await this.io.writeDurable(path, data);
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') throw err;
      await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
      await this.io.writeDurable(path, data);
    }
  }

  /** fsync the directory, so envelopes renamed into it survive a crash (shared by concurrent deliveries). */
  syncEnvelopes(): Promise<void> {
    return this.syncDir(this.dir);
  }

  /** Read at once (one small file, one bounded read): `mail list` asks once a message. */
  readEnvelope(id: string): TransactionRecord | null {
    const file = this.readLine<EnvelopeFile>(id, 0);
    if (!file || typeof file.from !== 'string' || !Array.isArray(file.to)) return null;
    return { id, envelope: { from: file.from, to: file.to.map(String) }, receivedAt: new Date(file.receivedAt), size: Number(file.size) || 0 };
  }

  /**
   * Appended to the envelope's file, synchronously on purpose: the recorder calls this while
   * the transport is about to write the reply that ends the transaction, so the transcript is
   * there before the client reads that reply (a test that runs `mail show --transcript` right
   * after sending finds it). No envelope file (the message was removed meanwhile, `mail clear`):
   * nothing to keep it with. Not fsynced, as before: the transcript is an explanation, not mail.
   */
  writeTranscriptSync(id: string, transcript: StoredTranscript): void {
    let fd: number;
    try {
      // 'a' without O_CREAT: only beside an envelope that exists.
      fd = openSync(this.path(id, 'envelope'), fsConstants.O_WRONLY | fsConstants.O_APPEND);
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') throw err;
      return;
    }
    try {
      const data = Buffer.from(`${JSON.stringify(transcript)}\n`);
      for (let off = 0; off < data.length; ) off += writeSync(fd, data, off, data.length - off);
    } finally {
      closeSync(fd);
    }
  }

  /** The last whole transcript line of the envelope's file, else the separate file of the old layout. */
  readTranscript(id: string): StoredTranscript | null {
    const file = this.readLine<StoredTranscript>(id, -1) ?? this.read<StoredTranscript>(id, 'transcript');
    return file && Array.isArray(file.events) ? file : null;
  }

  async remove(id: string): Promise<void> {
    if (!ID.test(id)) return;
    await unlinkQuietly(this.io, this.path(id, 'envelope'));
    await unlinkQuietly(this.io, this.path(id, 'transcript'));
  }

  /**
   * Remove what is kept for ids no message has any more (every copy deleted by POP3 or IMAP).
   * Only files older than `graceMs`: a delivery writes its envelope before it links the copies.
   */
  async removeOrphans(live: ReadonlySet<string>, graceMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await fsp.readdir(this.dir).catch(() => [] as string[])) {
      const id = /^([0-9a-f]+)\.(?:envelope|transcript)\.json$/.exec(name)?.[1];
      if (!id || live.has(id)) continue;
      const stat = await fsp.stat(join(this.dir, name)).catch(() => null);
      if (!stat || now - stat.mtimeMs < graceMs) continue;
      await unlinkQuietly(this.io, join(this.dir, name));
      removed++;
    }
    return removed;
  }

  async removeAll(): Promise<void> {
    const names = await fsp.readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) if (name.endsWith('.json') || name.endsWith('.tmp')) await unlinkQuietly(this.io, join(this.dir, name));
  }

  private read<T>(id: string, kind: 'envelope' | 'transcript'): T | null {
    if (!ID.test(id)) return null;
    try {
      return JSON.parse(readFileSync(this.path(id, kind), 'utf8')) as T;
    } catch {
      // Missing (a message that came another way) or unreadable: nothing kept.
      return null;
    }
  }

  /**
   * Line `n` of the envelope's file (-1: the last of two or more, the transcript), parsed; null
   * when missing or not whole (a transcript being appended). The envelope line is read with one
   * bounded read when it fits: `mail list` asks once a message and needs no transcript.
   */
  private readLine<T>(id: string, n: 0 | -1): T | null {
    if (!ID.test(id)) return null;
    const text = n === 0 ? readHead(this.path(id, 'envelope')) : readWhole(this.path(id, 'envelope'));
    if (text === null) return null;
    const lines = text.split('\n');
    // A whole line ends in "\n": the piece after the last one is empty, or a line still being written.
    const line = n === 0 ? (lines.length > 1 ? lines[0] : undefined) : lines.length > 2 ? lines[lines.length - 2] : undefined;
    try {
      return line ? (JSON.parse(line) as T) : null;
    } catch {
      return null;
    }
  }
}

// Enough for the envelope line of all but very long recipient lists (those are read whole).
const ENVELOPE_HEAD = 4096;

function readWhole(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** One buffer for every envelope read (a list reads a thousand): the line is decoded before the next read. */
let headBuffer: Buffer | undefined;

/**
 * The file up to its first line end, reading up to ENVELOPE_HEAD bytes first (until a line end
 * is in: one read for a whole envelope file, not a second that finds the end of the file) and
 * the whole file only when the line is longer.
 */
function readHead(path: string): string | null {
  const max = ENVELOPE_HEAD;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const buf = (headBuffer ??= Buffer.allocUnsafe(max));
    for (let got = 0, k = 1; got < max && k > 0; got += k) {
      k = readSync(fd, buf, got, max - got, got);
      // Within what was read, not what an earlier file left in the buffer.
      const end = buf.subarray(0, got + k).indexOf(0x0a, got);
      if (end >= 0) return buf.toString('utf8', 0, end + 1);
    }
  } finally {
    closeSync(fd);
  }
  return readWhole(path);
}
