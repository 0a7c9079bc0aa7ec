import { randomFillSync } from 'node:crypto';

/** What the memory store (memory.ts) keeps small: its ids, its messages' bytes, its empty flag lists. */
export const NO_FLAGS: readonly string[] = Object.freeze([]);

/** Where a message's octets are: `size` octets from `at` in `slab` (shared with other messages, never changed once written). */
export interface Octets {
  readonly slab: Buffer;
  readonly at: number;
  readonly size: number;
}

const SLAB_SIZE = 1 << 20;
/** A message larger than this gets an allocation of its own, exactly its size. */
const OWN_ABOVE = SLAB_SIZE / 8;

/**
 * Message octets written one after another into 1 MiB slabs (issue 19: the memory store holds at
 * most 1.5x the bytes it stores). A Buffer per message costs a Buffer object, an ArrayBuffer and
 * a native backing store (~300 bytes on a 2 KB message), and a string per message lives in the
 * JavaScript heap, where the collector leaves a quarter more committed than used; a slab is one
 * allocation outside the heap for hundreds of messages. Written octets never change: copies of a
 * message share them, and a slab is freed by the collector once no message in it is left. A slab
 * is committed page by page as it fills (allocUnsafeSlow: only written octets are ever read back).
 */
export class Slabs {
  private slab: Buffer = Buffer.alloc(0);
  private used = 0;

  /** `raw` copied in: it may be a slice of a larger buffer (the shared pool) that must not be kept. */
  put(raw: Buffer): Octets {
    const size = raw.length;
    if (size > OWN_ABOVE) {
      const own = Buffer.allocUnsafeSlow(size);
      raw.copy(own);
      return { slab: own, at: 0, size };
    }
    if (this.used + size > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(SLAB_SIZE);
      this.used = 0;
    }
    const at = this.used;
    raw.copy(this.slab, at);
    this.used += size;
    return { slab: this.slab, at, size };
  }
}

/** A message's octets as a Buffer of the caller's own. */
export function octetsCopy(o: Octets): Buffer {
  const out = Buffer.allocUnsafe(o.size);
  o.slab.copy(out, 0, o.at, o.at + o.size);
  return out;
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
