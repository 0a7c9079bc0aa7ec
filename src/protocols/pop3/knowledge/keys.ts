import type { KnowledgeRef } from '../../transcript.js';
import { sharedKeys } from '../../knowledge.js';
import { POP3_COMMANDS } from '../commands/index.js';

/**
 * Knowledge keys for POP3 lines: what explains a line, without saying it in any language
 * (describe.ts turns a key into English or Japanese). Lang-free and pure, so the session
 * attaches them to every step and the practice shell computes them for any server's lines.
 *
 * Server keys:
 * - `greeting`: the +OK greeting with the APOP timestamp (RFC 1939 4)
 * - `ok` {command, form?}: +OK after a command; form `one` for LIST/UIDL of one message,
 *   `login` for the +OK that enters TRANSACTION (RFC 1939 5, 7)
 * - `err` {command?, reason?, code?}: -ERR; reason `wrong-state`, `timeout`, `overflow`,
 *   `cleartext` (a password refused outside TLS, RFC 2595 2.2);
 *   code a response code such as [IN-USE] (RFC 2449 8), [AUTH], [SYS/TEMP] (RFC 3206)
 * - `sasl-continue`: the "+ " that asks for a SASL response (RFC 5034 4)
 * - `end` {command?}: the "." that ends a multi-line reply (RFC 1939 3)
 * - `listing` {command}: a line of LIST, UIDL or AUTH's mechanism list
 * - `capability` {name}: a CAPA line (RFC 2449 6)
 * Client keys: `command` {name} for a command line, `sasl-response` for a line after "+ ".
 */

/**
 * What a server line answers, besides a command keyword: the moments a session knows
 * ('GREETING', 'TIMEOUT', 'OVERFLOW', 'SASL' for the reply to a SASL response).
 */
export type Answers = string;

/** Commands whose +OK may be a login (the one that enters TRANSACTION). */
const LOGIN_ANSWERS = new Set(['PASS', 'APOP', 'AUTH', 'SASL']);

/** `-ERR [IN-USE] ...` -> `[IN-USE]` (RFC 2449 8: the code follows the status, in brackets). */
export function responseCode(line: string): string | null {
  const m = /^[+-]\S*\s+(\[[^\]\s]+\])/.exec(line);
  return m ? (m[1] as string) : null;
}

function okKey(line: string, answers: Answers): KnowledgeRef {
  if (answers === 'GREETING') return { key: 'greeting' };
  if (LOGIN_ANSWERS.has(answers)) {
    // Our server says "<user>'s maildrop has ..."; after AUTH without it, the mechanism list follows.
    if (/ maildrop has /.test(line) || answers !== 'AUTH') return { key: 'ok', params: { command: answers === 'SASL' ? 'AUTH' : answers, form: 'login' } };
    return { key: 'ok', params: { command: 'AUTH' } };
  }
  if (answers === 'LIST' && /^\+OK \d+ \d+$/.test(line)) return { key: 'ok', params: { command: 'LIST', form: 'one' } };
  if (answers === 'UIDL' && /^\+OK \d+ \S+$/.test(line)) return { key: 'ok', params: { command: 'UIDL', form: 'one' } };
  return answers ? { key: 'ok', params: { command: answers } } : { key: 'ok' };
}

function errKey(line: string, answers: Answers): KnowledgeRef {
  const params: Record<string, string> = {};
  if (answers === 'TIMEOUT') params.reason = 'timeout';
  else if (answers === 'OVERFLOW') params.reason = 'overflow';
  else {
    if (answers) params.command = answers;
    if (/ is not allowed in the /.test(line)) params.reason = 'wrong-state';
    else if (/plaintext authentication disallowed/i.test(line)) params.reason = 'cleartext';
  }
  const code = responseCode(line);
  if (code) params.code = code;
  return Object.keys(params).length > 0 ? { key: 'err', params } : { key: 'err' };
}

/** One shared key per listing command: a LIST of 10,000 messages is 10,000 lines (bench: pop3 LIST). */
const listing = sharedKeys('listing', 'command');

function listingKey(line: string, answers: Answers): KnowledgeRef | null {
  if (answers === 'CAPA') {
    const name = line.split(' ')[0]?.toUpperCase() ?? '';
    return name ? { key: 'capability', params: { name } } : null;
  }
  return answers === 'LIST' || answers === 'UIDL' || answers === 'AUTH' ? listing(answers) : null;
}

/** The key explaining a server line, from its text and (when known) what it answers. */
export function pop3ServerKey(line: string, answers: Answers = ''): KnowledgeRef | null {
  if (line === '.') return answers ? { key: 'end', params: { command: answers } } : { key: 'end' };
  if (/^\+OK(\s|$)/.test(line)) return okKey(line, answers);
  if (/^-ERR(\s|$)/.test(line)) return errKey(line, answers);
  if (line === '+' || line.startsWith('+ ')) return { key: 'sasl-continue' };
  return listingKey(line, answers);
}

/** The key explaining a client line: a command POP3 knows, or (`mode` 'sasl') a SASL response. */
export function pop3ClientKey(line: string, mode?: string): KnowledgeRef | null {
  if (mode === 'sasl') return { key: 'sasl-response' };
  const name = line.trim().split(' ')[0]?.toUpperCase() ?? '';
  return POP3_COMMANDS.has(name) ? { key: 'command', params: { name } } : null;
}
