import { createRequire } from 'node:module';
import type TableType from 'cli-table3';
import { theme } from './theme.js';
import { displayWidth, fit, padEnd, truncate } from './width.js';
import { terminalWidth, wrap } from './wrap.js';

/** cli-table3, required only for a table whose cells wrap: the tables the CLI prints are drawn below. */
let tableClass: typeof TableType | undefined;
function Table(): typeof TableType {
  tableClass ??= createRequire(import.meta.url)('cli-table3') as typeof TableType;
  return tableClass;
}

/**
 * A bordered table of one-line cells, each column as wide as its widest cell (or as given)
 * plus a space either side, laid out here: what cli-table3 draws with these options, without
 * loading it (`l7lab lessons` spent most of its time beyond Node's start there).
 */
function drawn(head: readonly string[], rows: readonly string[][], colWidths: readonly number[] | undefined): string | null {
  const all = [head, ...rows];
  const n = Math.max(...all.map((r) => r.length));
  const widths = Array.from({ length: n }, (_, i) => colWidths?.[i] ?? Math.max(...all.map((r) => displayWidth(r[i] ?? ''))) + 2);
  // Cells that would wrap (a line break, or wider than a given column) go to cli-table3.
  if (all.some((r) => r.some((cell, i) => cell.includes('\n') || displayWidth(cell) + 2 > (widths[i] as number)))) return null;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w)).join(m)}${r}`;
  const line = (cells: readonly string[]) => `│${widths.map((w, i) => ` ${padEnd(cells[i] ?? '', w - 2)} `).join('│')}│`;
  return [rule('┌', '┬', '┐'), ...all.map(line), rule('└', '┴', '┘')].join('\n');
}

/** The only module that imports cli-table3 (for cells that wrap). */
export function renderTable(head: string[], rows: Array<Array<string | number>>, opts: { colWidths?: number[] } = {}): string {
  const heads = head.map((h) => theme.bold(h));
  const cells = rows.map((row) => row.map((cell) => String(cell)));
  const fast = drawn(heads, cells, opts.colWidths);
  if (fast !== null) return fast;
  const table = new (Table())({
    head: heads,
    style: { head: [], border: [] },
    // No rule between body rows: a long listing stays half as tall and still lines up.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: true,
    ...(opts.colWidths ? { colWidths: opts.colWidths } : {}),
  });
  for (const row of cells) table.push(row);
  return table.toString();
}

/**
 * Columns without borders, each exactly as wide as given (display width, so Japanese counts
 * double) and cut with "…" when a cell is longer: a listing that fits the terminal. Laid out
 * here rather than by cli-table3, which took most of `l7lab mail list`'s time on a thousand
 * rows; the output is the same (test/unit/ui/tables-columns.test.ts compares the two).
 */
export function renderColumns(head: string[], rows: Array<Array<string | number>>, colWidths: number[]): string {
  const line = (cells: readonly string[]) => columnsLine(cells, colWidths);
  return [line(head.map((h) => theme.bold(h))), ...rows.map((row) => line(row.map((cell) => String(cell))))].join('\n');
}

/** One line of renderColumns(), for a caller that writes its rows as they come (`mail list`). */
export function columnsLine(cells: readonly string[], colWidths: readonly number[]): string {
  return colWidths
    .map((w, i) => fit(cells[i] ?? '', w))
    .join('  ')
    .trimEnd();
}

/**
 * A column of a table that must fit the terminal. When the whole table is wider than the
 * terminal: first columns with a `drop` rank are left out (lowest rank first) while that
 * alone makes it fit; otherwise, with every droppable column left out, cells of columns with
 * `min` are cut with … (widest first, never below `min`); and when even that is too wide,
 * every row is shown stacked, one `head  value` line per cell. With room to spare nothing is
 * dropped or cut: the table takes the width its content needs.
 */
export interface Column {
  head: string;
  /** May be cut with … down to this many columns. */
  min?: number;
  /** May be left out when the table does not fit; lower ranks go first. */
  drop?: number;
  /**
   * Cut cells are wrapped onto more lines instead (by ui/wrap.ts: English between words,
   * Japanese between characters), so nothing is lost; give a `min` of at least 20 with it.
   */
  wrap?: boolean;
}

export interface FitOptions {
  /** Columns available; the terminal's width (80 off a terminal) by default. */
  width?: number;
}

/** Each column takes its content plus one space either side, and one border line between (cli-table3's layout). */
function tableWidth(widths: readonly number[]): number {
  return widths.reduce((n, w) => n + w + 3, 1);
}

function naturalWidths(columns: readonly Column[], rows: ReadonlyArray<ReadonlyArray<string>>): number[] {
  return columns.map((c, i) => Math.max(displayWidth(c.head), ...rows.map((r) => displayWidth(r[i] ?? ''))));
}

/** Narrow cut-able columns, the widest first, until the table fits; null when it cannot. */
function shrink(columns: readonly Column[], widths: number[], width: number): number[] | null {
  const w = [...widths];
  while (tableWidth(w) > width) {
    let widest = -1;
    columns.forEach((c, i) => {
      if (c.min !== undefined && (w[i] as number) > c.min && (widest < 0 || (w[i] as number) > (w[widest] as number))) widest = i;
    });
    if (widest < 0) return null;
    w[widest] = (w[widest] as number) - 1;
  }
  return w;
}

function stacked(columns: readonly Column[], rows: ReadonlyArray<ReadonlyArray<string>>, width: number): string {
  const label = Math.max(...columns.map((c) => displayWidth(c.head)));
  return rows
    .map((row) =>
      columns
        .map((c, i) => `${theme.bold(c.head)}${' '.repeat(label - displayWidth(c.head))}  ${truncate(row[i] ?? '', Math.max(1, width - label - 2))}`)
        .join('\n'),
    )
    .join('\n\n');
}

/** The columns kept at each level of dropping: all, then without the lowest rank, and so on. */
function dropLevels(columns: readonly Column[]): number[][] {
  const order = columns
    .map((c, i) => ({ i, rank: c.drop }))
    .filter((c): c is { i: number; rank: number } => c.rank !== undefined)
    .sort((a, b) => a.rank - b.rank);
  const levels = [columns.map((_, i) => i)];
  for (const { i } of order) levels.push((levels[levels.length - 1] as number[]).filter((k) => k !== i));
  return levels;
}

export function renderFitted(columns: readonly Column[], rows: ReadonlyArray<ReadonlyArray<string | number>>, opts: FitOptions = {}): string {
  const width = opts.width ?? terminalWidth();
  const cells = rows.map((r) => r.map((c) => String(c)));
  const levels = dropLevels(columns);
  const attempt = (keep: number[], cut: boolean): string | null => {
    const cols = keep.map((i) => columns[i] as Column);
    const body = cells.map((r) => keep.map((i) => r[i] ?? ''));
    const natural = naturalWidths(cols, body);
    const widths = cut ? shrink(cols, natural, width) : tableWidth(natural) <= width ? natural : null;
    if (!widths) return null;
    const head = cols.map((c, j) => truncate(c.head, widths[j] as number));
    const fitted = (cell: string, j: number) => (cols[j]?.wrap && displayWidth(cell) > (widths[j] as number) ? wrap(cell, { width: widths[j] as number }) : truncate(cell, widths[j] as number));
    return renderTable(head, body.map((r) => r.map(fitted)), { colWidths: widths.map((w) => w + 2) });
  };
  for (const keep of levels) {
    const shown = attempt(keep, false);
    if (shown !== null) return shown;
  }
  return attempt(levels[levels.length - 1] as number[], true) ?? stacked(columns, cells, width);
}
