import { dotStuff } from '../wire/reply-framer.js';

/**
 * Input that spans several typed lines: an SMTP message after 354, and an IMAP literal
 * after a `{n}` announcement. Pure collectors; the shell sends what they return.
 */

/**
 * SMTP DATA (RFC 5321 4.1.1.4, 4.5.2): the learner types the message as it should arrive;
 * a line holding only "." ends it. On the wire each line that starts with "." gets one more,
 * so a line of the message can never be mistaken for the end.
 */
export class DataCollector {
  private readonly typed: string[] = [];

  /** True when `line` was the lone dot that ends the message. */
  push(line: string): boolean {
    if (line === '.') return true;
    this.typed.push(line);
    return false;
  }

  /** The message as typed. */
  get lines(): readonly string[] {
    return this.typed;
  }

  /** What goes on the wire: every line dot-stuffed, then the lone dot. */
  wire(): string[] {
    return [...this.typed.map(dotStuff), '.'];
  }

  /** How many typed lines gained a dot on the wire. */
  get stuffed(): number {
    return this.typed.filter((l) => l.startsWith('.')).length;
  }
}

/** `{12}` (synchronising: wait for `+`) or `{12+}` (LITERAL+, RFC 7888: send at once) at the end of a line. */
export function literalAnnouncement(line: string): { size: number; nonSync: boolean } | null {
  const m = /\{(\d{1,12})(\+?)\}$/.exec(line);
  if (!m) return null;
  return { size: Number(m[1]), nonSync: m[2] === '+' };
}

/**
 * An IMAP literal (RFC 3501 4.3): exactly `size` octets, counted with the CRLF that ends
 * each typed line. Whatever was typed past them continues the command line, which then
 * ends with CRLF. So `APPEND INBOX {n}`, the message lines, and the command ends by itself
 * once n octets are in.
 */
export class LiteralCollector {
  private readonly chunks: Buffer[] = [];
  private have = 0;

  constructor(readonly size: number) {}

  get missing(): number {
    return Math.max(0, this.size - this.have);
  }

  /**
   * Add one typed line. Null while octets are missing; then the lines to send, each to be
   * followed by CRLF: their concatenation is the literal, then the rest of the command line.
   */
  push(line: string): string[] | null {
    const chunk = Buffer.from(`${line}\r\n`, 'utf8');
    this.chunks.push(chunk);
    this.have += chunk.length;
    if (this.have < this.size) return null;
    const all = Buffer.concat(this.chunks);
    const literal = all.subarray(0, this.size).toString('utf8');
    // The last typed line's CRLF is ours, not the literal's, when octets are left over.
    const rest = all.subarray(this.size).toString('utf8').replace(/\r\n$/, '');
    return `${literal}${rest}`.split('\r\n');
  }
}

