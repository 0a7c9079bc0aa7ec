import type { ProtocolKnowledge } from './knowledge.js';
import { DNS_KNOWLEDGE } from './dns/knowledge/index.js';
import { HTTP_KNOWLEDGE } from './http/knowledge/index.js';
import { imapKnowledge } from './imap/knowledge/index.js';
import { POP3_KNOWLEDGE } from './pop3/knowledge/index.js';
import { smtpKnowledge } from './smtp/knowledge/index.js';
import type { Protocol } from '../protocol.js';

/**
 * The one map protocol -> knowledge: `l7lab explain`, the practice shell, the lessons (and
 * their checker) and the edge that turns a transcript's knowledge keys into text all read it.
 * Statically imported: every protocol is built, and the modules that need the tables are
 * themselves loaded lazily by program.ts.
 */
export const KNOWLEDGE: Readonly<Record<Protocol, ProtocolKnowledge>> = {
  smtp: smtpKnowledge,
  pop3: POP3_KNOWLEDGE,
  imap: imapKnowledge,
  http: HTTP_KNOWLEDGE,
  dns: DNS_KNOWLEDGE,
};

/**
 * The command word of a client line, as the knowledge tables key it:
 * SMTP/POP3 the first word (`MAIL FROM:<a>` -> MAIL), IMAP the word after the tag
 * (`a1 UID FETCH` -> UID). Both `MAIL` and `MAIL FROM` keys are tried by `knowsCommand`.
 */
export function commandWords(protocol: Protocol, line: string): string[] {
  const words = line.trim().split(/\s+/);
  const rest = protocol === 'imap' ? words.slice(1) : words;
  const first = (rest[0] ?? '').split(':')[0]?.toUpperCase() ?? '';
  const second = (rest[1] ?? '').split(':')[0]?.toUpperCase() ?? '';
  return second ? [first, `${first} ${second}`] : [first];
}

export function knowsCommand(k: ProtocolKnowledge, line: string): boolean {
  return commandWords(k.protocol, line).some((w) => k.commands.has(w) || k.commands.has(w.toLowerCase()));
}
