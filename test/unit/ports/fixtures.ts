import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { listening, type ListeningSocket } from '../../../src/ports/types.js';

/** A fixture's text without its leading `#` header lines (tools never start output with `#`). */
export function fixture(name: string): string {
  const text = readFileSync(fileURLToPath(new URL(`../../fixtures/ports/${name}`, import.meta.url)), 'utf8');
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]?.startsWith('#')) i++;
  return lines.slice(i).join('\n');
}

type Row = [
  protocol: ListeningSocket['protocol'],
  family: ListeningSocket['family'],
  address: string,
  port: number,
  pid: number | null,
  process: string | null,
  user: string | null,
  dualStack: boolean | null,
];

/** Compact expectations: one tuple per row, in the source's order. */
export function rows(...tuples: Row[]): ListeningSocket[] {
  return tuples.map(([protocol, family, address, port, pid, process, user, dualStack]) =>
    listening({ protocol, family, address, port, pid, process, user, dualStack }),
  );
}
