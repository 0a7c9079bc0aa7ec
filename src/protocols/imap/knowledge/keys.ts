import type { KnowledgeRef } from '../../transcript.js';
import { sharedKeys } from '../../knowledge.js';
import { IMAP_COMMANDS } from '../commands/index.js';
import { IMAP_REPLIES } from './replies.js';

/**
 * Knowledge keys for IMAP lines, without any language: what a line is, with its
 * parameters. The session attaches them to every step; `describe` (index.ts) turns them
 * into text at the edge. Keys:
 * - `continue`: a `+` continuation request (RFC 3501 7.5)
 * - `untagged` { name }: `* 3 EXISTS`, `* CAPABILITY ...`, `* OK ...`, `* BYE ...` (RFC 3501 7.1-7.4)
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

/**
 * One shared key per untagged name: a FETCH 1:* of 10,000 messages answers with 10,000
 * `* n FETCH` lines, and their keys must cost no more than the lines (bench: imap FETCH 1:*).
 */
const untagged = sharedKeys('untagged', 'name');

/** `* 3 EXISTS`, `* 1 FETCH (...)`: the name after the number, read without splitting the line. */
function numberedName(line: string): string | null {
  if (!line.startsWith('* ')) return null;
  let i = 2;
  while (i < line.length && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
  if (i === 2 || line.charCodeAt(i) !== 32) return null;
  const end = line.indexOf(' ', i + 1);
  return line.slice(i + 1, end < 0 ? line.length : end).toUpperCase();
}

/** The key explaining a server line; `answers` is the command it completes, when known. */
export function serverKey(line: string, answers?: string): KnowledgeRef | null {
  if (line.startsWith('+')) return { key: 'continue' };
  const name = numberedName(line);
  if (name !== null) return known(name) ? untagged(name) : null;
  // Only the first three words matter: never split a 10,000-number SEARCH line whole.
  const [tag, second, third] = line.split(' ', 3);
  if (tag === undefined || second === undefined) return null;
  const status = second.toUpperCase();
  const code = /^\[([A-Z0-9.+-]+)/i.exec(third ?? '');
  if (code && STATUSES.has(status)) {
    const name = (code[1] as string).toUpperCase();
    if (known(`[${name}]`)) return { key: 'code', params: { code: name, status } };
  }
  if (!known(status)) return null;
  if (tag === '*') return untagged(status);
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
