import { fill, pick, type Lang, type Localized } from '../../i18n.js';
import type { CommandKnowledge, ProtocolKnowledge, ReplyKnowledge, StateKnowledge } from '../knowledge.js';
import { decodeBase64 } from '../sasl.js';
import { SMTP_COMMANDS } from './commands/index.js';
import { splitCommand } from './dispatch.js';
import { COMMAND_TEXT } from './knowledge-commands.js';
import { EXTENSIONS, PHRASES, REPLIES, STATES } from './knowledge-replies.js';

/**
 * SMTP protocol knowledge: the command specs (syntax, states, RFC) joined with their
 * explanations, the reply codes and the states. The transcript, `l7lab explain`, the
 * practice shell and the lessons all read it from here.
 */
function commandKnowledge(): Map<string, CommandKnowledge> {
  const out = new Map<string, CommandKnowledge>();
  for (const spec of SMTP_COMMANDS.values()) {
    const text = COMMAND_TEXT[spec.name];
    if (!text) throw new Error(`no explanation for SMTP command ${spec.name}`);
    out.set(spec.name, { name: spec.name, syntax: spec.syntax, states: spec.states, rfc: spec.rfc, summary: text.summary, example: text.example });
  }
  return out;
}

const commands = commandKnowledge();
const replies = new Map<string, ReplyKnowledge>(REPLIES.map((x) => [x.code, x]));
const states = new Map<string, StateKnowledge>(STATES.map((x) => [x.name, x]));


/** A 334 challenge decoded, when it is short printable text ("Username:", a CRAM challenge). */
function decodedChallenge(payload: string): string | null {
  const decoded = decodeBase64(payload);
  if (!decoded || decoded.length === 0 || decoded.length > 120) return null;
  const text = decoded.toString('utf8');
  return /^[\x20-\x7e]+$/.test(text) ? text : null;
}

/** A reply shaped by a failure rule says so in its text (see smtp/simulate.ts). */
function simulationNote(code: string, rest: string): Localized | null {
  if (/ by l7lab [^:]+: simulated slow server\)$/.test(rest)) return PHRASES.simulatedDelay;
  if (!/: simulated failure \(l7lab [^)]+\)$/.test(rest)) return null;
  return code.startsWith('4') ? PHRASES.simulatedTemporary : PHRASES.simulatedPermanent;
}

function explainServerLine(line: string, lang: Lang): string | null {
  const m = /^(\d{3})(?:([ -])(.*))?$/.exec(line);
  if (!m) return null;
  const code = m[1] as string;
  const rest = m[3] ?? '';
  if (code === '250') {
    const keyword = (rest.split(' ')[0] ?? '').toUpperCase();
    const ext = EXTENSIONS[keyword];
    if (ext) return `${keyword}: ${pick(ext, lang)}`;
    if (m[2] === '-' && / Hello /.test(rest)) return `250: ${pick(PHRASES.ehloFirst, lang)}`;
  }
  const enhanced = /^([245]\.\d{1,3}\.\d{1,3})(?: |$)/.exec(rest)?.[1];
  const entry = (enhanced && replies.get(`${code} ${enhanced}`)) || replies.get(code) || replies.get(`${code[0]}xx`);
  if (!entry) return null;
  let text = `${code}: ${pick(entry.meaning, lang)}`;
  const simulated = simulationNote(code, rest);
  if (simulated) text += ` — ${pick(simulated, lang)}`;
  if (code === '334' && rest.trim() !== '') {
    const decoded = decodedChallenge(rest.trim());
    if (decoded) text += fill(pick(PHRASES.base64Of, lang), { text: decoded });
  }
  return text;
}

export function explainSmtpClientLine(line: string, lang: Lang): string | null {
  const { verb } = splitCommand(line.trim());
  const entry = commands.get(verb);
  return entry ? `${entry.name}: ${pick(entry.summary, lang)}` : null;
}

/** A line inside a multi-line step: message content, its final dot, or a SASL response. */
export function explainSmtpContentLine(kind: 'data' | 'data-bare-dot' | 'data-end' | 'sasl', summary: { size: number; lines: number } | null, lang: Lang): string {
  if (kind === 'data') return pick(PHRASES.dataLine, lang);
  if (kind === 'data-bare-dot') return pick(PHRASES.dataBareDot, lang);
  if (kind === 'sasl') return pick(PHRASES.saslLine, lang);
  const n = summary?.lines ?? 0;
  return fill(pick(PHRASES.dataEnd, lang), { size: summary?.size ?? 0, lines: lang === 'en' ? `${n} line${n === 1 ? '' : 's'}` : `${n} 行` });
}

export const smtpKnowledge: ProtocolKnowledge = {
  protocol: 'smtp',
  commands,
  replies,
  states,
  explainServerLine,
  explainClientLine: explainSmtpClientLine,
};

export { EXTENSIONS as SMTP_EXTENSIONS };
