import type { KnowledgeRef } from '../../transcript.js';
import { IMAP_COMMANDS } from '../commands/index.js';
import { IMAP_REPLIES } from './replies.js';

/**
 * Knowledge keys for IMAP lines, without any language: what a line is, with its
 * parameters. The session attaches them to every step; `describe` (index.ts) turns them
 * into text at the edge. Keys:
 * - `continue`: a `+` continuation request (RFC 3501 7.5)
 * - `untagged` { name, number? }: `* 3 EXISTS`, `* CAPABILITY ...`, `* OK ...`, `* BYE ...` (RFC 3501 7.1-7.4)
 * - `code` { code, status }: a status response with a known response code, `a OK [READ-WRITE] ...` (RFC 3501 7.1)
 * - `tagged` { status, command? }: the tagged OK/NO/BAD that completes a command (RFC 3501 7.1)
 * - client: `command` { name }, `literal` { octets }, `sasl`, `done` (IDLE), `cancel` (AUTHENTICATE `*`)
 */
const STATUSES = new Set(['OK', 'NO', 'BAD', 'BYE', 'PREAUTH']);

/** What a client line inside a multi-line step is: a SASL response (AUTHENTICATE) or a line during IDLE. */
export type ClientLineMode = 'command' | 'sasl' | 'idle';

function known(name: string): boolean {
  return IMAP_REPLIES.has(name);
}

/** The key explaining a server line; `answers` is the command it completes, when known. */
export function serverKey(line: string, answers?: string): KnowledgeRef | null {
  if (line.startsWith('+')) return { key: 'continue' };
  const [tag, second, third] = line.split(' ');
  if (tag === undefined || second === undefined) return null;
  // `* 3 EXISTS`, `* 1 FETCH (...)`
  if (tag === '*' && /^\d+$/.test(second) && third !== undefined) {
    const name = third.toUpperCase();
    return known(name) ? { key: 'untagged', params: { name, number: Number(second) } } : null;
  }
  const status = second.toUpperCase();
  const code = /^\[([A-Z0-9.+-]+)/i.exec(third ?? '');
  if (code && STATUSES.has(status)) {
    const name = (code[1] as string).toUpperCase();
    if (known(`[${name}]`)) return { key: 'code', params: { code: name, status } };
  }
  if (!known(status)) return null;
  if (tag === '*') return { key: 'untagged', params: { name: status } };
  return { key: 'tagged', params: { status, ...(answers ? { command: answers } : {}) } };
}

/** `[literal: 310 octets]`, `[310 octets discarded unread]`: how the transcript shows literal octets. */
const LITERAL = /^\[.*?(\d+)? ?octets/;
const BASE64 = /^[A-Za-z0-9+/]+=*$/;

/**
 * The key explaining a client line. Without a mode (a line from a shell talking to any
 * server) the text alone decides, as a reader would: a literal summary, DONE, `*`, a
 * base64 word, else the command after the tag.
 */
export function clientKey(line: string, mode: ClientLineMode = 'command'): KnowledgeRef | null {
  const trimmed = line.trim();
  if (mode === 'sasl') return trimmed === '*' ? { key: 'cancel' } : { key: 'sasl' };
  if (mode === 'idle' && trimmed.toUpperCase() === 'DONE') return { key: 'done' };
  const literal = LITERAL.exec(trimmed);
  if (literal) return { key: 'literal', params: literal[1] !== undefined ? { octets: Number(literal[1]) } : {} };
  if (trimmed.toUpperCase() === 'DONE') return { key: 'done' };
  if (trimmed === '*') return { key: 'cancel' };
  const words = trimmed.split(' ');
  if (words.length === 1 && BASE64.test(trimmed) && trimmed.length % 4 === 0) return { key: 'sasl' };
  const command = (words[1] ?? '').toUpperCase();
  const name = command === 'UID' ? `UID ${(words[2] ?? '').toUpperCase()}` : command;
  return IMAP_COMMANDS.has(name) ? { key: 'command', params: { name } } : null;
}
