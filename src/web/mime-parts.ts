import * as libbase64 from 'libbase64';
import libmime from 'libmime';
import * as libqp from 'libqp';
import { fieldValue, paramOf, parseTree, structuredHeader, type MimePart } from '../protocols/imap/mime/tree.js';

/**
 * A message's leaf parts, numbered as IMAP numbers them (RFC 3501 6.4.5: the parts of a
 * multipart are 1, 2, ...; a part inside part 2 is 2.1; a message that is not multipart has
 * one part, 1), so `/api/messages/{id}/parts/2` is what `FETCH BODY[2]` returns, decoded.
 * Where the parts are is found by the same MIME tree IMAP uses (mailsplit underneath);
 * a message/rfc822 part is one leaf, served whole.
 */
export interface PartInfo {
  part: string;
  /** type/subtype, lowercased (RFC 2045 5.1). */
  contentType: string;
  charset: string | null;
  /** Content-Disposition's value (RFC 2183): inline, attachment, or null when absent. */
  disposition: string | null;
  /** From Content-Disposition's filename (RFC 2183 2.3) or Content-Type's name; RFC 2047/2231 decoded. */
  filename: string | null;
  contentId: string | null;
  /** Octets once the transfer encoding (RFC 2045 6) is undone. */
  size: number;
}

export interface Leaf {
  info: PartInfo;
  content: Buffer;
}

function decodeWords(value: string): string {
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

function content(part: MimePart): Buffer {
  const body = part.raw.subarray(part.bodyStart, part.end);
  const encoding = (fieldValue(part.fields, 'content-transfer-encoding') ?? '').trim().toLowerCase();
  if (encoding === 'base64') return libbase64.decode(body.toString('latin1'));
  if (encoding === 'quoted-printable') return libqp.decode(body.toString('latin1'));
  return Buffer.from(body);
}

/** One leaf described and decoded (also what `mail show --structure` reports, commands/mime-structure.ts). */
export function leafOf(part: MimePart, number: string): Leaf {
  const ct = part.contentType;
  const dispositionHeader = fieldValue(part.fields, 'content-disposition');
  const disposition = dispositionHeader ? structuredHeader(dispositionHeader) : null;
  const name = (disposition ? paramOf(disposition.params, 'filename') : undefined) ?? paramOf(ct.params, 'name');
  const bytes = content(part);
  const info: PartInfo = {
    part: number,
    contentType: `${ct.type}/${ct.subtype}`.toLowerCase(),
    charset: paramOf(ct.params, 'charset') ?? null,
    disposition: disposition ? disposition.value.toLowerCase() : null,
    filename: name ? decodeWords(name) : null,
    contentId: fieldValue(part.fields, 'content-id')?.replace(/^<|>$/g, '') ?? null,
    size: bytes.length,
  };
  return { info, content: bytes };
}

function walk(part: MimePart, number: string, out: Leaf[]): void {
  if (part.children.length === 0) {
    out.push(leafOf(part, number));
    return;
  }
  part.children.forEach((child, i) => walk(child, number === '' ? String(i + 1) : `${number}.${i + 1}`, out));
}

export function leafParts(raw: Buffer): Leaf[] {
  const root = parseTree(raw);
  const out: Leaf[] = [];
  if (root.children.length === 0) out.push(leafOf(root, '1'));
  else walk(root, '', out);
  return out;
}

/**
 * An attachment: a leaf said to be one (RFC 2183 2.2), or one with a file name, or one that
 * is neither text nor inline (the text and HTML bodies are shown, not downloaded).
 */
export function isAttachment(info: PartInfo): boolean {
  if (info.disposition === 'attachment' || info.filename !== null) return true;
  return !info.contentType.startsWith('text/') && info.disposition !== 'inline';
}
