import type { Lang } from '../i18n.js';
import { normalizeName, sameName, typeNumber } from '../protocols/dns/codec/index.js';
import { dnsMsg } from './dns-messages.js';

/**
 * A query line as a `query` step reads it: the syntax of `l7lab practice dns` (`MX example.test`,
 * `A www.example.test +norec @root`, `+tcp`), reduced to what the step compares: the question
 * (QTYPE and QNAME, RFC 1035 4.1.2), RD (4.1.1) and the server asked.
 */
export interface AskedQuery {
  /** The type as typed, upper case (`MX`, `TYPE65`). */
  type: string;
  qtype: number;
  /** The name without its final dot; the root is ''. */
  name: string;
  /** Recursion Desired: cleared by +norec. */
  rd: boolean;
  /** The server after `@`, lower case; null for the lab's resolver. */
  server: string | null;
  tcp: boolean;
}

/** Why a line is not a query: a message key of dns-messages.ts and its values, so it is said in the learner's language. */
export interface AskError {
  key: 'askNotWhole' | 'askNotType' | 'askExtra' | 'askOption';
  vars: Record<string, string>;
}

export type AskParse = { ok: true; query: AskedQuery } | { ok: false; error: string; why: AskError };

function fail(key: AskError['key'], vars: Record<string, string>): AskParse {
  return { ok: false, error: dnsMsg('en', key, vars), why: { key, vars } };
}

/** A parse error in the learner's language. */
export function askErrorText(lang: Lang, why: AskError): string {
  return dnsMsg(lang, why.key, why.vars);
}

const OPTIONS: Record<string, (q: AskedQuery) => void> = {
  '+norec': (q) => (q.rd = false),
  '+rec': (q) => (q.rd = true),
  '+tcp': (q) => (q.tcp = true),
  '+notcp': (q) => (q.tcp = false),
};

/** One query line; the type first, then the name (dig's order, name then type, is read too). */
export function parseAsk(line: string): AskParse {
  const words = line.trim().split(/\s+/).filter((w) => w !== '');
  const plain = words.filter((w) => !w.startsWith('+') && !w.startsWith('@'));
  if (plain.length < 2) return fail('askNotWhole', { line: line.trim() });
  if (plain.length > 2) return fail('askExtra', { extra: plain.slice(2).join(' ') });
  const [a, b] = plain as [string, string];
  const typeFirst = typeNumber(a) !== null;
  const [type, name] = typeFirst ? [a, b] : [b, a];
  const qtype = typeNumber(type);
  if (qtype === null) return fail('askNotType', { word: a });
  const query: AskedQuery = { type: type.toUpperCase(), qtype, name: normalizeName(name), rd: true, server: null, tcp: false };
  for (const w of words) {
    if (w.startsWith('@')) query.server = w.slice(1).toLowerCase().replace(/\.$/, '');
    else if (w.startsWith('+')) {
      const set = OPTIONS[w.toLowerCase()];
      if (!set) return fail('askOption', { option: w });
      set(query);
    }
  }
  return { ok: true, query };
}

/** The server a query names, for the learner: `@root`, or the resolver. */
export function serverLabel(lang: Lang, q: AskedQuery): string {
  return q.server === null ? dnsMsg(lang, 'resolverName') : `@${q.server}`;
}

/**
 * Why the typed query is not the one the step asks for, in one sentence that leads to it, or
 * null when it is: the type, the name, RD, then the server. The suggestion ends each sentence.
 */
export function askMissReason(lang: Lang, typed: AskedQuery, want: AskedQuery, suggestion: string): string | null {
  if (typed.qtype !== want.qtype) return dnsMsg(lang, 'queryWrongType', { got: typed.type, want: want.type, suggestion });
  if (!sameName(typed.name, want.name)) return dnsMsg(lang, 'queryWrongName', { got: typed.name || '.', want: want.name || '.', suggestion });
  if (typed.rd !== want.rd) return dnsMsg(lang, want.rd ? 'queryNeedsRec' : 'queryNeedsNorec', { suggestion });
  if (typed.server !== want.server) return dnsMsg(lang, 'queryWrongServer', { got: serverLabel(lang, typed), want: serverLabel(lang, want), suggestion });
  return null;
}
