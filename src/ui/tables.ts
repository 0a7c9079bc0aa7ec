import Table from 'cli-table3';
import { theme } from './theme.js';

/** The only module that imports cli-table3. */
export function renderTable(head: string[], rows: Array<Array<string | number>>, opts: { colWidths?: number[] } = {}): string {
  const table = new Table({
    head: head.map((h) => theme.bold(h)),
    style: { head: [], border: [] },
    // No rule between body rows: a long listing stays half as tall and still lines up.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: true,
    ...(opts.colWidths ? { colWidths: opts.colWidths } : {}),
  });
  for (const row of rows) table.push(row.map((cell) => String(cell)));
  return table.toString();
}

const NO_BORDER = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

/**
 * Columns without borders, each exactly as wide as given (display width, so Japanese counts
 * double) and cut with "…" when a cell is longer: a listing that fits the terminal.
 */
export function renderColumns(head: string[], rows: Array<Array<string | number>>, colWidths: number[]): string {
  const table = new Table({
    head: head.map((h) => theme.bold(h)),
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
    chars: NO_BORDER,
    colWidths,
    wordWrap: false,
  });
  for (const row of rows) table.push(row.map((cell) => String(cell)));
  return table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}
