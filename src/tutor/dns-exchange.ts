import { randomInt } from 'node:crypto';
import type { Lang } from '../i18n.js';
import { decodeMessage, encodeQuery } from '../protocols/dns/codec/index.js';
import { hexRowText, hexRows } from '../protocols/dns/codec/hex-view.js';
import { presentMessage } from '../protocols/dns/codec/present.js';
import { KNOWLEDGE } from '../protocols/registry.js';
import type { DnsMessage } from '../protocols/dns/types.js';
import { renderLines, type ViewLine } from '../ui/transcript-view.js';
import { theme } from '../ui/theme.js';
import { out, type LessonContext } from './context.js';
import type { AskedQuery } from './dns-ask.js';
import { dnsMsg } from './dns-messages.js';
import { DnsWireError, exchangeDns, exchangeDnsWhole } from '../wire/dns-client.js';
import { chooseServer, labTargets } from '../practice/dns-targets.js';
import { viewOptions } from './exchange.js';
import type { TutorLabDns } from './lab-types.js';

/**
 * One DNS query from a lesson to the lab DNS, and how it is shown: the query's bytes field by
 * field (RFC 1035 4.1), then the response as dig prints it, section by section, each line
 * explained by the DNS knowledge table. A truncated UDP answer (TC) is asked again over TCP,
 * as any client must (RFC 1035 4.2.1, RFC 7766 5).
 */
export interface DnsExchange {
  query: AskedQuery;
  target: DnsTarget & { label: string };
  sent: Uint8Array;
  /** The decoded response, or null when none came (or it did not decode): `error` says why, as a message key and its values. */
  response: DnsMessage | null;
  /** The response as shown, one presentation line each (empty when there is none). */
  lines: string[];
  error: ExchangeError | null;
}

/** Why a query got no response to show, in words dns-messages.ts has in both languages. */
export interface ExchangeError {
  key: 'unknownServer' | 'noAnswerTimeout' | 'noAnswerNetwork' | 'notDns';
  vars: Record<string, string>;
}

/** Where a query goes: a lab server's real address (the fallback gives each its own port on 127.0.0.1). */
export interface DnsTarget {
  host: string;
  port: number;
}

/** The server a query names, as practice dns chooses it (`@root`, `@tld`, a server's name or address); the resolver by default. */
export function targetFor(dns: TutorLabDns, server: string | null): (DnsTarget & { label: string }) | null {
  const t = labTargets(dns);
  const chosen = chooseServer(server, t);
  if (!chosen.ok) return null;
  const named = t.servers.find((s) => s.host === chosen.target.host && s.port === chosen.target.port);
  return { ...chosen.target, label: named?.name ?? `@${server ?? ''}` };
}

/** Long enough for the resolver's whole walk on loopback; a lesson's own timeout wins. */
const DEFAULT_TIMEOUT_MS = 5000;

async function send(bytes: Uint8Array, to: DnsTarget, tcp: boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Uint8Array> {
  const o = { host: to.host, port: to.port, timeoutMs };
  return tcp ? (await exchangeDns(bytes, { ...o, transport: 'tcp' })).bytes : exchangeDnsWhole(bytes, o);
}

/** A name server's name that is no server of the lab (`ns.example.test`, from a referral): its address from the resolver. */
async function byAddress(dns: TutorLabDns, name: string, timeoutMs: number | undefined): Promise<(DnsTarget & { label: string }) | null> {
  try {
    const bytes = await send(encodeQuery(name, 'A', { id: randomInt(0x10000), rd: true }), dns.resolver, false, timeoutMs);
    const a = decodeMessage(bytes, { fields: false }).message.answers.find((rr) => rr.data.kind === 'A');
    const found = a?.data.kind === 'A' ? targetFor(dns, a.data.address) : null;
    return found ? { ...found, label: name } : null;
  } catch {
    return null;
  }
}

export async function resolveTarget(dns: TutorLabDns, server: string | null, timeoutMs?: number): Promise<(DnsTarget & { label: string }) | null> {
  return targetFor(dns, server) ?? (server !== null && /[a-z]/i.test(server) ? byAddress(dns, server, timeoutMs) : null);
}

/** Send the query (a fresh random ID, RFC 5452 4.3) and read the answer; a missing answer is data, not an exception. */
export async function askDns(dns: TutorLabDns, query: AskedQuery, timeoutMs?: number): Promise<DnsExchange> {
  // A plain RFC 1035 query, no EDNS OPT: the lesson reads it byte by byte; a large answer comes back with TC and goes again over TCP.
  const sent = encodeQuery(query.name, query.qtype, { id: randomInt(0x10000), rd: query.rd });
  const target = await resolveTarget(dns, query.server, timeoutMs);
  const base = { query, sent, response: null, lines: [] as string[] };
  if (!target) return { ...base, target: { ...dns.resolver, label: `@${query.server ?? ''}` }, error: { key: 'unknownServer', vars: { server: `@${query.server ?? ''}` } } };
  try {
    const response = decodeMessage(await send(sent, target, query.tcp, timeoutMs), { fields: false }).message;
    return { ...base, target, response, lines: presentMessage(response), error: null };
  } catch (err) {
    if (err instanceof DnsWireError) return { ...base, target, error: err.kind === 'timeout' ? { key: 'noAnswerTimeout', vars: { detail: String(timeoutMs ?? DEFAULT_TIMEOUT_MS) } } : { key: 'noAnswerNetwork', vars: { detail: err.kind } } };
    if (err instanceof Error && err.name === 'DnsFormatError') return { ...base, target, error: { key: 'notDns', vars: { detail: err.message } } };
    throw err;
  }
}

/** Which section each presentation line is in, for the knowledge key of a record line. */
function sectionsOf(lines: readonly string[]): Array<string | undefined> {
  let section: string | undefined;
  return lines.map((l) => {
    const m = /^;; (QUESTION|ANSWER|AUTHORITY|ADDITIONAL) SECTION:/.exec(l);
    if (m) section = (m[1] as string).toLowerCase();
    return section;
  });
}

/** The query's bytes, one field a row (`000c  07 65 78 61  field qname = example.test.`). */
export function showQueryBytes(ctx: LessonContext, sent: Uint8Array): void {
  const { fields } = decodeMessage(sent);
  out(ctx, dnsMsg(ctx.lang, 'queryBytes', { n: sent.length }));
  for (const row of hexRows(sent, fields)) out(ctx, `  ${theme.dim(hexRowText(row))}`);
}

export function exchangeErrorText(lang: Lang, e: ExchangeError): string {
  return dnsMsg(lang, e.key, e.vars);
}

/** The query as a line the learner could type again: `A www.example.test +norec @tld`. */
export function queryLine(q: AskedQuery): string {
  return [q.type, q.name || '.', ...(q.rd ? [] : ['+norec']), ...(q.tcp ? ['+tcp'] : []), ...(q.server === null ? [] : [`@${q.server}`])].join(' ');
}

/**
 * The response's lines, each explained once: a section's title says what the section holds,
 * the echoed question needs no words of its own (it was explained as it went out), and what is
 * already explained in this response is not explained again.
 */
function responseViews(ctx: LessonContext, lines: readonly string[]): ViewLine[] {
  const dns = KNOWLEDGE.dns;
  const sections = sectionsOf(lines);
  const said = new Set<string>();
  return lines.flatMap((text, i): ViewLine[] => {
    if (text === '') return [];
    const ref = /^;[^;]/.test(text) ? null : dns.serverKey(text, sections[i]);
    const words = ref ? dns.describe(ref, ctx.lang) : null;
    const explanation = words && !said.has(words) ? words : null;
    if (words) said.add(words);
    return [{ direction: 'server', who: 'dns', text, explanation, layer: 'L7' }];
  });
}

/** What went out and what came back, as transcript lines: the question, then the response's lines, explained. */
export function showDnsExchange(ctx: LessonContext, ex: DnsExchange, bytes: boolean): void {
  if (ctx.quiet) return;
  const transport = ex.query.tcp ? 'TCP' : 'UDP';
  const server = ex.target.label === 'resolver' ? dnsMsg(ctx.lang, 'resolverName') : ex.target.label;
  out(ctx, theme.dim(dnsMsg(ctx.lang, 'queryTo', { server, host: ex.target.host, port: ex.target.port, transport })));
  if (bytes) showQueryBytes(ctx, ex.sent);
  const question = queryLine(ex.query);
  const views: ViewLine[] = [{ direction: 'client', who: 'dns', text: question, explanation: KNOWLEDGE.dns.explainClientLine(question, ctx.lang), layer: 'L7' }];
  out(ctx, renderLines([...views, ...responseViews(ctx, ex.lines)], { ...viewOptions(ctx), crlf: false, state: false }));
  if (ex.error) out(ctx, theme.warn(dnsMsg(ctx.lang, 'queryNoAnswer', { server, why: exchangeErrorText(ctx.lang, ex.error) })));
}
