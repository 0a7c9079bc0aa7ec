import { promises as fsp, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { errnoOf, unlinkQuietly, type MaildirIo } from './io.js';
import type { StoredTranscript, TransactionRecord } from '../types.js';

/**
 * What a Maildir store keeps of each SMTP transaction besides the message files: its envelope
 * and the transcript of the session, one small JSON file each, named by the id every copy of
 * the message shares:
 *
 *   <root>/l7lab@transactions/<id>.envelope.json
 *   <root>/l7lab@transactions/<id>.transcript.json
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
   * Written to a temporary name, fsynced and renamed: whole under its name when this resolves.
   * The rename is durable after syncEnvelopes(), which a delivery runs beside the fsync of its
   * new/ directories, so both are on disk before the 250.
   */
  async writeEnvelope(record: TransactionRecord): Promise<void> {
    const file: EnvelopeFile = { id: record.id, from: record.envelope.from, to: [...record.envelope.to], receivedAt: record.receivedAt.toISOString(), size: record.size };
    const final = this.path(record.id, 'envelope');
    const tmp = `${final}.${process.pid}.tmp`;
    const data = Buffer.from(`${JSON.stringify(file)}\n`);
    try {
      await this.writeMakingDir(tmp, data);
      await this.io.rename(tmp, final);
    } catch (err) {
      await unlinkQuietly(this.io, tmp);
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

  async readEnvelope(id: string): Promise<TransactionRecord | null> {
    const file = this.read<EnvelopeFile>(id, 'envelope');
    if (!file || typeof file.from !== 'string' || !Array.isArray(file.to)) return null;
    return { id, envelope: { from: file.from, to: file.to.map(String) }, receivedAt: new Date(file.receivedAt), size: Number(file.size) || 0 };
  }

  /**
   * Synchronous on purpose: the recorder calls this while the transport is about to write the
   * reply that ends the transaction, so the transcript is on disk before the client reads that
   * reply (a test that runs `mail show --transcript` right after sending finds it).
   */
  writeTranscriptSync(id: string, transcript: StoredTranscript): void {
    const final = this.path(id, 'transcript');
    const tmp = `${final}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, `${JSON.stringify(transcript)}\n`, { mode: 0o600 });
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') throw err;
      // The directory is gone (`mail clear` meanwhile): the message is gone too.
      return;
    }
    renameSync(tmp, final);
  }

  readTranscript(id: string): StoredTranscript | null {
    const file = this.read<StoredTranscript>(id, 'transcript');
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
}
