import { pick, type Lang, type Localized } from '../../i18n.js';
import type { CommandKnowledge, ProtocolKnowledge, ReplyKnowledge, StateKnowledge } from '../knowledge.js';
import { POP3_COMMANDS } from './commands/index.js';
import { COMMAND_TEXT } from './knowledge-commands.js';
import { CAPABILITY_TEXT, ERR_IN, LISTING_LINE, OK_AFTER, REPLIES, STATES } from './knowledge-replies.js';

/**
 * POP3 knowledge: commands (syntax, states and RFC from the specs; text from
 * knowledge-commands.ts), replies, response codes and states, and one-line explanations
 * of transcript lines. Used by the server's transcript, `l7lab explain pop3 ...`, the
 * practice shell and the lessons.
 */

/** What the server lines being explained answer: a command keyword, or one of these moments. */
export type ReplyContext = string;

const LOGIN_CONTEXTS = new Set(['PASS', 'APOP', 'AUTH', 'SASL']);

const SASL_RESPONSE: Localized = {
  en: 'SASL response: base64 of "authzid\\0user\\0password" for PLAIN; * cancels.',
  ja: 'SASL の応答: PLAIN では「authzid\\0ユーザー名\\0パスワード」を base64 にしたものです。* で中止します。',
};

const commands = new Map<string, CommandKnowledge>(
  [...POP3_COMMANDS.values()].map((spec) => {
    const text = COMMAND_TEXT[spec.name];
    if (!text) throw new Error(`POP3 knowledge misses the command ${spec.name}`);
    return [spec.name, { name: spec.name, syntax: spec.syntax, states: spec.states, rfc: spec.rfc, summary: text.summary, example: text.example }];
  }),
);
const replies = new Map<string, ReplyKnowledge>(REPLIES.map((r) => [r.code, r]));
const states = new Map<string, StateKnowledge>(STATES.map((s) => [s.name, s]));

function replyMeaning(code: string, lang: Lang): string {
  const r = replies.get(code);
  return r ? pick(r.meaning, lang) : '';
}

/** `-ERR [IN-USE] ...` -> `[IN-USE]` (RFC 2449 8: the code follows the status, in brackets). */
export function responseCode(line: string): string | null {
  const m = /^[+-]\S*\s+(\[[^\]\s]+\])/.exec(line);
  return m ? (m[1] as string) : null;
}

function explainOk(line: string, lang: Lang, context: ReplyContext): string {
  let text: Localized | undefined;
  if (LOGIN_CONTEXTS.has(context)) text = / maildrop has /.test(line) ? OK_AFTER.LOGIN : OK_AFTER.AUTH;
  else if (context === 'LIST') text = /^\+OK \d+ \d+$/.test(line) ? OK_AFTER.LIST1 : OK_AFTER.LIST;
  else if (context === 'UIDL') text = /^\+OK \d+ \S+$/.test(line) ? OK_AFTER.UIDL1 : OK_AFTER.UIDL;
  else text = OK_AFTER[context];
  return text ? pick(text, lang) : replyMeaning('+OK', lang);
}

function explainErr(line: string, lang: Lang, context: ReplyContext): string {
  const special = ERR_IN[context] ?? (/ is not allowed in the /.test(line) ? ERR_IN.STATE : undefined);
  const base = special ? pick(special, lang) : replyMeaning('-ERR', lang);
  const code = responseCode(line);
  return code && replies.has(code) ? `${base} ${code}: ${replyMeaning(code, lang)}` : base;
}

function explainListing(line: string, lang: Lang, context: ReplyContext): string | null {
  if (context === 'CAPA') {
    const text = CAPABILITY_TEXT[line.split(' ')[0]?.toUpperCase() ?? ''];
    return text ? pick(text, lang) : null;
  }
  const text = LISTING_LINE[context];
  return text ? pick(text, lang) : null;
}

/** One line explaining a server line, in the context of the command it answers. */
export function explainPop3Server(line: string, lang: Lang, context: ReplyContext = ''): string | null {
  if (line === '.') return replyMeaning('.', lang);
  if (/^\+OK(\s|$)/.test(line)) return explainOk(line, lang, context);
  if (/^-ERR(\s|$)/.test(line)) return explainErr(line, lang, context);
  if (line === '+' || line.startsWith('+ ')) return replyMeaning('+', lang);
  return explainListing(line, lang, context);
}

/** One line explaining a client line: the command's summary, or what a SASL response is. */
export function explainPop3Client(line: string, lang: Lang, saslResponse = false): string | null {
  if (saslResponse) return pick(SASL_RESPONSE, lang);
  const keyword = line.trim().split(' ')[0]?.toUpperCase() ?? '';
  const known = commands.get(keyword);
  return known ? `${known.syntax}: ${pick(known.summary, lang)}` : null;
}

export const POP3_KNOWLEDGE: ProtocolKnowledge = {
  protocol: 'pop3',
  commands,
  replies,
  states,
  explainServerLine: (line, lang) => explainPop3Server(line, lang),
  explainClientLine: (line, lang) => explainPop3Client(line, lang),
};
