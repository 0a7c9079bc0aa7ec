import { pick, type Lang } from '../../i18n.js';
import type { CommandKnowledge, ProtocolKnowledge } from '../knowledge.js';
import { IMAP_COMMANDS } from './commands/registry.js';
import { COMMAND_TEXTS } from './knowledge-commands.js';
import { IMAP_REPLIES, IMAP_STATE_KNOWLEDGE } from './knowledge-replies.js';

/**
 * IMAP protocol knowledge: every command (its syntax, states and RFC section straight
 * from its spec, its meaning from knowledge-commands.ts), every response and response
 * code, the four states. Used by the transcript, `l7lab explain imap`, the practice
 * shell and the lessons.
 */
const commands = new Map<string, CommandKnowledge>();
for (const spec of IMAP_COMMANDS.values()) {
  const t = COMMAND_TEXTS[spec.name];
  if (!t) throw new Error(`IMAP knowledge: no explanation for ${spec.name}`);
  commands.set(spec.name, { name: spec.name, syntax: spec.syntax, states: spec.states, rfc: spec.rfc, summary: t.summary, example: t.example });
}

const LITERAL_NOTE = { en: 'Literal octets: exactly the number announced in {n}.', ja: 'リテラルのデータです。{n} で予告したちょうどそのバイト数です。' };
const SASL_NOTE = { en: 'SASL response in base64 (an encoding, not encryption).', ja: 'base64 で符号化された SASL の応答です（暗号化ではありません）。' };
const DONE_NOTE = { en: 'DONE ends IDLE; the server then answers the IDLE command with OK.', ja: 'DONE で IDLE を終えます。サーバーは IDLE コマンドに OK で答えます。' };
const CANCEL_NOTE = { en: '"*" cancels the AUTHENTICATE exchange.', ja: '「*」で AUTHENTICATE のやり取りを中止します。' };

function reply(key: string, lang: Lang): string | null {
  const r = IMAP_REPLIES.get(key);
  return r ? pick(r.meaning, lang) : null;
}

function explainServerLine(line: string, lang: Lang): string | null {
  if (line.startsWith('+')) return reply('+', lang);
  const words = line.split(' ');
  const [tag, second, third] = words;
  if (tag === undefined || second === undefined) return null;
  // `* 3 EXISTS`, `* 1 FETCH (...)`
  if (tag === '*' && /^\d+$/.test(second) && third !== undefined) return reply(third.toUpperCase(), lang);
  const code = /^\[([A-Z0-9.+-]+)/i.exec(third ?? '');
  if (code && ['OK', 'NO', 'BAD', 'BYE', 'PREAUTH'].includes(second.toUpperCase())) {
    const byCode = reply(`[${(code[1] as string).toUpperCase()}]`, lang);
    if (byCode) return byCode;
  }
  return reply(second.toUpperCase(), lang);
}

function explainClientLine(line: string, lang: Lang): string | null {
  const trimmed = line.trim();
  if (/^\[.*octets/.test(trimmed)) return pick(LITERAL_NOTE, lang);
  if (trimmed.toUpperCase() === 'DONE') return pick(DONE_NOTE, lang);
  if (trimmed === '*') return pick(CANCEL_NOTE, lang);
  const words = trimmed.split(' ');
  if (words.length === 1 && /^[A-Za-z0-9+/]+=*$/.test(trimmed) && trimmed.length % 4 === 0) return pick(SASL_NOTE, lang);
  const command = (words[1] ?? '').toUpperCase();
  const name = command === 'UID' ? `UID ${(words[2] ?? '').toUpperCase()}` : command;
  const k = commands.get(name);
  return k ? pick(k.summary, lang) : null;
}

export const imapKnowledge: ProtocolKnowledge = {
  protocol: 'imap',
  commands,
  replies: IMAP_REPLIES,
  states: IMAP_STATE_KNOWLEDGE,
  explainServerLine,
  explainClientLine,
};
