import type { Lang } from '../i18n.js';
import { presentName } from '../protocols/dns/codec/names.js';
import { PRACTICE_DNS_TRACE_HOPS } from '../limits.js';
import type { DnsMessage } from '../protocols/dns/types.js';
import { dnsMsg } from './dns-messages.js';
import { parseQueryLine, type DnsQueryLine, type QueryOptions } from './dns-query.js';
import type { DnsTargets } from './dns-targets.js';
import { nextHop } from './dns-trace.js';
import type { Target } from './target.js';

/**
 * `:trace NAME [TYPE]` run: from the lab's root, each hop an iterative question (RD=0) shown as any
 * question is, then the next server from the referral's glue (dns-trace.ts), until an answer.
 */
/** One question asked: the response, or null when none came (the error is already shown). */
export interface Asked {
  response: DnsMessage | null;
  ms: number;
}

export interface TraceContext {
  lang: Lang;
  targets: DnsTargets;
  defaults: QueryOptions;
  ask: (query: DnsQueryLine, target: Target, label: string) => Promise<Asked>;
  warn: (text: string) => void;
  note: (text: string) => void;
}

export async function runTrace(args: readonly string[], c: TraceContext): Promise<void> {
  if (args.length === 0 || args.length > 2) return c.warn(dnsMsg(c.lang, 'traceUsage'));
  const parsed = parseQueryLine(args.join(' '), { ...c.defaults, server: null, rd: false });
  if (parsed.kind === 'error') return c.warn(dnsMsg(c.lang, parsed.code, parsed.vars));
  if (parsed.kind !== 'query') return c.warn(dnsMsg(c.lang, 'traceUsage'));
  const root = c.targets.servers.find((s) => s.role === 'root');
  if (!root) return c.warn(dnsMsg(c.lang, 'traceNoRoot'));
  const query = { ...parsed.query, rd: false, server: null };
  const question = `${query.type} ${presentName(query.name)}`;
  let target: Target = { host: root.host, port: root.port };
  let label = root.name;
  let total = 0;
  for (let hop = 1; hop <= PRACTICE_DNS_TRACE_HOPS; hop++) {
    c.note(dnsMsg(c.lang, 'trace', { n: hop, question, server: `${label} ${target.host}` }));
    const asked = await c.ask(query, target, label);
    total += asked.ms;
    if (!asked.response) return;
    const next = nextHop(asked.response, target.port);
    if (next.kind === 'done') return c.note(dnsMsg(c.lang, 'traceDone', { n: hop, ms: total.toFixed(1) }));
    if (next.kind === 'no-glue') return c.warn(dnsMsg(c.lang, 'traceNoGlue', { zone: presentName(next.zone), ns: next.ns }));
    // The glue names the server's address in the zones; the lab says where that server really listens.
    const real = c.targets.servers.find((s) => s.ip === next.target.host);
    target = real ? { host: real.host, port: real.port } : next.target;
    label = next.label;
  }
  c.warn(dnsMsg(c.lang, 'traceTooLong', { n: PRACTICE_DNS_TRACE_HOPS }));
}
