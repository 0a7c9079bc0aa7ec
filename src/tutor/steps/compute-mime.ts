import { base64Lines, encodedWord, quotedPrintable } from '../../protocols/mime-words.js';
import type { MessageKey } from '../messages.js';

/**
 * The MIME derivations of a `compute` step (lesson mime), each row a label and a value:
 * - encoded-word: UTF-8 bytes, their base64, the B word and the same text as a Q word (RFC 2047 2, 4);
 * - qp: the bytes that must be escaped, then the quoted-printable lines (RFC 2045 6.7);
 * - base64-mime: how many characters the bytes become, then 76-character lines (RFC 2045 6.8).
 */
export type Row = [MessageKey, string, Record<string, string>?];
export type MimeOp = 'encoded-word' | 'qp' | 'base64-mime';

const hex = (bytes: Buffer) => [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');

function word(input: string): { rows: Row[]; result: string } {
  const bytes = Buffer.from(input, 'utf8');
  const b = encodedWord(input, 'B');
  const q = encodedWord(input, 'Q');
  if (b === null || q === null) throw new Error(`"${input}" does not fit in one encoded word of 75 characters (RFC 2047 2)`);
  const rows: Row[] = [
    ['cInput', input],
    ['cUtf8', hex(bytes), { n: String(bytes.length) }],
    ['cBase64', bytes.toString('base64')],
    ['cWordB', b, { n: String(b.length) }],
    ['cWordQ', q, { n: String(q.length) }],
  ];
  return { rows, result: b };
}

/** Each character outside printable ASCII and its escapes, once: `é C3 A9 -> =C3=A9`. */
function escapes(input: string): string {
  const seen = [...new Set([...input].filter((c) => c === '=' || c.codePointAt(0)! > 0x7e))];
  return seen.map((c) => `${c} -> ${[...Buffer.from(c, 'utf8')].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')}`).join(', ');
}

export function deriveMime(op: MimeOp, input: string): { rows: Row[]; result: string } {
  switch (op) {
    case 'encoded-word':
      return word(input);
    case 'qp':
      return { rows: [['cInput', input], ['cQpEscapes', escapes(input)]], result: quotedPrintable(input) };
    case 'base64-mime': {
      const bytes = Buffer.byteLength(input, 'utf8');
      const result = base64Lines(input);
      const chars = String(result.replace(/\n/g, '').length);
      return { rows: [['cInput', input], ['cB64Count', `${bytes} -> ${chars}`, { bytes: String(bytes), chars }]], result };
    }
  }
}
