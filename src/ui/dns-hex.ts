import type { HexRow } from '../protocols/dns/codec/hex-view.js';
import { theme } from './theme.js';

/**
 * The annotated hex view of a DNS message on the terminal: one row per field (H1's hex-view rows,
 * 8 bytes a row so a row fits 80 columns), the offset dim, the bytes, then the field's name and
 * value. A section's first row is preceded by its name, so the header, question and records stand apart.
 */
export function renderHexRows(rows: readonly HexRow[]): string {
  const out: string[] = [];
  let section = '';
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push(theme.dim(`      ; ${section}`));
    }
    const offset = theme.dim(row.offset.toString(16).padStart(4, '0'));
    const bytes = row.bytes.padEnd(23);
    const name = row.key.replace(/^field /, '');
    const words = name === '' ? theme.dim(row.value) : `${theme.code(name)} = ${row.value}`;
    out.push(`${offset}  ${bytes}  ${words}`.trimEnd());
  }
  return out.join('\n');
}
