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
const REPLY_RE = /^(\d{3})(?:([ -])(.*))?$/;
const ENHANCED_RE = /^([245]\.\d{1,3}\.\d{1,3})(?: |$)/;

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
  const m = REPLY_RE.exec(line);
  if (!m) return null;
  const code = m[1] as string;
  const rest = m[3] ?? '';
  if (code === '250') {
    const keyword = (rest.split(' ')[0] ?? '').toUpperCase();
    if (Object.hasOwn(EXTENSIONS, keyword)) return { key: 'ehlo-keyword', params: { keyword } };
    if (m[2] === '-' && / Hello /.test(rest)) return { key: 'ehlo-greeting' };
  }
  const enhanced = ENHANCED_RE.exec(rest)?.[1];
  if (!REPLY_CODES.has(code) && !(enhanced && REPLY_CODES.has(`${code} ${enhanced}`)) && !REPLY_CODES.has(`${code[0]}xx`)) return null;
  const params: Record<string, string> = { code };
  if (enhanced) params.enhanced = enhanced;
  const simulated = simulation(code, rest);
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
  const { verb } = splitCommand(line.trim());
  return Object.hasOwn(COMMAND_TEXT, verb) ? { key: 'command', params: { command: verb } } : null;
}
