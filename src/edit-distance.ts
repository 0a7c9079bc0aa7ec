/**
 * Levenshtein distance, for every "did you mean ...?" l7lab offers: a mistyped command,
 * lesson id or protocol term.
 */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

/** Close enough to suggest: at most 2 edits, or a third of the word for longer words. */
export function closeEnough(word: string, d: number): boolean {
  return d <= Math.max(2, Math.floor(word.length / 3));
}
