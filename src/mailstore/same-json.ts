/**
 * Whether two JSON values would stringify to the same text, found without stringifying them:
 * plain objects with the same keys in the same order, arrays, and primitives that are equal. A
 * value that is not plain JSON (a Date, a class instance) is never taken as the same, so the
 * caller falls back to the text. Used by packed-transcript.ts on every event of every message.
 */

/** Keys per nesting depth, reused: comparing allocates nothing. */
const scratch: string[][] = [];

export const plain = (v: object): boolean => Object.getPrototypeOf(v) === Object.prototype;

export function sameJson(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i], depth + 1)) return false;
    return true;
  }
  return plain(a) && plain(b) && sameFields(a as Record<string, unknown>, b as Record<string, unknown>, false, depth);
}

/** Same keys in the same order and same values; with `butTime`, both must end in a `time` key, which is not compared. */
export function sameFields(a: Record<string, unknown>, b: Record<string, unknown>, butTime: boolean, depth = 0): boolean {
  const keys = (scratch[depth] ??= []);
  let n = 0;
  for (const k in a) keys[n++] = k;
  let m = 0;
  for (const k in b) {
    if (m >= n || keys[m] !== k) return false;
    m++;
  }
  if (m !== n) return false;
  if (butTime && keys[n - 1] !== 'time') return false;
  const upto = butTime ? n - 1 : n;
  for (let i = 0; i < upto; i++) {
    const k = keys[i] as string;
    if (!sameJson(a[k], b[k], depth + 1)) return false;
  }
  return true;
}
