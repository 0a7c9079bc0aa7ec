import { displayWidth, isWide } from '../ui/width.js';

/**
 * What the checker says about a `say` step's ASCII diagram: it is shown as drawn, never
 * wrapped, so every line must fit the narrowest terminal l7lab supports, and its vertical
 * lines must meet the lines and corners they join (wide characters take two columns).
 */
/** Diagrams are shown as drawn (never wrapped), so they must fit the narrowest terminal l7lab supports. */
export const DIAGRAM_MAX_COLUMNS = 80;
const LINKS_DOWN = '│┐┌├┤┬┼';
const LINKS_UP = '│└┘├┤┴┼';

/** Each character of a line by the terminal column it starts at (wide characters take two). */
function byColumn(line: string): Map<number, string> {
  const at = new Map<number, string>();
  let col = 0;
  for (const ch of line) {
    at.set(col, ch);
    col += isWide(ch) ? 2 : 1;
  }
  return at;
}

/**
 * A vertical line one column off from the line or corner it should meet (the Japanese
 * diagram drawn as if a wide character took one column): the neighbour at the same column
 * is not a link, but one column to the side is.
 */
export function brokenVerticals(art: string): string[] {
  const rows = art.replace(/\n$/, '').split('\n').map(byColumn);
  const found: string[] = [];
  const box = (ch: string | undefined) => ch !== undefined && (LINKS_UP + LINKS_DOWN).includes(ch);
  const off = (row: Map<number, string> | undefined, col: number, links: string) =>
    row !== undefined && !links.includes(row.get(col) ?? ' ') && (box(row.get(col - 1)) || box(row.get(col + 1)));
  rows.forEach((row, i) => {
    for (const [col, ch] of row) {
      if (LINKS_DOWN.includes(ch) && off(rows[i + 1], col, LINKS_UP)) found.push(`line ${i + 1} column ${col + 1} "${ch}" misses the line below by a column`);
      if (LINKS_UP.includes(ch) && off(rows[i - 1], col, LINKS_DOWN)) found.push(`line ${i + 1} column ${col + 1} "${ch}" misses the line above by a column`);
    }
  });
  return found;
}

/** Every problem of one diagram, in the words the checker reports. */
export function diagramProblems(art: string): string[] {
  const wide = art.split('\n').flatMap((line, i) => {
    const cols = displayWidth(line);
    return cols > DIAGRAM_MAX_COLUMNS ? [`line ${i + 1} is ${cols} columns wide; diagrams are never wrapped, keep them within ${DIAGRAM_MAX_COLUMNS}`] : [];
  });
  return [...wide, ...brokenVerticals(art).map((p) => `${p} (wide characters count as two columns)`)];
}
