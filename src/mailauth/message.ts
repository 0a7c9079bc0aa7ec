/**
 * A message as DKIM sees it (RFC 6376 3.4, RFC 5322 2.1-2.2): header fields, each with its
 * folded lines as they came, and the body after the empty line. Line ends become CRLF first, as
 * on the wire (RFC 5322 2.1: lines end with CRLF), so a message kept with LF lines verifies too.
 */
export interface HeaderField {
  /** The field name as written. */
  name: string;
  /** The whole field, folding included, without the final CRLF. */
  raw: string;
}

export interface SplitMessage {
  fields: HeaderField[];
  body: string;
}

/** Header and body as binary strings (latin1: one char per octet), so 8-bit text hashes as sent. */
export function splitMessage(message: Buffer): SplitMessage {
  const text = message.toString('latin1').replace(/\r?\n/g, '\r\n');
  const end = text.startsWith('\r\n') ? 0 : text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? '' : text.slice(end + (end === 0 ? 2 : 4));
  const fields: HeaderField[] = [];
  for (const line of head.split('\r\n').filter((l) => l !== '')) {
    const last = fields[fields.length - 1];
    // A line that begins with a space or tab continues the field before it (folding, RFC 5322 2.2.3).
    if (/^[ \t]/.test(line) && last) last.raw += `\r\n${line}`;
    else fields.push({ name: line.slice(0, Math.max(line.indexOf(':'), 0)).trim(), raw: line });
  }
  return { fields, body };
}

/**
 * The fields a signature covers, in h= order (RFC 6376 5.4.2): each name takes the last instance
 * not taken yet, so a repeated field is signed from the bottom up; a name with no instance left
 * takes nothing (so adding such a field later breaks the signature).
 */
export function pickFields(fields: readonly HeaderField[], names: readonly string[]): HeaderField[] {
  const used = new Set<number>();
  const picked: HeaderField[] = [];
  for (const name of names) {
    for (let i = fields.length - 1; i >= 0; i--) {
      if (used.has(i) || fields[i]!.name.toLowerCase() !== name.toLowerCase()) continue;
      used.add(i);
      picked.push(fields[i]!);
      break;
    }
  }
  return picked;
}
