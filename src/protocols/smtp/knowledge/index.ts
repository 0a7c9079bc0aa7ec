import { fill, pick, type Lang, type Localized } from '../../../i18n.js';
import type { CommandKnowledge, ProtocolKnowledge, ReplyKnowledge, StateKnowledge } from '../../knowledge.js';
import { protocolKnowledge } from '../../knowledge.js';
import type { KnowledgeRef } from '../../transcript.js';
import { SMTP_COMMANDS } from '../commands/index.js';
import { COMMAND_TEXT } from './commands.js';
import { clientKey, serverKey } from './keys.js';
import { EXTENSIONS, PHRASES, REPLIES, STATES } from './replies.js';

/**
 * SMTP protocol knowledge: the command specs (syntax, states, RFC) joined with their
 * explanations, the reply codes and the states. The transcript, `l7lab explain`, the
 * practice shell and the lessons all read it from here. Lines get keys (keys.ts, no
 * language); `describe` says a key in the reader's language.
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

const SIMULATED: Readonly<Record<string, Localized>> = {
  delay: PHRASES.simulatedDelay,
  temporary: PHRASES.simulatedTemporary,
  permanent: PHRASES.simulatedPermanent,
};

const param = (ref: KnowledgeRef, name: string): string | undefined => {
  const v = ref.params?.[name];
  return v === undefined ? undefined : String(v);
};

function describeReply(ref: KnowledgeRef, lang: Lang): string | null {
  const code = param(ref, 'code') ?? '';
  const enhanced = param(ref, 'enhanced');
  const entry = (enhanced && replies.get(`${code} ${enhanced}`)) || replies.get(code) || replies.get(`${code[0]}xx`);
  if (!entry) return null;
  let text = `${code}: ${pick(entry.meaning, lang)}`;
  const simulated = SIMULATED[param(ref, 'simulated') ?? ''];
  if (simulated) text += ` — ${pick(simulated, lang)}`;
  const challenge = param(ref, 'challenge');
  if (challenge !== undefined) text += fill(pick(PHRASES.base64Of, lang), { text: challenge });
  return text;
}

function describeDataEnd(ref: KnowledgeRef, lang: Lang): string {
  const n = Number(ref.params?.lines ?? 0);
  return fill(pick(PHRASES.dataEnd, lang), { size: Number(ref.params?.size ?? 0), lines: lang === 'en' ? `${n} line${n === 1 ? '' : 's'}` : `${n} 行` });
}

/** A key in the reader's language; null for a key SMTP does not know. */
function describeSmtp(ref: KnowledgeRef, lang: Lang): string | null {
  switch (ref.key) {
    case 'reply':
      return describeReply(ref, lang);
    case 'ehlo-greeting':
      return `250: ${pick(PHRASES.ehloFirst, lang)}`;
    case 'ehlo-keyword': {
      const keyword = param(ref, 'keyword') ?? '';
      return Object.hasOwn(EXTENSIONS, keyword) ? `${keyword}: ${pick(EXTENSIONS[keyword] as Localized, lang)}` : null;
    }
    case 'command': {
      const entry = commands.get(param(ref, 'command') ?? '');
      return entry ? `${entry.name}: ${pick(entry.summary, lang)}` : null;
    }
    case 'data':
      return pick(PHRASES.dataLine, lang);
    case 'data-bare-dot':
      return pick(PHRASES.dataBareDot, lang);
    case 'sasl':
      return pick(PHRASES.saslLine, lang);
    case 'data-end':
      return describeDataEnd(ref, lang);
    default:
      return null;
  }
}

const describeOrNull = (ref: KnowledgeRef | null, lang: Lang): string | null => (ref ? describeSmtp(ref, lang) : null);

export function explainSmtpClientLine(line: string, lang: Lang): string | null {
  return describeOrNull(clientKey(line), lang);
}

/**
 * A line inside a multi-line step: message content, its final dot, or a SASL response.
 * (For the edges that still take text; the session gives keys: see keys.ts.)
 */
export function explainSmtpContentLine(kind: 'data' | 'data-bare-dot' | 'data-end' | 'sasl', summary: { size: number; lines: number } | null, lang: Lang): string {
  const ref = kind === 'data-end' ? { key: 'data-end', params: { size: summary?.size ?? 0, lines: summary?.lines ?? 0 } } : { key: kind };
  return describeSmtp(ref, lang) ?? '';
}

export const smtpKnowledge: ProtocolKnowledge = protocolKnowledge({
  protocol: 'smtp',
  commands,
  replies,
  states,
  serverKey,
  clientKey,
  describe: describeSmtp,
});

export { EXTENSIONS as SMTP_EXTENSIONS };
