import type { Lang } from '../i18n.js';
import { explainPop3Client, explainPop3Server } from '../protocols/pop3/knowledge/index.js';
import type { Protocol } from '../protocol.js';
import { decodeBase64 } from '../protocols/sasl.js';
import { explainSmtpContentLine } from '../protocols/smtp/knowledge/index.js';
import type { InputMode } from '../conversation/input-mode.js';
import { printable } from '../ui/printable.js';
import { KNOWLEDGE } from '../protocols/registry.js';

/**
 * Explanations of lines from the knowledge tables, on the client side of the wire: for a
 * server that is not the lab (no transcript events), and for lines the lab's events show
 * only summarised (a message body, a literal). The lab's own events are preferred where
 * they exist, since the server knows which command a reply answers.
 */

/** What kind of line an IMAP reply line is: its own line, literal octets, or the line a literal continues. */
export type ImapLineKind = 'line' | 'literal' | 'continued';

/** RFC 3501 4.3: after `{n}` come n octets, then the rest of the same line. */
export function imapLineKinds(lines: readonly string[]): ImapLineKind[] {
  const kinds: ImapLineKind[] = [];
  let remaining = -1;
  for (const line of lines) {
    let kind: ImapLineKind = 'line';
    if (remaining > 0) {
      const bytes = Buffer.byteLength(line, 'utf8') + 2;
      kind = bytes <= remaining ? 'literal' : 'continued';
      remaining = bytes <= remaining ? remaining - bytes : -1;
    } else if (remaining === 0) {
      kind = 'continued';
      remaining = -1;
    }
    kinds.push(kind);
    if (kind !== 'literal') {
      const m = /\{(\d+)\+?\}$/.exec(line);
      if (m) remaining = Number(m[1]);
    }
  }
  return kinds;
}

/** A SASL response decoded for display (teaches L6: base64 is not encryption), or undefined. */
export function decodedResponse(line: string): string | undefined {
  const bytes = decodeBase64(line);
  if (!bytes || bytes.length === 0) return undefined;
  return printable(bytes);
}

export interface ClientExplanation {
  explanation: string | null;
  decoded?: string;
}

/** Commands whose continuation lines are SASL responses in base64 (not IDLE's DONE). */
const SASL_COMMANDS = new Set(['AUTH', 'AUTHENTICATE']);

export function explainClient(protocol: Protocol, line: string, mode: InputMode, lang: Lang, command = ''): ClientExplanation {
  if (mode === 'continuation') {
    const decoded = SASL_COMMANDS.has(command) ? decodedResponse(line) : undefined;
    const explanation =
      protocol === 'smtp'
        ? explainSmtpContentLine('sasl', null, lang)
        : protocol === 'pop3'
          ? explainPop3Client(line, lang, true)
          : KNOWLEDGE.imap.explainClientLine(line, lang);
    return decoded !== undefined ? { explanation, decoded } : { explanation };
  }
  if (mode === 'data') return { explanation: explainSmtpContentLine('data', null, lang) };
  return { explanation: KNOWLEDGE[protocol].explainClientLine(line, lang) };
}

/**
 * One explanation (or null) per line of a reply. `command` is the verb the reply answers
 * (POP3 explains `+OK` by it); 'GREETING' for the greeting.
 */
export function explainReply(protocol: Protocol, lines: readonly string[], command: string, lang: Lang): Array<string | null> {
  switch (protocol) {
    case 'smtp':
      return lines.map((l) => KNOWLEDGE.smtp.explainServerLine(l, lang));
    case 'pop3':
      // Inside a multi-line block only listing lines and the final dot mean something.
      return lines.map((l, i) => (i > 0 && /^[+-]/.test(l) ? null : explainPop3Server(l, lang, command)));
    case 'imap': {
      const kinds = imapLineKinds(lines);
      return lines.map((l, i) => (kinds[i] === 'line' ? KNOWLEDGE.imap.explainServerLine(l, lang) : null));
    }
    case 'http':
      // The head only: the status line and the field lines up to the empty line (RFC 9112 2.1).
      return lines.map((l, i) => (lines.slice(0, i).includes('') ? null : KNOWLEDGE.http.explainServerLine(l, lang)));
    case 'dns':
      // A DNS reply is a datagram, explained section by section, not line by line.
      return lines.map((l) => KNOWLEDGE.dns.explainServerLine(l, lang));
  }
}

/** The verb a command line names, as POP3's explanations key it (`RETR 1` -> RETR). */
export function verbOf(protocol: Protocol, line: string): string {
  const words = line.trim().split(/\s+/);
  return ((protocol === 'imap' ? words[1] : words[0]) ?? '').toUpperCase();
}
