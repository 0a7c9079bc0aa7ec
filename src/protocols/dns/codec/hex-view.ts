import type { DnsField, DnsSection } from '../types.js';
import { hexBytes } from './text.js';

/**
 * Rows for an annotated hex view: `offset  hex bytes  key = value`, at most BYTES_PER_ROW bytes a
 * row so a row fits 80 columns (6 for the offset, 24 for the bytes, the rest for the words). A
 * longer field continues on rows with an empty key. Data only: the ui colours and translates.
 */
export interface HexRow {
  offset: number;
  /** Space-separated hex pairs: `c0 0c`. */
  bytes: string;
  /** The field's knowledge key (`field ttl`); '' on a continuation row or for bytes no field covers. */
  key: string;
  value: string;
  section: DnsSection;
}

export const BYTES_PER_ROW = 8;

/** One row per field (more for long ones); bytes no field covers (after a decode error) get rows of their own. */
export function hexRows(bytes: Uint8Array, fields: readonly DnsField[]): HexRow[] {
  const rows: HexRow[] = [];
  const sorted = [...fields].sort((a, b) => a.offset - b.offset);
  let pos = 0;
  let section: DnsSection = 'header';
  for (const f of sorted) {
    if (f.offset > pos) pushSpan(rows, bytes, pos, f.offset, '', '', section);
    pushSpan(rows, bytes, f.offset, Math.min(f.offset + f.length, bytes.length), f.key, f.value, f.section);
    pos = Math.max(pos, f.offset + f.length);
    section = f.section;
  }
  if (pos < bytes.length) pushSpan(rows, bytes, pos, bytes.length, '', '', section);
  return rows;
}

function pushSpan(rows: HexRow[], bytes: Uint8Array, from: number, to: number, key: string, value: string, section: DnsSection): void {
  const pieces = key === '' ? [''] : wrapValue(key, value);
  const byteRows = Math.ceil((to - from) / BYTES_PER_ROW);
  for (let i = 0; i < Math.max(byteRows, pieces.length); i++) {
    const at = from + Math.min(i, Math.max(byteRows - 1, 0)) * BYTES_PER_ROW;
    rows.push({
      offset: at,
      bytes: i < byteRows ? hexBytes(bytes.subarray(at, Math.min(at + BYTES_PER_ROW, to))) : '',
      key: i === 0 ? key : '',
      value: pieces[i] ?? '',
      section,
    });
  }
}

/** Columns left for `key = value` after the offset and the bytes (80 - 6 - 25). */
export const WORDS_WIDTH = 80 - 6 - (BYTES_PER_ROW * 3 + 1);

/** The value in pieces: the first fits beside `key = `, the rest the whole width; broken at spaces where it can be. */
function wrapValue(key: string, value: string): string[] {
  const pieces: string[] = [];
  let rest = value;
  let width = Math.max(8, WORDS_WIDTH - key.length - 3);
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const cut = space > 0 ? space : width;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(space > 0 ? cut + 1 : cut);
    width = WORDS_WIDTH;
  }
  pieces.push(rest);
  return pieces;
}

/** A row as plain text (tests, plain logs), the offset blank on a row that only continues words: `000c  07 65 78 61  field qname = example.test.` */
export function hexRowText(row: HexRow): string {
  const offset = row.bytes === '' ? '    ' : row.offset.toString(16).padStart(4, '0');
  const words = row.key === '' ? row.value : `${row.key} = ${row.value}`;
  return `${offset}  ${row.bytes.padEnd(BYTES_PER_ROW * 3 - 1)}  ${words}`.trimEnd();
}
