import { ImapParseError } from './parser.js';

/**
 * Sequence sets (RFC 3501 9: sequence-set, seq-range, seq-number): `1:*`, `2,4:7`, `*`.
 * The same text names message sequence numbers or UIDs; which one depends on the command
 * (UID FETCH, SEARCH UID). `*` is the largest number in use (RFC 3501 6.4.8 for UIDs).
 */
export type SequenceSet = Array<{ from: number | '*'; to: number | '*' }>;

/** RFC 3501 9: nz-number is a non-zero 32-bit unsigned number. */
const MAX_NZ_NUMBER = 4_294_967_295;

function seqNumber(text: string, whole: string): number | '*' {
  if (text === '*') return '*';
  if (!/^[1-9][0-9]{0,9}$/.test(text) || Number(text) > MAX_NZ_NUMBER) {
    const why = text === '' ? 'an empty number' : text === '0' || /^0/.test(text) ? 'numbers start at 1' : `'${text}' is not a number`;
    throw new ImapParseError(`invalid sequence set '${whole}': ${why} (use forms like 1:*, 2,4:7, *)`);
  }
  return Number(text);
}

/** Parse `1:*`, `2,4:7`, `*`, `5:3` (a reversed range means the same as 3:5). */
export function parseSequenceSet(text: string): SequenceSet {
  if (text === '') throw new ImapParseError('empty sequence set (use forms like 1:*, 2,4:7, *)');
  return text.split(',').map((item) => {
    const colon = item.indexOf(':');
    if (colon < 0) {
      const n = seqNumber(item, text);
      return { from: n, to: n };
    }
    return { from: seqNumber(item.slice(0, colon), text), to: seqNumber(item.slice(colon + 1), text) };
  });
}

/** Is this text a sequence set? (SEARCH tells a set from a search key by this.) */
export function isSequenceSet(text: string): boolean {
  if (!/^[0-9*:,]+$/.test(text)) return false;
  try {
    parseSequenceSet(text);
    return true;
  } catch {
    return false;
  }
}

/** The ranges with `*` replaced by `star`, each low <= high, sorted and merged. */
function normalise(set: SequenceSet, star: number): Array<[number, number]> {
  const ranges = set
    .map(({ from, to }): [number, number] => {
      const a = from === '*' ? star : from;
      const b = to === '*' ? star : to;
      return a <= b ? [a, b] : [b, a];
    })
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** Sorted unique members of 1..max; `*` is max; an empty mailbox (max 0) gives []. */
export function resolveSequenceNumbers(set: SequenceSet, max: number): number[] {
  if (max <= 0) return [];
  const out: number[] = [];
  for (const [lo, hi] of normalise(set, max)) {
    for (let n = Math.max(lo, 1); n <= Math.min(hi, max); n++) out.push(n);
  }
  return out;
}

/**
 * Does the set name a message number above max? RFC 3501 6.4.8 allows nonexistent UIDs,
 * but a message sequence number that does not exist is an error (RFC 9051 6.4.5 says BAD).
 */
export function outOfRange(set: SequenceSet, max: number): boolean {
  return set.some(({ from, to }) => (from !== '*' && from > max) || (to !== '*' && to > max) || (max === 0 && (from === '*' || to === '*')));
}

/** First index in the ascending `uids` whose value is >= n. */
function lowerBound(uids: readonly number[], n: number): number {
  let lo = 0;
  let hi = uids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((uids[mid] as number) < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The existing UIDs (ascending) inside the set; `*` is the largest UID in use, so `559:*`
 * includes the last message even when 559 is above every UID (RFC 3501 6.4.8).
 */
export function resolveUids(set: SequenceSet, uids: readonly number[]): number[] {
  if (uids.length === 0) return [];
  const star = uids[uids.length - 1] as number;
  const out: number[] = [];
  for (const [lo, hi] of normalise(set, star)) {
    for (let i = lowerBound(uids, lo); i < uids.length && (uids[i] as number) <= hi; i++) out.push(uids[i] as number);
  }
  return out;
}

/** Is n inside the set, with `*` standing for star? (SEARCH matches one message at a time.) */
export function inSequenceSet(set: SequenceSet, n: number, star: number): boolean {
  return set.some(({ from, to }) => {
    const a = from === '*' ? star : from;
    const b = to === '*' ? star : to;
    return n >= Math.min(a, b) && n <= Math.max(a, b);
  });
}

/** Compact text form of ascending numbers, `1:3,7` (for COPYUID/APPENDUID, RFC 4315). */
export function formatSequenceSet(numbers: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < numbers.length) {
    let j = i;
    while (j + 1 < numbers.length && (numbers[j + 1] as number) === (numbers[j] as number) + 1) j++;
    parts.push(j === i ? String(numbers[i]) : `${numbers[i]}:${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}
