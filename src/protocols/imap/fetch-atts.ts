import { quoted } from './format.js';
import { ImapParseError, astringOf, type ImapToken } from './parser.js';

/**
 * FETCH data items (RFC 3501 6.4.5): the argument of FETCH / UID FETCH turned into a list
 * of typed items, with the ALL/FAST/FULL macros expanded.
 */

/** A body section: part numbers (RFC 3501 6.4.5 "1.2.3") and what of that part. */
export interface Section {
  part: number[];
  text: '' | 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME';
  /** Header field names for HEADER.FIELDS(.NOT), as the client wrote them. */
  fields: string[];
}

export type FetchAtt =
  | {
      kind:
        | 'FLAGS'
        | 'UID'
        | 'INTERNALDATE'
        | 'RFC822.SIZE'
        | 'ENVELOPE'
        | 'BODYSTRUCTURE'
        | 'BODY'
        | 'RFC822'
        | 'RFC822.HEADER'
        | 'RFC822.TEXT';
    }
  | { kind: 'BODY[]'; peek: boolean; section: Section; partial?: { start: number; count: number } };

type SimpleKind = Exclude<FetchAtt['kind'], 'BODY[]'>;

const SIMPLE: readonly SimpleKind[] = [
  'FLAGS',
  'UID',
  'INTERNALDATE',
  'RFC822.SIZE',
  'ENVELOPE',
  'BODYSTRUCTURE',
  'BODY',
  'RFC822',
  'RFC822.HEADER',
  'RFC822.TEXT',
];

/** RFC 3501 6.4.5 macros; they stand alone, never inside a parenthesised list. */
const MACROS: Record<string, readonly SimpleKind[]> = {
  ALL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'],
  FAST: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'],
  FULL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'],
};

const KNOWN = 'FLAGS, UID, INTERNALDATE, RFC822.SIZE, ENVELOPE, BODYSTRUCTURE, BODY, BODY[...], BODY.PEEK[...], RFC822, RFC822.HEADER, RFC822.TEXT';

/** `1.2.HEADER` -> part [1, 2], text HEADER (RFC 3501 9 section-spec). */
function sectionSpec(spec: string): { part: number[]; text: string } {
  const words = spec.split('.');
  const part: number[] = [];
  while (words.length > 0 && /^[0-9]+$/.test(words[0] as string)) {
    const n = words.shift() as string;
    if (!/^[1-9][0-9]{0,9}$/.test(n)) throw new ImapParseError(`section part numbers start at 1, got '${n}' in [${spec}]`);
    part.push(Number(n));
  }
  return { part, text: words.join('.').toUpperCase() };
}

function headerFieldNames(token: ImapToken | undefined, text: string): string[] {
  if (token?.type !== 'list' || token.items.length === 0) {
    throw new ImapParseError(`${text} needs a parenthesised list of header field names, e.g. ${text} (From Subject)`);
  }
  return token.items.map((item) => {
    const name = astringOf(item);
    if (name === null || name === '') throw new ImapParseError(`${text}: each header field name must be an atom or a string`);
    return name;
  });
}

function parseSection(tokens: readonly ImapToken[]): Section {
  if (tokens.length === 0) return { part: [], text: '', fields: [] };
  const first = tokens[0] as ImapToken;
  if (first.type !== 'atom') throw new ImapParseError('a section is part numbers and HEADER, HEADER.FIELDS, TEXT or MIME, e.g. BODY[1.2.MIME]');
  const { part, text } = sectionSpec(first.value);
  const bad = (why: string): never => {
    throw new ImapParseError(`invalid section [${first.value}]: ${why}`);
  };
  if (text === 'HEADER.FIELDS' || text === 'HEADER.FIELDS.NOT') {
    if (tokens.length !== 2) bad(`${text} takes one list of field names`);
    return { part, text, fields: headerFieldNames(tokens[1], text) };
  }
  if (tokens.length !== 1) bad('unexpected extra items');
  if (text === '') {
    if (part.length === 0) bad('empty section item');
    return { part, text: '', fields: [] };
  }
  if (text === 'MIME' && part.length === 0) bad('MIME needs a part number, e.g. BODY[1.MIME] (RFC 3501 6.4.5)');
  if (text !== 'HEADER' && text !== 'TEXT' && text !== 'MIME') return bad('expected HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT or MIME');
  return { part, text, fields: [] };
}

function parseOne(token: ImapToken): FetchAtt {
  if (token.type === 'section') {
    if (token.name !== 'BODY' && token.name !== 'BODY.PEEK') {
      throw new ImapParseError(`${token.name}[...] is not supported (BINARY, RFC 3516, is not offered); use BODY[...]`);
    }
    const att: FetchAtt = { kind: 'BODY[]', peek: token.name === 'BODY.PEEK', section: parseSection(token.section) };
    if (token.partial) {
      const { start, count } = token.partial;
      if (count === undefined || count === 0) {
        throw new ImapParseError('a partial fetch is <start.count> with count at least 1, e.g. BODY[]<0.1024> (RFC 3501 9)');
      }
      att.partial = { start, count };
    }
    return att;
  }
  if (token.type === 'atom') {
    const kind = SIMPLE.find((k) => k === token.value.toUpperCase());
    if (kind) return { kind };
    if (MACROS[token.value.toUpperCase()]) {
      throw new ImapParseError(`${token.value.toUpperCase()} is a macro and must stand alone, not inside a list (RFC 3501 6.4.5)`);
    }
    throw new ImapParseError(`unknown FETCH item ${token.value}; known items: ${KNOWN}`);
  }
  throw new ImapParseError(`expected a FETCH item such as FLAGS or BODY[], found a ${token.type}`);
}

/** The FETCH argument: one item, a list, or the ALL/FAST/FULL macros (RFC 3501 6.4.5). */
export function parseFetchAtts(arg: ImapToken): FetchAtt[] {
  if (arg.type === 'atom') {
    const macro = MACROS[arg.value.toUpperCase()];
    if (macro) return macro.map((kind) => ({ kind }));
  }
  if (arg.type === 'list') {
    if (arg.items.length === 0) throw new ImapParseError('empty FETCH item list: name at least one item, e.g. (FLAGS UID)');
    return arg.items.map(parseOne);
  }
  return [parseOne(arg)];
}

/** True if fetching these sets \Seen (BODY[...] without PEEK, RFC822, RFC822.TEXT; RFC 3501 6.4.5). */
export function fetchSetsSeen(atts: readonly FetchAtt[]): boolean {
  return atts.some((a) => (a.kind === 'BODY[]' && !a.peek) || a.kind === 'RFC822' || a.kind === 'RFC822.TEXT');
}

/** The section as written in a response: `1.2.HEADER.FIELDS (FROM TO)` (RFC 3501 7.4.2). */
export function sectionText(section: Section): string {
  const words = [...section.part.map(String), ...(section.text ? [section.text] : [])].join('.');
  if (section.text !== 'HEADER.FIELDS' && section.text !== 'HEADER.FIELDS.NOT') return words;
  // A field name is printable ASCII without ':' (RFC 5322 2.2); anything else cannot match
  // a header, and is shown quoted with its unprintable characters replaced.
  const names = section.fields.map((f) =>
    /^[\x21-\x7e]+$/.test(f) && !/[()"\\{\]%*]/.test(f) ? f.toUpperCase() : (quoted(f.replace(/[^\x20-\x7e]/g, '?')) as string),
  );
  return `${words} (${names.join(' ')})`;
}

/**
 * The item's name in the FETCH response: `BODY[HEADER]<0>` for BODY.PEEK[HEADER]<0.100>
 * (RFC 3501 7.4.2: PEEK is not echoed and a partial shows only its origin octet).
 */
export function fetchAttLabel(att: FetchAtt): string {
  if (att.kind !== 'BODY[]') return att.kind;
  const origin = att.partial ? `<${att.partial.start}>` : '';
  return `BODY[${sectionText(att.section)}]${origin}`;
}
