import { pick, type Lang, type Localized } from '../../../i18n.js';
import type { CommandKnowledge, ReplyKnowledge } from '../../knowledge.js';
import type { KnowledgeRef } from '../../transcript.js';
import { CAPABILITY_TEXT, ERR_IN, LISTING_LINE, OK_AFTER } from './replies.js';

/** A key (keys.ts) in the reader's language: the POP3 knowledge tables, read by key. */

const SASL_RESPONSE: Localized = {
  en: 'SASL response: base64 of "authzid\\0user\\0password" for PLAIN; * cancels.',
  ja: 'SASL の応答: PLAIN では「authzid\\0ユーザー名\\0パスワード」を base64 にしたものです。* で中止します。',
};

/** Own keys only: a command name from the wire must never reach Object.prototype. */
function own<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

const ERR_REASON: Readonly<Record<string, string>> = { timeout: 'TIMEOUT', overflow: 'OVERFLOW', 'wrong-state': 'STATE', cleartext: 'CLEARTEXT' };

export interface Pop3Tables {
  commands: ReadonlyMap<string, CommandKnowledge>;
  replies: ReadonlyMap<string, ReplyKnowledge>;
}

export function pop3Describer(tables: Pop3Tables): (ref: KnowledgeRef, lang: Lang) => string | null {
  const meaning = (code: string, lang: Lang): string => {
    const r = tables.replies.get(code);
    return r ? pick(r.meaning, lang) : '';
  };
  const ok = (p: KnowledgeRef['params'], lang: Lang): string => {
    const command = p?.command;
    const text = p?.form === 'login' ? OK_AFTER.LOGIN : p?.form === 'one' ? own(OK_AFTER, `${command}1`) : own(OK_AFTER, command);
    return text ? pick(text, lang) : meaning('+OK', lang);
  };
  const err = (p: KnowledgeRef['params'], lang: Lang): string => {
    const special = own(ERR_IN, own(ERR_REASON, p?.reason));
    const base = special ? pick(special, lang) : meaning('-ERR', lang);
    const code = p?.code;
    // The cleartext refusal says what its [AUTH] means here (not "wrong credentials").
    if (p?.reason === 'cleartext') return base;
    return typeof code === 'string' && tables.replies.has(code) ? `${base} ${code}: ${meaning(code, lang)}` : base;
  };
  const text = (t: Localized | undefined, lang: Lang): string | null => (t ? pick(t, lang) : null);
  return (ref, lang) => {
    const p = ref.params;
    switch (ref.key) {
      case 'greeting':
        return text(OK_AFTER.GREETING, lang);
      case 'ok':
        return ok(p, lang);
      case 'err':
        return err(p, lang);
      case 'sasl-continue':
        return meaning('+', lang);
      case 'end':
        return meaning('.', lang);
      case 'listing':
        return text(own(LISTING_LINE, p?.command), lang);
      case 'capability':
        return text(own(CAPABILITY_TEXT, p?.name), lang);
      case 'sasl-response':
        return pick(SASL_RESPONSE, lang);
      case 'command': {
        const known = typeof p?.name === 'string' ? tables.commands.get(p.name) : undefined;
        return known ? `${known.syntax}: ${pick(known.summary, lang)}` : null;
      }
      default:
        return null;
    }
  };
}
