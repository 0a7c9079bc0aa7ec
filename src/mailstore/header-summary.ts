import addressparser from 'nodemailer/lib/addressparser';

/**
 * The list's summary of a message from its header block alone, without mailparser (issue 19:
 * `mail list` spent most of its time in it). It reads the header as mailparser does, step for
 * step: the lines split and unfolded as mailsplit splits them (RFC 5322 2.2.3), encoded words
 * decoded with libmime (RFC 2047), addresses parsed with nodemailer's addressparser (RFC 5322
 * 3.4) and written out as mailparser's `text`. A test holds it equal to mailparser's summary.
 * What it does not do the same way (an mbox or HTTP preamble, an IDNA domain) it leaves to
 * mailparser: null. libmime (and its charset tables) loads only for a header with an encoded word.
 */
/** What `l7lab mail` shows of a message's header (inspect.ts gives it from mailparser too). */
export interface MessageSummary {
  from: string;
  to: string;
  cc: string;
  subject: string;
  /** The Date header as the sender wrote it ('' when there is none). */
  date: string;
  messageId: string;
  /** The addresses alone, lowercased: From, and To + Cc (+ a Bcc header, if the sender kept one). */
  fromAddresses: string[];
  recipientAddresses: string[];
}

interface HeaderLine {
  /** The field name, lowercased. */
  key: string;
  /** The whole field, folding kept, bytes as latin1 ("binary"), as mailsplit keeps it. */
  line: string;
}

type Address = ReturnType<typeof addressparser>[number];

const folds = (line: string) => line.startsWith(' ') || line.startsWith('\t');

/** The header block's fields: a line that starts with a space or a tab continues the one before (RFC 5322 2.2.3). */
function fields(head: Buffer): HeaderLine[] | null {
  const raw = head.toString('latin1').replace(/[\r\n]+$/, '');
  if (raw.length === 0) return [];
  const lines = raw.split(/\r?\n/);
  const out: HeaderLine[] = [];
  let last: HeaderLine | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (i > 0 && folds(line) && last) {
      last.line += `\r\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    // mailsplit takes a first line `From ` (mbox) or `POST ` as a preamble, and a key from a continuation: mailparser's job.
    if (colon < 0 || (i === 0 && /^(From |POST )/i.test(line))) return null;
    last = { key: line.slice(0, colon).toLowerCase().trim(), line };
    out.push(last);
  }
  return out;
}

/** One line, starting with a visible character (RFC 5322 2.2: a field name is printable US-ASCII). */
const ONE_LINE = /^[\x21-\x7e][^\r\n]*$/;
const EIGHT_BIT = /[\u0080-\u00ff]/;

/** A field's value unfolded (libmime's decodeHeader), its 8-bit bytes read as UTF-8 (mailparser's processHeaders). */
function valueOf(line: string): string {
  const colon = line.indexOf(':');
  // An unfolded field (nearly all of them): what follows its first colon, as the general way gives it.
  const value = colon > 0 && ONE_LINE.test(line) ? line.slice(colon + 1).trim() : unfoldedValue(line);
  return EIGHT_BIT.test(value) ? Buffer.from(value, 'latin1').toString() : value;
}

function unfoldedValue(line: string): string {
  const unfolded = line.replace(/(?:\r?\n|\r)[ \t]*/g, ' ').trim();
  return (/^\s*([^:]+):(.*)$/.exec(unfolded)?.[2] ?? '').trim();
}

/** Decodes the RFC 2047 encoded words of a string (libmime's decodeWords), or leaves it as it is. */
export type WordDecoder = (value: string) => string;

const asIs: WordDecoder = (value) => value;

let libmimeWords: WordDecoder | undefined;

/** libmime's decoder when the header has an encoded word (`=?`, RFC 2047 2); without one, decoding changes nothing. */
export async function wordDecoder(head: Buffer): Promise<WordDecoder> {
  const now = wordDecoderNow(head);
  if (now) return now;
  const libmime = (await import('libmime')).default;
  libmimeWords ??= (value) => libmime.decodeWords(value);
  return libmimeWords;
}

/** wordDecoder() without waiting: null when the header needs libmime and it has not been loaded yet. */
export function wordDecoderNow(head: Buffer): WordDecoder | null {
  return head.includes('=?') ? (libmimeWords ?? null) : asIs;
}

/** Decoded, or as it was when the decoder fails (mailparser's try/catch). */
function safely(words: WordDecoder, value: string): string {
  try {
    return words(value);
  } catch {
    return value;
  }
}

const ENCODED_WORD = /[=]\?[^?]+\?[BbQq]\?[^?]*\?[=]/;

/**
 * Encoded words decoded in display names (RFC 2047 5); one in an address stands only if it
 * decodes to a plain local@domain, as mailparser decides. False: an IDNA domain, left to mailparser.
 */
function decodeAddresses(list: Address[], words: WordDecoder): boolean {
  for (const a of list) {
    a.name = safely(words, (a.name || '').toString().trim());
    if (a.address && ENCODED_WORD.test(a.address)) {
      const decoded = safely(words, a.address);
      a.address = /^[^\s@]+@[^\s@]+$/.test(decoded) && !/[=]\?/.test(decoded) ? decoded : '';
    }
    if (a.address && /@xn--/.test(a.address)) return false;
    if (a.group && !decodeAddresses(a.group, words)) return false;
  }
  return true;
}

/** mailparser's `text` of an address list: names quoted, groups closed by `;`. */
function addressText(list: Address[]): string {
  return list
    .map((a) => {
      let s = a.name ? `"${a.name.replace(/["\\]/g, '\\$&')}"${a.group ? ': ' : ''}` : '';
      if (a.address) s += a.name ? ` <${a.address}>` : a.address;
      if (a.group) s += `${addressText(a.group)};`;
      return s;
    })
    .join(', ');
}

/** The addresses alone, lowercased, groups opened (RFC 5322 3.4). */
function plainAddresses(list: Address[], out: string[] = []): string[] {
  for (const a of list) {
    if (a.address) out.push(a.address.toLowerCase());
    if (a.group) plainAddresses(a.group, out);
  }
  return out;
}

/** Angle brackets around a Message-ID that lacks them (RFC 5322 3.6.4), as mailparser adds them. */
function messageIdOf(value: string): string {
  if (value.length === 0) return '';
  return `${value.startsWith('<') ? '' : '<'}${value}${value.endsWith('>') ? '' : '>'}`;
}

/** A bare addr-spec of the usual characters (RFC 5322 3.4.1): addressparser's answer is known without it. */
const BARE_ADDRESS = /^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*$/;

const parseAddresses = (value: string): Address[] => (BARE_ADDRESS.test(value) ? [{ name: '', address: value }] : addressparser(value));

const ADDRESS_KEYS = new Set(['from', 'to', 'cc', 'bcc']);

type Lists = Map<string, Address[][]>;

/** From is a single field in mailparser (the first); To, Cc and Bcc keep every occurrence. */
const listsOf = (lists: Lists, key: string): Address[][] => (key === 'from' ? (lists.get(key) ?? []).slice(0, 1) : (lists.get(key) ?? []));
const textOf = (lists: Lists, key: string): string => listsOf(lists, key).map(addressText).join(', ');

function plainOf(lists: Lists, key: string, out: string[] = []): string[] {
  for (const l of listsOf(lists, key)) plainAddresses(l, out);
  return out;
}

/** The summary of a header block (headerBlock() of inspect.ts), or null: mailparser's to give. */
export function summarizeHeader(head: Buffer, words: WordDecoder = asIs): MessageSummary | null {
  const lines = fields(head);
  if (!lines) return null;
  const lists: Lists = new Map();
  let subject: string | undefined;
  let messageId: string | undefined;
  let dateLine: string | undefined;
  for (const { key, line } of lines) {
    if (ADDRESS_KEYS.has(key)) {
      const list = parseAddresses(valueOf(line));
      if (!decodeAddresses(list, words)) return null;
      const known = lists.get(key);
      if (known) known.push(list);
      else lists.set(key, [list]);
    } else if (key === 'subject' && subject === undefined) {
      const v = safely(words, valueOf(line));
      if (v) subject = v;
    } else if (key === 'message-id' && messageId === undefined) {
      const v = messageIdOf(safely(words, valueOf(line)));
      if (v) messageId = v;
    } else if (key === 'date') dateLine ??= line;
  }
  const recipients = plainOf(lists, 'to');
  plainOf(lists, 'cc', recipients);
  plainOf(lists, 'bcc', recipients);
  return {
    from: textOf(lists, 'from'),
    to: textOf(lists, 'to'),
    cc: textOf(lists, 'cc'),
    subject: subject ?? '',
    date: dateLine === undefined ? '' : dateLine.replace(/^date:\s*/i, '').replace(/\r?\n\s+/g, ' ').trim(),
    messageId: messageId ?? '',
    fromAddresses: plainOf(lists, 'from'),
    recipientAddresses: recipients,
  };
}
