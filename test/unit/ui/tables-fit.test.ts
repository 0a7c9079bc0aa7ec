import { describe, expect, it } from 'vitest';
import { fitWidths, renderTable } from '../../../src/ui/tables.js';
import { displayWidth } from '../../../src/ui/width.js';

describe('fitWidths: a bordered table that fits the terminal', () => {
  const head = ['id', 'title', 'min'];
  const rows = [
    ['smtp-basics', 'SMTP basics: sending one message by hand, with every reply explained', 9],
    ['mime', 'MIME: 添付ファイル、エンコード、日本語の件名', 10],
  ];

  it('leaves a table that fits alone', () => {
    expect(fitWidths(head, rows, 1, 200)).toBeUndefined();
  });

  it('narrows only the flexible column, and every drawn line fits in 80 columns (Japanese counted double)', () => {
    const widths = fitWidths(head, rows, 1, 80);
    expect(widths).toBeDefined();
    expect(widths?.[0]).toBe('smtp-basics'.length + 2);
    const out = renderTable(head, rows, { colWidths: widths as number[] });
    const lines = out.split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    // The long title wrapped onto a second row line instead of widening the table.
    expect(lines.length).toBeGreaterThan(head.length + rows.length);
    expect(out).toContain('smtp-basics');
  });
});
