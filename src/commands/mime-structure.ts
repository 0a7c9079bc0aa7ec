import libmime from 'libmime';
import { fieldValue, paramOf, parseTree, structuredHeader, type MimePart } from '../protocols/imap/mime/tree.js';
import { leafOf } from '../web/mime-parts.js';

/**
 * A message's whole MIME tree as data, for `mail show --structure`: every part, multiparts
 * too, numbered as IMAP numbers them (RFC 3501 6.4.5). The tree is the one IMAP's
 * BODYSTRUCTURE is built from (protocols/imap/mime/tree.ts, mailsplit underneath) and each
 * leaf is described and decoded by web/mime-parts.ts, so all three views agree. Broken MIME
 * is described as IMAP reads it, with a note saying what was wrong.
 */

/** What was wrong with a part (RFC 2046 5.1.1), as a key scripts can test. */
export type StructureNote = 'noBoundary' | 'noDelimiter' | 'noCloseDelimiter';

export interface StructurePart {
  /** IMAP part number ("1", "1.2"); null for a multipart message body, which IMAP does not number. */
  part: string | null;
  /** type/subtype, lowercased, as BODYSTRUCTURE reads it. */
  type: string;
  /** What Content-Type said, when the part was read as another type (a multipart with no parts). */
  declared: string | null;
  /** Content-Type parameters: RFC 2231 values decoded; a name in RFC 2047 words decoded too. */
  params: Record<string, string>;
  /** Content-Transfer-Encoding, lowercased; null when absent, which means 7bit (RFC 2045 6.1). */
  encoding: string | null;
  /** Content-Disposition's value (RFC 2183 2.1-2.2) and its parameters, decoded as above. */
  disposition: string | null;
  dispositionParams: Record<string, string>;
  /** Content-Disposition's filename (RFC 2183 2.3), else Content-Type's name; decoded. */
  filename: string | null;
  /** Octets of the body as sent (what BODYSTRUCTURE calls its size). */
  size: number;
  /** Octets once the transfer encoding is undone; null for a multipart or an enclosed message. */
  decodedSize: number | null;
  /** Subject and From of a message (the top one, or one enclosed in message/rfc822), decoded (RFC 2047). */
  header: { subject: string | null; from: string | null } | null;
  notes: StructureNote[];
  /** A multipart's parts, or the message a message/rfc822 part encloses. */
  parts: StructurePart[];
}

function words(value: string | null): string | null {
  if (value === null) return null;
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

/** Parameter values for display: RFC 2231 is undone by libmime; RFC 2047 words in them too (RFC 2047 5 forbids them, mailers write them anyway). */
function shown(params: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, words(v) as string]));
}

function declaredType(part: MimePart): { value: string; boundary: string | undefined } | null {
  const header = fieldValue(part.fields, 'content-type');
  if (header === null) return null;
  const parsed = structuredHeader(header);
  return { value: parsed.value.toLowerCase(), boundary: paramOf(parsed.params, 'boundary') };
}

/** RFC 2046 5.1.1: a multipart needs a boundary, at least one delimiter line, and a close delimiter. */
function notesOf(part: MimePart, type: string): { notes: StructureNote[]; declared: string | null } {
  const declared = declaredType(part);
  if (declared === null || !declared.value.startsWith('multipart/')) return { notes: [], declared: null };
  if (!type.startsWith('multipart/')) return { notes: [declared.boundary ? 'noDelimiter' : 'noBoundary'], declared: declared.value };
  const body = part.raw.toString('latin1', part.bodyStart, part.end);
  const escaped = (declared.boundary ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const closed = new RegExp(`(?:^|\\n)--${escaped}--`).test(body);
  return { notes: closed ? [] : ['noCloseDelimiter'], declared: null };
}

function describePart(part: MimePart, number: string | null): StructurePart {
  const type = `${part.contentType.type}/${part.contentType.subtype}`.toLowerCase();
  const dispositionHeader = fieldValue(part.fields, 'content-disposition');
  const disposition = dispositionHeader ? structuredHeader(dispositionHeader) : null;
  const isLeaf = part.children.length === 0 && part.message === null;
  const leaf = isLeaf ? leafOf(part, number ?? '1').info : null;
  const { notes, declared } = notesOf(part, type);
  return {
    part: number,
    type,
    declared,
    params: shown(part.contentType.params),
    encoding: fieldValue(part.fields, 'content-transfer-encoding')?.toLowerCase() ?? null,
    disposition: disposition ? disposition.value.toLowerCase() : null,
    dispositionParams: disposition ? shown(disposition.params) : {},
    filename: leaf ? leaf.filename : (words(paramOf(disposition?.params ?? {}, 'filename') ?? paramOf(part.contentType.params, 'name') ?? null) ?? null),
    size: part.end - part.bodyStart,
    decodedSize: leaf ? leaf.size : null,
    header: null,
    notes,
    parts: [],
  };
}

const child = (prefix: string, i: number) => (prefix === '' ? String(i + 1) : `${prefix}.${i + 1}`);

/**
 * A message: a multipart body has no number of its own, its parts are prefix.1, prefix.2; a
 * message that is not multipart is one part, prefix.1 (or 1 at the top) (RFC 3501 6.4.5).
 */
function describeMessage(root: MimePart, prefix: string): StructurePart {
  const node = describeTree(root, root.children.length > 0 ? null : child(prefix, 0), prefix);
  node.header = { subject: words(fieldValue(root.fields, 'subject')), from: words(fieldValue(root.fields, 'from')) };
  return node;
}

function describeTree(part: MimePart, number: string | null, prefix: string): StructurePart {
  const node = describePart(part, number);
  node.parts = part.children.map((c, i) => describeTree(c, child(prefix, i), child(prefix, i)));
  // The parts of an enclosed message are numbered under its part (RFC 3501 6.4.5: 2.1, 2.2).
  if (part.message) node.parts = [describeMessage(part.message, number ?? prefix)];
  return node;
}

/** The MIME tree of a whole message. Never throws: what cannot be split is one text part. */
export function mimeStructure(raw: Buffer): StructurePart {
  return describeMessage(parseTree(raw), '');
}

/** Every part in order, depth first (for counting and for tests). */
export function flatParts(node: StructurePart): StructurePart[] {
  return [node, ...node.parts.flatMap(flatParts)];
}
