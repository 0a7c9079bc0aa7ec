import { describe, expect, it } from 'vitest';
import { renderFitted, renderTable } from '../../../src/ui/tables.js';
import { displayWidth } from '../../../src/ui/width.js';

describe('renderFitted: a wrap column fits a bordered table into the terminal without losing text', () => {
  const columns = [{ head: 'id' }, { head: 'title', min: 20, wrap: true }, { head: 'min' }];
  const rows = [
    ['smtp-basics', 'SMTP basics: sending one message by hand, with every reply explained', 9],
    ['mime', 'アプリのメール送信をテストするための模擬送信サーバーと添付ファイルとエンコード', 10],
  ];

  it('leaves a table that fits alone, as renderTable draws it', () => {
    expect(renderFitted(columns, rows, { width: 200 })).toBe(renderTable(['id', 'title', 'min'], rows, { colWidths: [13, 80, 5] }));
  });

  it('narrows only the wrap column, and every drawn line fits in 80 columns (Japanese counted double)', () => {
    const out = renderFitted(columns, rows, { width: 80 });
    const lines = out.split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    // The long titles wrapped onto more row lines instead of widening the table, and nothing was cut.
    expect(lines.length).toBeGreaterThan(2 + 1 + rows.length);
    expect(out).toContain('smtp-basics');
    expect(out).not.toContain('…');
    // The title column, read down its lines, holds every title whole.
    const titleColumn = lines.map((l) => l.split('│')[2] ?? '').join('').replace(/\s/g, '');
    for (const [, title] of rows) expect(titleColumn).toContain(String(title).replace(/\s/g, ''));
  });
});
