/**
 * A verdict at the start of a quiz choice's explanation ("Right.", "正解。"). The engine says
 * whether a pick was right itself, and after a miss it shows the right choice's explanation as
 * the reason, where "Right." would contradict the "Not quite." above it (issue 14 item 5).
 */
const LEADING_EN = /^\s*(?:right|correct|yes|exactly|that's it)[.!]\s*/i;
const LEADING_JA = /^\s*(?:そのとおり|正解|その通り)(?:です)?[。！!]\s*/;

/** The text without a leading verdict: what the engine shows after a miss. */
export function withoutVerdict(text: string): string {
  return text.replace(LEADING_EN, '').replace(LEADING_JA, '');
}

/** What `lessons --check` refuses: a verdict the engine would strip, or one it could not ("Right, ..."). */
export function opensWithVerdict(en: string, ja: string): boolean {
  return /^(?:right|correct)\b/i.test(en) || /^(?:そのとおり|正解)/.test(ja) || withoutVerdict(en) !== en || withoutVerdict(ja) !== ja;
}
