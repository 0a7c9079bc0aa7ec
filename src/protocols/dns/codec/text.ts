/** Small text helpers the codec's presentation and fields share. */

/** Bytes as space-separated lower-case hex pairs: `c0 0c`. */
export function hexBytes(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (i > 0 ? ' ' : '') + (bytes[i]! < 16 ? '0' : '') + bytes[i]!.toString(16);
  return s;
}
