import type { ProtocolKnowledge } from '../protocols/knowledge.js';
import { imapKnowledge } from '../protocols/imap/knowledge/index.js';
import { POP3_KNOWLEDGE } from '../protocols/pop3/knowledge.js';
import { smtpKnowledge } from '../protocols/smtp/knowledge.js';
import type { Protocol } from '../protocols/transcript.js';

/**
 * The three knowledge tables the shell and `l7lab explain` read. Statically imported:
 * both commands need all of them, and each command module is itself loaded lazily.
 */
export const KNOWLEDGE: Readonly<Record<Protocol, ProtocolKnowledge>> = {
  smtp: smtpKnowledge,
  pop3: POP3_KNOWLEDGE,
  imap: imapKnowledge,
};

export const PRACTICE_PROTOCOLS: readonly Protocol[] = ['smtp', 'pop3', 'imap'];

export function isProtocol(value: string): value is Protocol {
  return (PRACTICE_PROTOCOLS as readonly string[]).includes(value);
}
