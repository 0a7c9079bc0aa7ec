/** Small text helpers the codec's presentation and fields share. */

/** Bytes as space-separated lower-case hex pairs: `c0 0c`. */
export function hexBytes(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (i > 0 ? ' ' : '') + (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return s;
}

/**
 * A copy of bytes[from, to) as a plain Uint8Array. Buffer.prototype.slice returns a view that
 * shares memory (Node's Buffer is what dgram hands over), so a decoded record would change with
 * the next datagram (and slice() on a Buffer makes a Buffer); the Uint8Array constructor copies.
 */
export function copyBytes(bytes: Uint8Array, from: number, to: number): Uint8Array {
  if (to - from > 64) return new Uint8Array(bytes.subarray(from, to));
  const out = new Uint8Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = bytes[i]!;
  return out;
}
