import { randomFillSync } from 'node:crypto';

/** What the memory store (memory.ts) keeps small: its ids, its messages' bytes, its empty flag lists. */
export const NO_FLAGS: readonly string[] = Object.freeze([]);

/** `raw` copied into memory of its own, exactly its size (never a slice of the shared pool). */
export function ownCopy(raw: Buffer): Buffer {
  const own = Buffer.allocUnsafeSlow(raw.length);
  raw.copy(own);
  return own;
}

/** Random bytes fetched a batch at a time: one call to the system's generator per 512 ids, not one per message (ingest profile, issue 19). */
const ID_BYTES = 6;
const idPool = Buffer.alloc(ID_BYTES * 512);
let idNext = idPool.length;

/** 12 random hex digits, as the Maildir store's ids are. */
export function newId(): string {
  if (idNext >= idPool.length) {
    randomFillSync(idPool);
    idNext = 0;
  }
  idNext += ID_BYTES;
  return idPool.toString('hex', idNext - ID_BYTES, idNext);
}
