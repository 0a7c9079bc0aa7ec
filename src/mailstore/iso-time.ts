/**
 * ISO times as the transcript events carry them (`new Date().toISOString()`,
 * `YYYY-MM-DDTHH:mm:ss.sssZ`), read back to milliseconds only when toISOString would give the
 * same text again, so that a packed transcript (packed-transcript.ts) can keep the number and
 * still give back the very text it was given. The common form is read digit by digit; anything
 * else (days 29 to 31, years before 1970, other forms) takes the round trip through Date.
 */

/** `n` decimal digits of `s` from `at`, or -1 when one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

const SEPARATORS: ReadonlyArray<readonly [number, number]> = [
  [4, 0x2d], // -
  [7, 0x2d], // -
  [10, 0x54], // T
  [13, 0x3a], // :
  [16, 0x3a], // :
  [19, 0x2e], // .
  [23, 0x5a], // Z
];

/** The common form, every field in a range where Date.UTC and toISOString agree; else null. */
function commonForm(t: string): number | null {
  if (t.length !== 24) return null;
  for (const [at, code] of SEPARATORS) if (t.charCodeAt(at) !== code) return null;
  const [y, mo, d] = [digits(t, 0, 4), digits(t, 5, 2), digits(t, 8, 2)];
  const [h, mi, s, ms] = [digits(t, 11, 2), digits(t, 14, 2), digits(t, 17, 2), digits(t, 20, 3)];
  // Every month has days 1 to 28; later days are checked by the round trip.
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 28) return null;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59 || ms < 0) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/** The milliseconds `time` stands for, when toISOString gives that same text back; else null. */
export function isoMillis(time: string): number | null {
  const common = commonForm(time);
  if (common !== null) return common;
  const ms = Date.parse(time);
  return Number.isFinite(ms) && new Date(ms).toISOString() === time ? ms : null;
}
