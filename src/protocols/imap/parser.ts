import { IMAP_MAX_NESTING } from '../../limits.js';

/**
 * The IMAP4rev1 command parser (RFC 3501 section 9 grammar, RFC 7888 LITERAL+).
 *
 * It is generic: it turns a whole command (first line, then for each literal its CRLF and
 * bytes, then the rest) into a tag, an uppercased command name and a token tree. Each
 * command's spec then says what its arguments must be. Keeping the grammar in one place
 * is what lets the lessons show "this is an atom, this is a literal" for any command.
 */

export type ImapToken =
  | { type: 'atom'; value: string }
  | { type: 'nil' }
  | { type: 'string'; value: Buffer; literal: boolean }
  | { type: 'list'; items: ImapToken[] }
  | { type: 'section'; name: string; section: ImapToken[]; partial?: { start: number; count?: number } };

export interface ParsedCommand {
  tag: string;
  /** Uppercased; `UID FETCH` is command 'UID' with the sub-command as args[0]. */
  command: string;
  args: ImapToken[];
}

/** A command that does not follow the grammar; `tag` is known when the tag itself was valid. */
export class ImapParseError extends Error {
  readonly tag: string | null;
  constructor(message: string, tag: string | null = null) {
    super(message);
    this.name = 'ImapParseError';
    this.tag = tag;
  }
}

const SP = 0x20;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;
const CR = 0x0d;
const LF = 0x0a;

/** RFC 3501 9: a literal's number is a 32-bit unsigned value. */
const MAX_NUMBER = 4_294_967_295;

/** Fetch attributes whose name may be followed by `[section]<partial>` (RFC 3501 6.4.5). */
const SECTION_NAMES = new Set(['BODY', 'BODY.PEEK', 'BINARY', 'BINARY.PEEK', 'BINARY.SIZE']);

/**
 * ATOM-CHAR of RFC 3501 9: any 7-bit CHAR except atom-specials: `(` `)` `{` SP CTL,
 * list-wildcards `%` `*`, quoted-specials `"` `\` and resp-specials `]`.
 */
function isAtomChar(b: number): boolean {
  if (b <= 0x20 || b >= 0x7f) return false;
  return b !== 0x28 && b !== 0x29 && b !== 0x7b && b !== 0x25 && b !== 0x2a && b !== DQUOTE && b !== BACKSLASH && b !== 0x5d;
}

/** RFC 3501 9: tag = 1*<any ASTRING-CHAR except "+">, ASTRING-CHAR = ATOM-CHAR / "]". */
function isTagChar(b: number): boolean {
  return (isAtomChar(b) || b === 0x5d) && b !== 0x2b;
}

/**
 * Characters allowed in an argument atom. Wider than ATOM-CHAR on purpose: `*` and `%`
 * appear in sequence sets and LIST patterns (list-char), `]` in astrings (ASTRING-CHAR).
 */
function isArgChar(b: number, inSection: boolean): boolean {
  if (b === 0x2a || b === 0x25) return true;
  if (b === 0x5d) return !inSection;
  return isAtomChar(b);
}

function describeByte(b: number | undefined): string {
  if (b === undefined) return 'end of line';
  if (b === SP) return 'a space';
  if (b === CR) return 'CR';
  if (b === LF) return 'LF';
  if (b === 0) return 'NUL';
  if (b < 0x20 || b === 0x7f) return `control character 0x${b.toString(16).padStart(2, '0')}`;
  if (b >= 0x80) return `8-bit octet 0x${b.toString(16)}`;
  return `'${String.fromCharCode(b)}'`;
}

class Parser {
  pos = 0;
  tag: string | null = null;
  constructor(readonly buf: Buffer) {}

  fail(message: string): never {
    throw new ImapParseError(`${message} (at octet ${this.pos})`, this.tag);
  }

  peek(): number | undefined {
    return this.buf[this.pos];
  }

  atEnd(): boolean {
    return this.pos >= this.buf.length;
  }

  expectSpace(what: string): void {
    if (this.peek() !== SP) this.fail(`expected a space before ${what}, found ${describeByte(this.peek())}`);
    this.pos++;
    if (this.peek() === SP) this.fail('two spaces in a row: IMAP separates arguments with exactly one space');
  }

  parseTag(): string {
    const start = this.pos;
    while (!this.atEnd() && this.peek() !== SP) {
      const b = this.peek() as number;
      if (!isTagChar(b)) {
        this.pos = start;
        this.fail(`invalid tag: ${describeByte(b)} is not allowed in a tag (RFC 3501 9: atom characters except '+')`);
      }
      this.pos++;
    }
    if (this.pos === start) this.fail('missing tag: a command starts with a tag such as a001');
    return this.buf.toString('latin1', start, this.pos);
  }

  parseCommandName(): string {
    const start = this.pos;
    while (!this.atEnd() && isAtomChar(this.peek() as number)) this.pos++;
    if (this.pos === start) this.fail(`missing command name after the tag, found ${describeByte(this.peek())}`);
    if (!this.atEnd() && this.peek() !== SP) this.fail(`${describeByte(this.peek())} is not allowed in a command name`);
    return this.buf.toString('latin1', start, this.pos).toUpperCase();
  }

  /** One argument; `depth` counts the lists and sections around it. */
  token(depth: number, inSection: boolean): ImapToken {
    const b = this.peek();
    if (b === 0x28) return this.list(depth + 1, inSection);
    if (b === DQUOTE) return this.quoted();
    if (b === 0x7b) return this.literal();
    if (b === BACKSLASH) return this.flag(inSection);
    return this.atom(depth, inSection);
  }

  list(depth: number, inSection: boolean): ImapToken {
    if (depth > IMAP_MAX_NESTING) this.fail(`lists nested deeper than ${IMAP_MAX_NESTING} levels`);
    this.pos++;
    const items: ImapToken[] = [];
    if (this.peek() === 0x29) {
      this.pos++;
      return { type: 'list', items };
    }
    for (;;) {
      const item = this.token(depth, inSection);
      items.push(item);
      const next = this.peek();
      if (next === 0x29) {
        this.pos++;
        return { type: 'list', items };
      }
      if (next === undefined) this.fail("unterminated list: missing ')'");
      // Responses write lists back to back, `((a)(b))` (RFC 3501 9 address lists, body
      // parts), so the same parser reads them; commands never need it.
      if (next === 0x28 && item.type === 'list') continue;
      this.expectSpace('the next list item');
    }
  }

  quoted(): ImapToken {
    this.pos++;
    const parts: Buffer[] = [];
    let start = this.pos;
    for (;;) {
      const b = this.peek();
      if (b === undefined) this.fail('unterminated quoted string: missing closing \'"\'');
      if (b === DQUOTE) break;
      if (b === CR || b === LF || b === 0) {
        this.fail(`${describeByte(b)} inside a quoted string: send such a value as a literal {n}`);
      }
      if (b === BACKSLASH) {
        const escaped = this.buf[this.pos + 1];
        if (escaped !== DQUOTE && escaped !== BACKSLASH) {
          this.fail('in a quoted string a backslash may only escape \'"\' or \'\\\'');
        }
        parts.push(this.buf.subarray(start, this.pos));
        start = this.pos + 1;
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    parts.push(this.buf.subarray(start, this.pos));
    this.pos++;
    return { type: 'string', value: Buffer.concat(parts), literal: false };
  }

  number(what: string): number {
    const start = this.pos;
    while (!this.atEnd() && (this.peek() as number) >= 0x30 && (this.peek() as number) <= 0x39) this.pos++;
    if (this.pos === start) this.fail(`expected a number in ${what}, found ${describeByte(this.peek())}`);
    const text = this.buf.toString('latin1', start, this.pos);
    const value = text.length > 10 ? Infinity : Number(text);
    if (value > MAX_NUMBER) this.fail(`number ${text.slice(0, 12)} in ${what} is larger than 4294967295`);
    return value;
  }

  /** `{n}` or `{n+}` (RFC 7888), then CRLF, then exactly n octets. */
  literal(): ImapToken {
    this.pos++;
    const size = this.number('a literal {n}');
    if (this.peek() === 0x2b) this.pos++;
    if (this.peek() !== 0x7d) this.fail(`expected '}' to close the literal size, found ${describeByte(this.peek())}`);
    this.pos++;
    if (this.peek() !== CR || this.buf[this.pos + 1] !== LF) {
      this.fail('a literal announcement {n} must end the line (CRLF must follow it)');
    }
    this.pos += 2;
    if (this.buf.length - this.pos < size) {
      this.fail(`literal announced ${size} octets but only ${this.buf.length - this.pos} follow`);
    }
    const value = Buffer.from(this.buf.subarray(this.pos, this.pos + size));
    this.pos += size;
    return { type: 'string', value, literal: true };
  }

  /** `\Seen`, `\Deleted`, and `\*` (RFC 3501 9 flag, flag-perm). */
  flag(inSection: boolean): ImapToken {
    const start = this.pos;
    this.pos++;
    if (this.peek() === 0x2a) this.pos++;
    else while (!this.atEnd() && isAtomChar(this.peek() as number)) this.pos++;
    if (this.pos === start + 1) this.fail('a backslash must start a flag such as \\Seen');
    this.checkDelimiter(inSection);
    return { type: 'atom', value: this.buf.toString('latin1', start, this.pos) };
  }

  atom(depth: number, inSection: boolean): ImapToken {
    const start = this.pos;
    while (!this.atEnd()) {
      const b = this.peek() as number;
      if (b === 0x5b && SECTION_NAMES.has(this.buf.toString('latin1', start, this.pos).toUpperCase())) {
        return this.section(this.buf.toString('latin1', start, this.pos).toUpperCase(), depth + 1);
      }
      if (!isArgChar(b, inSection)) break;
      this.pos++;
    }
    if (this.pos === start) this.fail(`unexpected ${describeByte(this.peek())}`);
    this.checkDelimiter(inSection);
    const value = this.buf.toString('latin1', start, this.pos);
    return value.toUpperCase() === 'NIL' ? { type: 'nil' } : { type: 'atom', value };
  }

  /** After an atom only a separator may follow; anything else is a character atoms cannot hold. */
  checkDelimiter(inSection: boolean): void {
    const b = this.peek();
    if (b === undefined || b === SP || b === 0x29 || (inSection && b === 0x5d)) return;
    this.fail(`${describeByte(b)} is not allowed in an atom: use a quoted string or a literal`);
  }

  /** `[section]` and an optional `<start.count>` after BODY / BODY.PEEK (RFC 3501 6.4.5). */
  section(name: string, depth: number): ImapToken {
    if (depth > IMAP_MAX_NESTING) this.fail(`lists nested deeper than ${IMAP_MAX_NESTING} levels`);
    this.pos++;
    const section: ImapToken[] = [];
    while (this.peek() !== 0x5d) {
      if (this.atEnd()) this.fail(`unterminated section: missing ']' after ${name}[`);
      if (section.length > 0) this.expectSpace('the next section item');
      section.push(this.token(depth, true));
    }
    this.pos++;
    const token: ImapToken = { type: 'section', name, section };
    if (this.peek() === 0x3c) token.partial = this.partial();
    if (!this.atEnd() && this.peek() !== SP && this.peek() !== 0x29) {
      this.fail(`unexpected ${describeByte(this.peek())} after ${name}[...]`);
    }
    return token;
  }

  partial(): { start: number; count?: number } {
    this.pos++;
    const start = this.number('a partial <start.count>');
    let count: number | undefined;
    if (this.peek() === 0x2e) {
      this.pos++;
      count = this.number('a partial <start.count>');
    }
    if (this.peek() !== 0x3e) this.fail(`expected '>' to close the partial, found ${describeByte(this.peek())}`);
    this.pos++;
    return count === undefined ? { start } : { start, count };
  }
}

/**
 * Parse a whole command: the first line, then for each literal its CRLF and bytes, then
 * the rest, WITHOUT the final CRLF. Lists and sections nest at most IMAP_MAX_NESTING deep.
 */
export function parseCommand(input: Buffer): ParsedCommand {
  const p = new Parser(input);
  if (input.length === 0) p.fail('empty command line');
  const tag = p.parseTag();
  p.tag = tag;
  if (p.atEnd()) p.fail('missing command name after the tag');
  p.expectSpace('the command name');
  const command = p.parseCommandName();
  const args: ImapToken[] = [];
  while (!p.atEnd()) {
    p.expectSpace('the next argument');
    if (p.atEnd()) p.fail('trailing space at the end of the command');
    args.push(p.token(0, false));
    const b = p.peek();
    if (b === 0x29) p.fail("unexpected ')' without a matching '('");
    if (b === 0x5d) p.fail("unexpected ']'");
  }
  return { tag, command, args };
}

/**
 * Does this line (without CRLF) end with a literal announcement `{n}` or `{n+}`?
 * (RFC 3501 4.3, RFC 7888.) Only reports the size: the caller decides whether to accept
 * it (never allocate n bytes on the client's word). A size too long to be a number is
 * reported as Number.MAX_SAFE_INTEGER so any limit refuses it.
 */
export function literalAtEnd(line: Buffer): { size: number; nonSync: boolean } | null {
  if (line.length < 3 || line[line.length - 1] !== 0x7d) return null;
  // A `{5}` at the end of an unterminated quoted string is text, not a literal.
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const b = line[i];
    if (inQuote && b === BACKSLASH) i++;
    else if (b === DQUOTE) inQuote = !inQuote;
  }
  if (inQuote) return null;
  let i = line.length - 2;
  const nonSync = line[i] === 0x2b;
  if (nonSync) i--;
  const end = i + 1;
  while (i >= 0 && (line[i] as number) >= 0x30 && (line[i] as number) <= 0x39) i--;
  if (i < 0 || line[i] !== 0x7b || i + 1 === end) return null;
  const digits = line.toString('latin1', i + 1, end);
  const size = digits.length > 15 ? Number.MAX_SAFE_INTEGER : Number(digits);
  return { size: Math.min(size, Number.MAX_SAFE_INTEGER), nonSync };
}

/** Best-effort tag of a line that fails to parse (so BAD can be tagged), or null -> `* BAD`. */
export function tagOf(line: Buffer): string | null {
  let end = line.indexOf(SP);
  if (end < 0) end = line.length;
  if (end === 0) return null;
  for (let i = 0; i < end; i++) if (!isTagChar(line[i] as number)) return null;
  return line.toString('latin1', 0, end);
}

/**
 * The text of an astring argument (atom, quoted string or literal, RFC 3501 9), e.g. a
 * mailbox name or a user name; NIL reads as the atom "NIL". Null for a list or section.
 */
export function astringOf(token: ImapToken): string | null {
  if (token.type === 'atom') return token.value;
  if (token.type === 'string') return token.value.toString('utf8');
  if (token.type === 'nil') return 'NIL';
  return null;
}

/** Is this token the atom `word` (case-insensitive)? */
export function isAtom(token: ImapToken | undefined, word: string): boolean {
  return token?.type === 'atom' && token.value.toUpperCase() === word.toUpperCase();
}
