/**
 * An in-memory DNS for the resolver's unit tests: authoritative servers by address, each the lab's
 * own authoritative answer (session.ts) over zones given as data, a fake clock, and a record of
 * every upstream query.
 */
import type { Address } from '../../../src/protocols/server.js';
import type { TranscriptEvent } from '../../../src/protocols/transcript.js';
import { createResolver, type Resolver, type ResolverLimits } from '../../../src/protocols/dns/resolver/index.js';
import { CLASS_IN, RR_TYPES, type DnsMessage, type DnsTransport, type RData, type ResourceRecord } from '../../../src/protocols/dns/types.js';
import { createAuthority } from '../../../src/protocols/dns/session.js';
import type { ZoneSpec } from '../../../src/protocols/dns/zones.js';

export const PORT = 5353;

/** What a server does besides answering: nothing, never answer, answer with TC over UDP, answer with an error, take 6 s. */
export type Behaviour = 'ok' | 'timeout' | 'truncate-udp' | 'servfail' | 'slow';

export interface Sent {
  host: string;
  name: string;
  type: number;
  transport: DnsTransport;
  rd: boolean;
}

export function rr(name: string, ttl: number, data: RData): ResourceRecord {
  const type = data.kind === 'raw' ? 0 : RR_TYPES[data.kind];
  return { name, type, class: CLASS_IN, ttl, data };
}

export const soa = (zone: string, ttl = 300, minimum = 60): ResourceRecord =>
  rr(zone, ttl, { kind: 'SOA', mname: `ns.${zone}`, rname: `hostmaster.${zone}`, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum });

export interface World {
  resolver: Resolver;
  sent: Sent[];
  events: TranscriptEvent[];
  clock: { now: number; advance(seconds: number): void };
  behaviour: Map<string, Behaviour>;
  ask(name: string, type: keyof typeof RR_TYPES, opts?: { rd?: boolean; edns?: boolean }): Promise<DnsMessage>;
  /** The transcript lines' text, in order, since the last call. */
  lines(): string[];
}

/** servers: address -> the zones it serves. rootHints: the root's addresses. */
export function world(servers: Record<string, readonly ZoneSpec[]>, rootHints: string[], limits: Partial<ResolverLimits> = {}): World {
  const sent: Sent[] = [];
  const events: TranscriptEvent[] = [];
  const behaviour = new Map<string, Behaviour>();
  const clock = { now: Date.UTC(2026, 0, 1), advance: (s: number) => void (clock.now += s * 1000) };
  let id = 0;
  const authorities = new Map(Object.entries(servers).map(([host, zones]) => [host, createAuthority(zones)]));
  const exchange = async (server: Address, query: DnsMessage, transport: DnsTransport): Promise<DnsMessage> => {
    const q = query.questions[0];
    sent.push({ host: server.host, name: q?.name ?? '', type: q?.type ?? 0, transport, rd: query.header.rd });
    const authority = authorities.get(server.host);
    const how = behaviour.get(server.host) ?? 'ok';
    if (!authority || server.port !== PORT || how === 'timeout') throw new Error('timeout');
    if (how === 'slow') clock.advance(6);
    const answered = authority.answer(query);
    if (answered === 'drop') throw new Error('timeout');
    const reply = answered.response;
    if (how === 'servfail') return { ...reply, header: { ...reply.header, rcode: 2, aa: false }, answers: [], authority: [], additional: [] };
    if (how === 'truncate-udp' && transport === 'udp') return { ...reply, header: { ...reply.header, tc: true }, answers: [], authority: [], additional: [] };
    return reply;
  };
  const resolver = createResolver({
    rootHints: rootHints.map((host) => ({ host, port: PORT })),
    exchange,
    now: () => clock.now,
    sink: (e) => events.push(e),
    limits,
    nextId: () => (id = (id + 1) & 0xffff),
  });
  let shown = 0;
  const ask: World['ask'] = (name, type, opts = {}) =>
    resolver.resolve(
      {
        header: { id: 0x1234, qr: false, opcode: 0, aa: false, tc: false, rd: opts.rd ?? true, ra: false, z: 0, rcode: 0 },
        questions: [{ name, type: RR_TYPES[type], class: CLASS_IN }],
        answers: [],
        authority: [],
        additional: [],
        ...(opts.edns ? { edns: { udpSize: 4096, extendedRcode: 0, version: 0, dnssecOk: true, options: [] } } : {}),
      },
      { session: 'c1', port: 40000 },
    );
  const lines = (): string[] => {
    const out = events.slice(shown).flatMap((e) => (e.event === 'line' ? [e.text] : []));
    shown = events.length;
    return out;
  };
  return { resolver, sent, events, clock, behaviour, ask, lines };
}
