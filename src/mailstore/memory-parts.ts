import { randomFillSync } from 'node:crypto';

/** What the memory store (memory.ts) keeps small: its ids, its messages' bytes, its empty flag lists. */
export const NO_FLAGS: readonly string[] = Object.freeze([]);

/**
 * `raw`'s octets as a string of their own, one Latin-1 character per octet (lossless both ways:
 * `Buffer.from(s, 'latin1')` gives the same octets back). Copied, so it never keeps the buffer
 * it came from (a slice of the shared pool) alive.
 */
export function octets(raw: Buffer): string {
  return raw.toString('latin1');
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
