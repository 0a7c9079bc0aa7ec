import Table from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderColumns, renderTable } from '../../../src/ui/tables.js';
import { theme } from '../../../src/ui/theme.js';

/**
 * renderColumns and renderTable (when no cell wraps) lay out borderless columns itself (cli-table3 took most of `mail list`'s
 * time on a thousand rows). It must print what the cli-table3 layout it replaced printed.
 */
const NO_BORDER = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

function viaCliTable3(head: string[], rows: string[][], colWidths: number[]): string {
  const table = new Table({ head: head.map((h) => theme.bold(h)), style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 }, chars: NO_BORDER, colWidths, wordWrap: false });
  for (const row of rows) table.push(row);
  return table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

const HEAD = ['id', 'date', 'from', 'to', 'subject', 'size', 'read'];
const WIDTHS = [12, 11, 9, 9, 10, 8, 4];

describe('renderColumns', () => {
  it('prints a mail listing as cli-table3 did: padded, cut with …, Japanese counted double', () => {
    const rows = [
      ['cf135cf2bbd3', '12-03 09:46', 'bob@lab.example', 'alice@lab.example', 'message 999', '157 B', 'no'],
      ['0123456789ab', '01-01 00:00', 'ボブ <bob@lab.example>', 'アリス', '日本語の件名です', '1.2 KB', 'yes'],
      ['short', '', '', '', '', '', ''],
    ];
    const got = renderColumns(HEAD, rows, WIDTHS);
    expect(got).toBe(viaCliTable3(HEAD, rows, WIDTHS));
    expect(got.split('\n')[1]).toBe('cf135cf2bbd3  12-03 09:46  bob@lab.…  alice@la…  message 9…  157 B     no');
  });

  it('matches cli-table3 on any one-line text of ASCII and Japanese', () => {
    const char = fc.constantFrom('a', 'Z', '0', ' ', '@', '.', '<', 'あ', '件', 'ー', 'Ａ');
    const cell = fc.array(char, { maxLength: 14 }).map((cs) => cs.join('').trim());
    const row = fc.array(cell, { minLength: 7, maxLength: 7 });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 4 }), (rows) => {
        expect(renderColumns(HEAD, rows, WIDTHS)).toBe(viaCliTable3(HEAD, rows, WIDTHS));
      }),
      { numRuns: 300 },
    );
  });
});

function tableViaCliTable3(head: string[], rows: string[][], colWidths?: number[]): string {
  const table = new Table({ head: head.map((h) => theme.bold(h)), style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' }, wordWrap: true, ...(colWidths ? { colWidths } : {}) });
  for (const row of rows) table.push(row);
  return table.toString();
}

describe('renderTable', () => {
  const char = fc.constantFrom('a', 'Z', '0', ' ', '-', '/', 'あ', '件', 'ー', 'Ａ', '…');
  const cell = fc.array(char, { maxLength: 12 }).map((cs) => cs.join('').trim());
  const HEADS = ['id', 'title', 'min', 'status', 'quiz'];

  it('draws the lessons table as cli-table3 did', () => {
    const rows = [
      ['application-layer', 'The application layer (OSI L5-L7) and ports', '7', 'done', '-'],
      ['smtp-basics', 'SMTP の基本: 手でメールを 1 通送る', '9', '開始 3/14', '2/3'],
    ];
    expect(renderTable(HEADS, rows)).toBe(tableViaCliTable3(HEADS, rows));
  });

  it('matches cli-table3 on any one-line cells, with and without column widths', () => {
    const rows = fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 4 });
    fc.assert(
      fc.property(rows, fc.array(fc.integer({ min: 3, max: 16 }), { minLength: 5, maxLength: 5 }), fc.boolean(), (body, widths, given) => {
        const colWidths = given ? widths : undefined;
        expect(renderTable(HEADS, body, colWidths ? { colWidths } : {})).toBe(tableViaCliTable3(HEADS, body, colWidths));
      }),
      { numRuns: 300 },
    );
  });
});
