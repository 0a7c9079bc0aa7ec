import { IMAP_COMMAND_LINE, IMAP_MAX_LITERAL } from '../../limits.js';
import { literalAtEnd, tagOf } from './parser.js';

/**
 * Assembles one IMAP command from the wire: its first line, and for every literal
 * (RFC 3501 4.3) the literal's octets and the line that continues after it.
 *
 * Nothing is allocated on the client's word: the size in `{n}` is checked against
 * IMAP_MAX_LITERAL before the server says `+` (a synchronising literal) or before any
 * octet is kept (LITERAL+ `{n+}`, RFC 7888). A refused LITERAL+ literal has to be read
 * anyway, since the client sends it without waiting: its octets are discarded, and the
 * rest of that command is swallowed, so none of it is ever run as a command.
 */
export type ReadStep =
  /** The whole command, ready for parseCommand (without its final CRLF). */
  | { kind: 'command'; input: Buffer }
  /** Read `count` literal octets; say `prompt` first for a synchronising literal. */
  | { kind: 'literal'; count: number; prompt: string | null }
  /** Read the line that follows a literal, at most maxLine octets. */
  | { kind: 'line'; maxLine: number }
  /** Refuse now with this tagged reply; nothing of the command runs. */
  | { kind: 'refuse'; reply: string }
  /** Skip `count` octets of a refused LITERAL+ literal; the refusal comes once they are gone. */
  | { kind: 'discard'; count: number }
  /** A line of a refused command was swallowed; read the next command. */
  | { kind: 'swallowed' }
  /** Refuse with this tagged reply and close: a LITERAL+ literal too large to read even into nothing. */
  | { kind: 'bye'; reply: string };

const CRLF = Buffer.from('\r\n');

/** The literal limit in force: the session's, since it lowers it before login. */
export interface LiteralLimit {
  octets: number;
  /** A LITERAL+ literal over the limit closes the connection instead of being read into nothing. */
  closeOnExcess: boolean;
}

const AFTER_LOGIN: LiteralLimit = { octets: IMAP_MAX_LITERAL, closeOnExcess: false };

export class CommandReader {
  private parts: Buffer[] = [];
  private lineBudget = IMAP_COMMAND_LINE;
  private literalBudget: number;

  constructor(private readonly limit: () => LiteralLimit = () => AFTER_LOGIN) {
    this.literalBudget = limit().octets;
  }

  private tag = '*';
  /** After a refused LITERAL+ literal: the command's remaining lines are thrown away. */
  private swallowing = false;
  private pendingReply: string | null = null;

  /** How long the next line may be (the first line's limit applies to the whole command's lines). */
  get maxLine(): number {
    return Math.max(this.lineBudget, 2);
  }

  get collecting(): boolean {
    return this.parts.length > 0 || this.swallowing;
  }

  /** The first line of the command being assembled (to tell a LOGIN's literal is a password). */
  get firstLine(): Buffer | null {
    return this.parts[0] ?? null;
  }

  line(line: Buffer): ReadStep {
    if (this.swallowing) return this.swallow(line);
    if (this.parts.length === 0) {
      this.tag = tagOf(line) ?? '*';
      // The limit of the state the command starts in (a LOGIN just done lifts it).
      this.literalBudget = this.limit().octets;
    }
    this.parts.push(line);
    this.lineBudget -= line.length + 2;
    const literal = literalAtEnd(line);
    if (this.lineBudget < 0) return this.refuse(`${this.tag} BAD [TOOBIG] The command's lines exceed ${IMAP_COMMAND_LINE} octets`, literal);
    if (literal === null) {
      const input = Buffer.concat(this.parts);
      this.reset();
      return { kind: 'command', input };
    }
    if (literal.size > this.literalBudget) {
      const { octets, closeOnExcess } = this.limit();
      const limit = `larger than this server's limit of ${octets} octets${closeOnExcess ? ' before login' : ''}`;
      if (literal.nonSync && closeOnExcess) {
        const reply = `${this.tag} BAD [TOOBIG] Literal of ${literal.size} octets is ${limit}`;
        this.reset();
        return { kind: 'bye', reply };
      }
      return literal.nonSync
        ? this.refuse(`${this.tag} BAD [TOOBIG] Literal of ${literal.size} octets is ${limit}; it was discarded`, literal)
        : this.refuse(`${this.tag} NO [TOOBIG] Literal of ${literal.size} octets is ${limit}; do not send it`, literal);
    }
    this.parts.push(CRLF);
    return { kind: 'literal', count: literal.size, prompt: literal.nonSync ? null : '+ Ready for literal data' };
  }

  /** The literal octets that were asked for (or, after a discard, an empty buffer). */
  bytes(data: Buffer): ReadStep {
    if (this.swallowing) {
      const reply = this.pendingReply;
      this.pendingReply = null;
      return reply === null ? { kind: 'line', maxLine: IMAP_COMMAND_LINE } : { kind: 'refuse', reply };
    }
    this.parts.push(data);
    this.literalBudget -= data.length;
    return { kind: 'line', maxLine: this.maxLine };
  }

  reset(): void {
    this.parts = [];
    this.lineBudget = IMAP_COMMAND_LINE;
    this.literalBudget = this.limit().octets;
    this.swallowing = false;
    this.pendingReply = null;
  }

  private refuse(reply: string, literal: { size: number; nonSync: boolean } | null): ReadStep {
    this.reset();
    if (literal?.nonSync) {
      // The client is already sending these octets: read them into nothing.
      this.swallowing = true;
      this.pendingReply = reply;
      return { kind: 'discard', count: literal.size };
    }
    return { kind: 'refuse', reply };
  }

  /** A line after a discarded literal: still part of the refused command. */
  private swallow(line: Buffer): ReadStep {
    const literal = literalAtEnd(line);
    if (literal?.nonSync) return { kind: 'discard', count: literal.size };
    // A synchronising literal here gets no `+`, so the client sends nothing more for it.
    this.swallowing = false;
    return { kind: 'swallowed' };
  }
}
