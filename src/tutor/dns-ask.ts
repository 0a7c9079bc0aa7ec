import type { Lang } from '../i18n.js';
import { sameName, typeNumber } from '../protocols/dns/codec/index.js';
import { parseQueryLine, type QueryErrorCode } from '../practice/dns-query.js';
import { dnsMsg as practiceMsg } from '../practice/dns-messages.js';
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

/** Why a line is not a query: a message of practice dns's (its parse errors) or the tutor's, with its values. */
export type AskError = { from: 'practice'; key: QueryErrorCode; vars: Record<string, string> } | { from: 'tutor'; key: 'askNotWhole'; vars: Record<string, string> };

export type AskParse = { ok: true; query: AskedQuery } | { ok: false; error: string; why: AskError };

/** A parse error in the learner's language. */
export function askErrorText(lang: Lang, why: AskError): string {
  return why.from === 'practice' ? practiceMsg(lang, why.key, why.vars) : dnsMsg(lang, why.key, why.vars);
}

function fail(why: AskError): AskParse {
  return { ok: false, error: askErrorText('en', why), why };
}

/**
 * One query line, read by practice dns's own parser (one syntax for both): a type and a name in
 * either order, a name alone asking for A, `@server` and `+options`. EDNS options are read and
 * not used: the tutor sends the plain RFC 1035 query the lesson shows byte by byte.
 */
export function parseAsk(line: string): AskParse {
  const parsed = parseQueryLine(line);
  if (parsed.kind === 'error') return fail({ from: 'practice', key: parsed.code, vars: parsed.vars });
  if (parsed.kind === 'defaults') return fail({ from: 'tutor', key: 'askNotWhole', vars: { line: line.trim() } });
  const q = parsed.query;
  const qtype = typeNumber(q.type);
  if (qtype === null) return fail({ from: 'practice', key: 'two-names', vars: { first: q.type, second: q.name, suggestion: 'A' } });
  const server = q.server === null ? null : q.server.toLowerCase().replace(/\.$/, '');
  return { ok: true, query: { type: q.type.toUpperCase(), qtype, name: q.name, rd: q.rd, server, tcp: q.tcp } };
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
