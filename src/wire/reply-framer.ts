import type { Protocol } from '../protocol.js';

/**
 * The client side of framing: bytes from a server become whole replies. Pure (no socket),
 * so it is tested alone with input split at any boundary. What "whole" means depends on the
 * protocol and on the command that was sent, so the caller says which shape it waits for.
 */
export type ReplyShape =
  /** RFC 5321 4.2.1: `250-...` lines until one with a space (or nothing) after the code. */
  | { protocol: 'smtp' }
  /** RFC 1939 3: one status line, or with `multiline` a dot-terminated block after `+OK`. */
  | { protocol: 'pop3'; multiline: boolean }
  /**
   * RFC 3501 2.2.2 / 7.5: untagged lines up to the tagged completion for `tag`, or a `+`
   * continuation request. `tag: null` waits for one untagged line (the greeting, RFC 3501 7.1).
   */
  | { protocol: 'imap'; tag: string | null };

export interface WireReply {
  protocol: Protocol;
  /** Every physical line as received, without CRLF (IMAP literal text split at its CRLFs). */
  lines: string[];
  /** `250`, `+OK`, `-ERR`, `+`, `OK`, `NO`, `BAD`, `BYE`, `PREAUTH`; '' when the line is not a reply. */
  status: string;
  /** The server asks for more from the client: SMTP 334/354, POP3 and IMAP `+`. */
  continuation: boolean;
}

const LF = 0x0a;
/** IMAP literal announcement at the end of a line: `{12}` or non-synchronising `{12+}` (RFC 7888). */
const LITERAL_AT_END = /\{(\d+)\+?\}$/;

export class ReplyFramer {
  private buf: Buffer = Buffer.alloc(0);
  /** Lines of the reply in progress. */
  private lines: string[] = [];
  /** IMAP: octets of a literal still to read, and what was read so far. */
  private literalLeft = 0;
  private literalChunks: Buffer[] = [];
  /** IMAP: text after a literal's last CRLF, joined to the next line read. */
  private tail: string | null = null;

  push(data: Buffer): void {
    if (data.length > 0) this.buf = this.buf.length === 0 ? Buffer.from(data) : Buffer.concat([this.buf, data]);
  }

  /** Bytes received but not yet part of a returned reply or line. */
  get buffered(): number {
    return this.buf.length;
  }

  /** Lines of an unfinished reply: what a server said before it closed the connection. */
  get partial(): string[] {
    return [...this.lines];
  }

  /** The next whole reply of `shape`, or null when more bytes are needed. */
  next(shape: ReplyShape): WireReply | null {
    for (;;) {
      if (this.literalLeft > 0 && !this.readLiteral()) return null;
      const raw = this.takeLine();
      if (raw === null) return null;
      const continuing = this.tail !== null;
      const line = (this.tail ?? '') + raw;
      this.tail = null;
      this.lines.push(line);
      const done = this.judge(shape, line, continuing);
      if (done) {
        this.lines = [];
        return done;
      }
    }
  }

  /** One line outside any reply (IMAP untagged data during IDLE), or null. */
  nextLine(): string | null {
    return this.takeLine();
  }

  private takeLine(): string | null {
    const lf = this.buf.indexOf(LF);
    if (lf < 0) return null;
    const end = lf > 0 && this.buf[lf - 1] === 0x0d ? lf - 1 : lf;
    const line = this.buf.subarray(0, end).toString('utf8');
    this.buf = this.buf.subarray(lf + 1);
    return line;
  }

  /** True once the whole literal is in; its text becomes lines of the reply. */
  private readLiteral(): boolean {
    const take = Math.min(this.literalLeft, this.buf.length);
    this.literalChunks.push(this.buf.subarray(0, take));
    this.buf = this.buf.subarray(take);
    this.literalLeft -= take;
    if (this.literalLeft > 0) return false;
    const parts = Buffer.concat(this.literalChunks).toString('utf8').split(/\r?\n/);
    this.literalChunks = [];
    this.tail = parts.pop() ?? '';
    this.lines.push(...parts);
    return true;
  }

  private judge(shape: ReplyShape, line: string, continuing: boolean): WireReply | null {
    switch (shape.protocol) {
      case 'smtp':
        return this.judgeSmtp(line);
      case 'pop3':
        return this.judgePop3(line, shape.multiline);
      case 'imap':
        return this.judgeImap(line, shape.tag, continuing);
    }
  }

  private finish(protocol: Protocol, status: string, continuation: boolean): WireReply {
    return { protocol, lines: [...this.lines], status, continuation };
  }

  private judgeSmtp(line: string): WireReply | null {
    const m = /^(\d{3})([ -]|$)/.exec(line);
    if (!m) return this.finish('smtp', '', false);
    if (m[2] === '-') return null;
    const code = m[1] as string;
    // RFC 5321 4.2: 354 asks for the message text; RFC 4954 4: 334 asks for a SASL response.
    return this.finish('smtp', code, code === '334' || code === '354');
  }

  private judgePop3(line: string, multiline: boolean): WireReply | null {
    if (this.lines.length === 1) {
      const status = line.startsWith('+OK') ? '+OK' : line.startsWith('-ERR') ? '-ERR' : line.startsWith('+') ? '+' : '';
      // RFC 1939 3: only a positive reply to a multi-line command has a block after it;
      // RFC 5034 4: `+ ` is a SASL continuation, always a single line.
      if (status === '+OK' && multiline) return null;
      return this.finish('pop3', status, status === '+');
    }
    return line === '.' ? this.finish('pop3', '+OK', false) : null;
  }

  private judgeImap(line: string, tag: string | null, continuing: boolean): WireReply | null {
    const literal = LITERAL_AT_END.exec(line);
    if (literal) {
      this.literalLeft = Number(literal[1]);
      // A zero-length literal is complete at once: the next line continues this one.
      if (this.literalLeft === 0) this.tail = '';
      return null;
    }
    if (continuing) return null;
    if (tag === null) {
      const m = /^\* (\S+)/.exec(line);
      return this.finish('imap', m ? (m[1] as string).toUpperCase() : '', false);
    }
    if (line.startsWith(`${tag} `)) {
      const status = (line.slice(tag.length + 1).split(' ')[0] ?? '').toUpperCase();
      return this.finish('imap', status, false);
    }
    if (line === '+' || line.startsWith('+ ')) return this.finish('imap', '+', true);
    return null;
  }
}

/**
 * RFC 1939 / RFC 2449: which POP3 commands answer `+OK` with a dot-terminated block.
 * LIST and UIDL only without an argument; AUTH without a mechanism lists mechanisms
 * (a widespread extension, RFC 5034 does not define it) and is multi-line too.
 */
export function pop3Multiline(command: string): boolean {
  const words = command.trim().split(/\s+/);
  const verb = (words[0] ?? '').toUpperCase();
  const hasArg = words.length > 1;
  switch (verb) {
    case 'CAPA':
    case 'RETR':
    case 'TOP':
      return true;
    case 'LIST':
    case 'UIDL':
    case 'AUTH':
      return !hasArg;
    default:
      return false;
  }
}

/** RFC 1939 3: undo byte-stuffing of a multi-line block (drop status line and final dot). */
export function pop3Body(reply: WireReply): string[] {
  return reply.lines.slice(1, -1).map((l) => (l.startsWith('..') ? l.slice(1) : l));
}

/** RFC 5321 4.5.2: a text line starting with "." gets one more "." on the wire. */
export function dotStuff(line: string): string {
  return line.startsWith('.') ? `.${line}` : line;
}
