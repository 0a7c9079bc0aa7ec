import type { OutItem } from '../session.js';

/**
 * Building IMAP responses (RFC 3501 4 data formats, 9 grammar) as bytes.
 *
 * A value the client sent may hold CR, LF, NUL or 8-bit octets. Written into a response
 * as text it would split the response line (or be invalid in a quoted string), so every
 * value goes through astring/nstring/literal, which fall back to a literal `{n}` CRLF
 * bytes whenever a quoted string cannot carry it. text() is for syntax the server itself
 * writes and refuses CR/LF/NUL unless they sit inside a literal it can verify.
 */

type Chunk = { kind: 'text'; text: string } | { kind: 'literal'; data: Buffer };

const CRLF = Buffer.from('\r\n', 'latin1');

/** Longer values go as literals: a quoted string this long is hard to read in a transcript. */
const MAX_QUOTED = 1024;

/** ASTRING-CHAR of RFC 3501 9 (ATOM-CHAR or `]`), so the value can be sent bare. */
const ASTRING_ATOM = /^[\x21\x23\x24\x26\x27\x2b-\x5b\x5d-\x7a\x7c\x7e]+$/;

/** A quoted string (RFC 3501 4.3), or null when one cannot carry `s` (CR, LF, NUL, 8-bit). */
export function quoted(s: string): string | null {
  if (/[\r\n\0]|[^\x00-\x7f]/.test(s)) return null;
  return `"${s.replace(/[\\"]/g, '\\$&')}"`;
}

export class ResponseBuilder {
  private readonly chunks: Chunk[] = [];

  /**
   * Server-written syntax. CR, LF and NUL are refused unless they are inside a literal
   * written as `{n}` CRLF followed by exactly n UTF-8 octets (as envelopeOf produces).
   */
  text(s: string): this {
    let rest = s;
    for (;;) {
      const bad = rest.search(/[\r\n\0]/);
      if (bad < 0) break;
      const announce = /\{(\d+)\}$/.exec(rest.slice(0, bad));
      if (!announce || rest.slice(bad, bad + 2) !== '\r\n') {
        throw new TypeError('ResponseBuilder.text(): CR, LF or NUL outside a literal; use astring()/nstring()/literal()');
      }
      const data = Buffer.from(rest.slice(bad + 2), 'utf8');
      const size = Number(announce[1]);
      if (data.length < size) throw new TypeError('ResponseBuilder.text(): literal shorter than announced');
      const payload = data.subarray(0, size);
      this.push({ kind: 'text', text: rest.slice(0, announce.index) });
      this.chunks.push({ kind: 'literal', data: Buffer.from(payload) });
      rest = data.subarray(size).toString('utf8');
    }
    return this.push({ kind: 'text', text: rest });
  }

  /** `{n}` CRLF and the octets, exactly. */
  literal(data: Buffer): this {
    this.chunks.push({ kind: 'literal', data });
    return this;
  }

  /** A value that may be sent bare (mailbox names, RFC 3501 astring): atom, quoted or literal. */
  astring(s: string): this {
    if (ASTRING_ATOM.test(s) && s.toUpperCase() !== 'NIL') return this.push({ kind: 'text', text: s });
    return this.string(s);
  }

  /** A string (RFC 3501 4.3): quoted when it can be, otherwise a literal of its UTF-8 octets. */
  string(s: string): this {
    const q = s.length <= MAX_QUOTED ? quoted(s) : null;
    return q !== null ? this.push({ kind: 'text', text: q }) : this.literal(Buffer.from(s, 'utf8'));
  }

  /** NIL, a string, or (for message octets) always a literal. */
  nstring(v: string | Buffer | null): this {
    if (v === null) return this.push({ kind: 'text', text: 'NIL' });
    if (Buffer.isBuffer(v)) return this.literal(v);
    return this.string(v);
  }

  get hasLiteral(): boolean {
    return this.chunks.some((c) => c.kind === 'literal');
  }

  /** The response octets WITHOUT the final CRLF. */
  toBuffer(): Buffer {
    return Buffer.concat(this.parts());
  }

  private parts(): Buffer[] {
    const parts: Buffer[] = [];
    for (const c of this.chunks) {
      if (c.kind === 'text') parts.push(Buffer.from(c.text, 'utf8'));
      else parts.push(Buffer.from(`{${c.data.length}}\r\n`, 'latin1'), c.data);
    }
    return parts;
  }

  /** The response for a transcript: literals shown as `{n}` only. */
  toSummary(): string {
    return this.chunks.map((c) => (c.kind === 'text' ? c.text : `{${c.data.length}}`)).join('');
  }

  /** A session out item: a plain line when there is no literal, raw octets with CRLF otherwise. */
  toOut(): OutItem {
    if (!this.hasLiteral) return this.toSummary();
    // One copy of the message octets, not two (a FETCH of bodies writes each of them once).
    return { raw: Buffer.concat([...this.parts(), CRLF]), summary: this.toSummary() };
  }

  private push(chunk: Chunk): this {
    const last = this.chunks[this.chunks.length - 1];
    if (chunk.kind === 'text' && last?.kind === 'text') last.text += chunk.text;
    else if (chunk.kind === 'literal' || chunk.text !== '') this.chunks.push(chunk);
    return this;
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * RFC 3501 9 date-time without its DQUOTEs, in UTC: "17-Jul-1996 02:44:25 +0000";
 * a one-digit day is padded with a space (date-day-fixed).
 */
export function imapDate(d: Date): string {
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${day}-${MONTHS[d.getUTCMonth()]}-${d.getUTCFullYear()} ${time} +0000`;
}

function monthIndex(name: string): number {
  return MONTHS.findIndex((m) => m.toLowerCase() === name.toLowerCase());
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 0 && day >= 1 && day <= new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Parse an RFC 3501 date-time (APPEND's date), with or without DQUOTEs; null if invalid. */
export function parseImapDate(s: string): Date | null {
  const m = /^"?( ?\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})"?$/.exec(s);
  if (!m) return null;
  const [day, month, year, hh, mm, ss] = [Number(m[1]), monthIndex(m[2] as string), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])];
  if (!validDay(year, month, day) || hh > 23 || mm > 59 || ss > 60) return null;
  const zoneH = Number(m[8]);
  const zoneM = Number(m[9]);
  if (zoneM > 59) return null;
  const offset = (m[7] === '-' ? -1 : 1) * (zoneH * 60 + zoneM);
  return new Date(Date.UTC(year, month, day, hh, mm, Math.min(ss, 59)) - offset * 60_000);
}

/**
 * Parse an RFC 3501 date (SEARCH SINCE/BEFORE/ON: "1-Feb-1994") into a day number (days
 * since 1970-01-01), so dates compare without time or zone as RFC 3501 6.4.4 asks.
 */
export function parseImapDay(s: string): number | null {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(s);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), monthIndex(m[2] as string), Number(m[3])];
  if (!validDay(year, month, day)) return null;
  return Date.UTC(year, month, day) / 86_400_000;
}

/** `(\Seen \Flagged)` (RFC 3501 7.2.6 flag-list). */
export function flagList(flags: readonly string[]): string {
  return `(${flags.join(' ')})`;
}
