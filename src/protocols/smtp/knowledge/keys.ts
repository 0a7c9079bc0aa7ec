import type { KnowledgeRef } from '../../transcript.js';
import { decodeBase64 } from '../../sasl.js';
import { splitCommand } from '../command-line.js';
import { COMMAND_TEXT } from './commands.js';
import { EXTENSIONS, REPLIES } from './replies.js';

/**
 * The knowledge keys of SMTP, without any language: what explains a line, as a key and its
 * parameters. `describe` (knowledge/index.ts) turns a key into text in the reader's language.
 *
 * Server lines: `reply` { code, enhanced?, simulated?, challenge? }, `ehlo-greeting`,
 * `ehlo-keyword` { keyword }. Client lines: `command` { command }, and inside a multi-line
 * step `data`, `data-bare-dot`, `data-end` { size, lines }, `sasl`.
 */
export type SmtpContentMode = 'data' | 'data-bare-dot' | 'sasl';

export const DATA_LINE: KnowledgeRef = Object.freeze({ key: 'data' });
export const DATA_BARE_DOT: KnowledgeRef = Object.freeze({ key: 'data-bare-dot' });
export const SASL_LINE: KnowledgeRef = Object.freeze({ key: 'sasl' });
const CONTENT: Readonly<Record<SmtpContentMode, KnowledgeRef>> = { data: DATA_LINE, 'data-bare-dot': DATA_BARE_DOT, sasl: SASL_LINE };

/** The final dot of message content: the message's size in octets and its line count. */
export function dataEnd(size: number, lines: number): KnowledgeRef {
  return { key: 'data-end', params: { size, lines } };
}

const REPLY_CODES = new Set(REPLIES.map((r) => r.code));
const ENHANCED_RE = /^([245]\.\d{1,3}\.\d{1,3})(?: |$)/;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** The key of each command, built once: a command line's key allocates nothing. */
const COMMAND_KEYS: ReadonlyMap<string, KnowledgeRef> = new Map(
  Object.keys(COMMAND_TEXT).map((verb) => [verb, Object.freeze({ key: 'command', params: Object.freeze({ command: verb }) })]),
);

/** The key of a known verb (upper case), or null. */
export function commandKey(verb: string): KnowledgeRef | null {
  return COMMAND_KEYS.get(verb) ?? null;
}

/** A 334 challenge decoded, when it is short printable text ("Username:", a CRAM challenge). */
function decodedChallenge(payload: string): string | null {
  const decoded = decodeBase64(payload);
  if (!decoded || decoded.length === 0 || decoded.length > 120) return null;
  const text = decoded.toString('utf8');
  return /^[\x20-\x7e]+$/.test(text) ? text : null;
}

/** A reply shaped by a failure rule says so in its text (see smtp/simulate.ts). */
function simulation(code: string, rest: string): 'delay' | 'temporary' | 'permanent' | null {
  if (/ by l7lab [^:]+: simulated slow server\)$/.test(rest)) return 'delay';
  if (!/: simulated failure \(l7lab [^)]+\)$/.test(rest)) return null;
  return code.startsWith('4') ? 'temporary' : 'permanent';
}

/**
 * The key for a server line, from its text (a practice shell talking to another server has
 * only that). `answers`, the command replied to, is accepted for the ProtocolKnowledge shape;
 * an SMTP reply says all it means in its code, enhanced code and text.
 */
export function serverKey(line: string, _answers?: string): KnowledgeRef | null {
  let key = SERVER_KEYS.get(line);
  if (key === undefined) {
    if (SERVER_KEYS.size >= SERVER_KEYS_MAX) SERVER_KEYS.clear();
    key = readServerKey(line);
    if (key) Object.freeze(key.params);
    SERVER_KEYS.set(line, key ? Object.freeze(key) : null);
  }
  return key;
}

/**
 * The speed path for server keys, said out loud: most reply lines repeat word for word
 * (`250 2.1.5 Ok`, `354 ...`), so their keys are read once and shared, frozen. Bounded: the
 * table starts over when full (a `queued as <id>` line is new every message).
 */
const SERVER_KEYS = new Map<string, KnowledgeRef | null>();
const SERVER_KEYS_MAX = 512;

function readServerKey(line: string): KnowledgeRef | null {
  // `ddd`, `ddd text` or `ddd-text` (RFC 5321 4.2), read without a regex: every reply line of every step passes here.
  const sep = line.charCodeAt(3);
  if (line.length < 3 || !isDigit(line.charCodeAt(0)) || !isDigit(line.charCodeAt(1)) || !isDigit(line.charCodeAt(2))) return null;
  if (line.length > 3 && sep !== 0x20 && sep !== 0x2d) return null;
  const code = line.slice(0, 3);
  const rest = line.length > 4 ? line.slice(4) : '';
  if (code === '250') {
    const keyword = (rest.split(' ')[0] ?? '').toUpperCase();
    if (Object.hasOwn(EXTENSIONS, keyword)) return { key: 'ehlo-keyword', params: { keyword } };
    if (sep === 0x2d && rest.includes(' Hello ')) return { key: 'ehlo-greeting' };
  }
  const enhanced = ENHANCED_RE.exec(rest)?.[1];
  if (!REPLY_CODES.has(code) && !(enhanced && REPLY_CODES.has(`${code} ${enhanced}`)) && !REPLY_CODES.has(`${code[0]}xx`)) return null;
  const params: Record<string, string> = { code };
  if (enhanced) params.enhanced = enhanced;
  // Only a failure rule's reply names l7lab in its text (simulate.ts).
  const simulated = rest.includes('l7lab') ? simulation(code, rest) : null;
  if (simulated) params.simulated = simulated;
  if (code === '334' && rest.trim() !== '') {
    const challenge = decodedChallenge(rest.trim());
    if (challenge) params.challenge = challenge;
  }
  return { key: 'reply', params };
}

/** The key for a client line: its command, or (`mode`) a line inside DATA content or a SASL exchange. */
export function clientKey(line: string, mode?: string): KnowledgeRef | null {
  if (mode !== undefined) return Object.hasOwn(CONTENT, mode) ? CONTENT[mode as SmtpContentMode] : null;
  return commandKey(splitCommand(line.trim()).verb);
}
