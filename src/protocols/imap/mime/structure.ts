import addressparser from 'nodemailer/lib/addressparser';
import { quoted } from '../format.js';
import { fieldValue, paramOf, structuredHeader, type HeaderField, type MimePart } from './tree.js';

/**
 * ENVELOPE and BODYSTRUCTURE (RFC 3501 7.4.2) serialised as IMAP text. Header values go
 * out as written (RFC 2047 encoded words are not decoded: the client does that), and a
 * value a quoted string cannot carry (8-bit, CR, LF) becomes a literal `{n}` CRLF with n
 * counted in UTF-8 octets, which ResponseBuilder.text() accepts. Choices follow what
 * Dovecot answers for the same message (checked against Dovecot 2.3).
 */

type Address = { name: string; address?: string; group?: Address[] };

/**
 * nstring: NIL, a quoted string, or a literal when quoting cannot carry the value. No form
 * may carry NUL (RFC 3501 9: CHAR8 = %x01-ff, TEXT-CHAR excludes it too), so a NUL in a
 * header becomes U+FFFD, as an invalid UTF-8 byte does (tree.ts decodeText).
 */
export function nstr(value: string | null): string {
  if (value === null) return 'NIL';
  const safe = value.includes('\0') ? value.replace(/\0/g, '\uFFFD') : value;
  return quoted(safe) ?? `{${Buffer.byteLength(safe, 'utf8')}}\r\n${safe}`;
}

function list(items: readonly string[]): string {
  return items.length === 0 ? 'NIL' : `(${items.join(' ')})`;
}

/** RFC 3501 7.4.2 address: (name adl mailbox host); Dovecot's MISSING_* fill the gaps. */
function mailbox(a: Address): string {
  const addr = a.address ?? '';
  if (addr === '') {
    // A bare word ("To: bob") is a mailbox without a domain; `<>` has neither.
    if (a.name !== '' && !/\s/.test(a.name)) return `(NIL NIL ${nstr(a.name)} "MISSING_DOMAIN")`;
    return `(${nstr(a.name || null)} NIL "MISSING_MAILBOX" "MISSING_DOMAIN")`;
  }
  const at = addr.lastIndexOf('@');
  const local = at >= 0 ? addr.slice(0, at) : addr;
  const host = at >= 0 ? addr.slice(at + 1) : '';
  return `(${nstr(a.name || null)} NIL ${nstr(local || 'MISSING_MAILBOX')} ${nstr(host || 'MISSING_DOMAIN')})`;
}

/** The value without its comments (RFC 5322 3.2.2: nested parentheses, quoted-pairs; not inside quoted strings). */
export function withoutComments(value: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    if (c === '\\') {
      if (depth === 0) out += value.slice(i, i + 2);
      i++;
    } else if (quoted) {
      out += c;
      if (c === '"') quoted = false;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (depth === 0) {
      out += c;
      if (c === '"') quoted = true;
    }
  }
  return out;
}

/**
 * addressparser turns a lone comment into an address with only a name (`group2: (foo) ;` has a
 * member "foo"). A comment is no address (RFC 5322 3.4): an address with neither mailbox nor a
 * name written outside comments is dropped, so `To: bob` (a bare word) stays, as in Dovecot.
 */
function commentOnly(a: Address, bare: string): boolean {
  return !a.group && (a.address ?? '') === '' && a.name !== '' && !bare.includes(a.name);
}

/** A group is (NIL NIL "name" NIL), its members, then (NIL NIL NIL NIL) (RFC 3501 7.4.2). */
function addressItems(addresses: readonly Address[], bare: string): string[] {
  return addresses
    .filter((a) => !commentOnly(a, bare))
    .flatMap((a) => (a.group ? [`(NIL NIL ${nstr(a.name)} NIL)`, ...addressItems(a.group, bare), '(NIL NIL NIL NIL)'] : [mailbox(a)]));
}

function addressList(value: string | null): string | null {
  if (value === null) return null;
  const items = addressItems(addressparser(value) as Address[], withoutComments(value));
  return items.length === 0 ? null : `(${items.join('')})`;
}

/** ENVELOPE (RFC 3501 7.4.2): Sender and Reply-To default to From when absent or empty. */
export function envelope(fields: readonly HeaderField[]): string {
  const get = (key: string): string | null => fieldValue(fields, key);
  const from = addressList(get('from'));
  const sender = addressList(get('sender')) ?? from;
  const replyTo = addressList(get('reply-to')) ?? from;
  const addresses = [from, sender, replyTo, addressList(get('to')), addressList(get('cc')), addressList(get('bcc'))];
  const items = [nstr(get('date')), nstr(get('subject')), ...addresses.map((a) => a ?? 'NIL'), nstr(get('in-reply-to')), nstr(get('message-id'))];
  return `(${items.join(' ')})`;
}

/** RFC 2231 attribute-char: anything else is percent-encoded. */
function rfc2231(value: string): string {
  let out = "utf-8''";
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9!#$&+\-.^_`|~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * body-fld-param. An RFC 2231 value (decoded by libmime) goes back out in its `name*`
 * form, as Dovecot sends it, since the client decodes it; text/* gets the RFC 2045 default
 * charset when it names none.
 */
function paramList(p: Readonly<Record<string, string>>, decoded: readonly string[], text: boolean): string {
  const items: string[] = [];
  if (text && paramOf(p, 'charset') === undefined) items.push('"charset" "us-ascii"');
  for (const [name, value] of Object.entries(p)) {
    items.push(decoded.includes(name) ? `${nstr(`${name}*`)} ${nstr(rfc2231(value))}` : `${nstr(name)} ${nstr(value)}`);
  }
  return list(items);
}

function params(part: MimePart): string {
  const { type, params: p, decoded } = part.contentType;
  return paramList(p, decoded, type.toLowerCase() === 'text');
}

/** body-fld-dsp: ("attachment" ("filename" "x")) or NIL. */
function disposition(part: MimePart): string {
  const header = fieldValue(part.fields, 'content-disposition');
  const parsed = header ? structuredHeader(header) : null;
  if (!parsed?.value) return 'NIL';
  return `(${nstr(parsed.value)} ${paramList(parsed.params, parsed.decoded, false)})`;
}

function language(part: MimePart): string {
  const header = fieldValue(part.fields, 'content-language');
  if (!header) return 'NIL';
  return list(
    header
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(nstr),
  );
}

function countLines(part: MimePart): number {
  let n = 0;
  for (let i = part.raw.indexOf(0x0a, part.bodyStart); i >= 0 && i < part.end; i = part.raw.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** body-ext-1part / body-ext-mpart after the first item: disposition, language, location. */
function extension(part: MimePart): string {
  return `${disposition(part)} ${language(part)} ${nstr(fieldValue(part.fields, 'content-location'))}`;
}

/** BODYSTRUCTURE (extended) or BODY of one part (RFC 3501 7.4.2, 9 body). */
export function bodyStructure(part: MimePart, extended: boolean): string {
  const { type, subtype } = part.contentType;
  if (part.children.length > 0) {
    const kids = part.children.map((c) => bodyStructure(c, extended)).join('');
    return `(${kids} ${nstr(subtype)}${extended ? ` ${params(part)} ${extension(part)}` : ''})`;
  }
  const get = (key: string): string | null => fieldValue(part.fields, key);
  const fields = [nstr(type), nstr(subtype), params(part), nstr(get('content-id')), nstr(get('content-description'))];
  fields.push(nstr(get('content-transfer-encoding') ?? '7bit'), String(part.end - part.bodyStart));
  if (part.message) fields.push(envelope(part.message.fields), bodyStructure(part.message, extended), String(countLines(part)));
  else if (type.toLowerCase() === 'text') fields.push(String(countLines(part)));
  if (extended) fields.push(nstr(get('content-md5')), extension(part));
  return `(${fields.join(' ')})`;
}
