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

/** Like editDistance, but two swapped neighbours count as one typo (`smpt` -> smtp is 1, `http` -> smtp 2). */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const up = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The candidate a mistyped word most likely meant, or null when none is close: within
 * `max` typos (default: closeEnough's bound; short fixed names like protocols pass 1).
 */
export function nearest(word: string, candidates: readonly string[], max?: number): string | null {
  const best = candidates.map((c) => ({ c, d: typoDistance(word, c) })).sort((a, b) => a.d - b.d)[0];
  if (!best || best.d === 0) return null;
  return (max === undefined ? closeEnough(word, best.d) : best.d <= max) ? best.c : null;
}
