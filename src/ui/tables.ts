import Table from 'cli-table3';

/** The only module that imports cli-table3. */
export function renderTable(head: string[], rows: Array<Array<string | number>>, opts: { colWidths?: number[] } = {}): string {
  const table = new Table({
    head,
    style: { head: [], border: [] },
    wordWrap: true,
    ...(opts.colWidths ? { colWidths: opts.colWidths } : {}),
  });
  for (const row of rows) table.push(row.map((cell) => String(cell)));
  return table.toString();
}
