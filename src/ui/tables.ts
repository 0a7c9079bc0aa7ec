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
