/**
 * Every step the resolver takes, as transcript lines (the walk Mess With DNS makes visible):
 * each upstream query (direction 'client': the resolver is the client there) and its reply
 * (direction 'server'), each on a session id naming that upstream exchange (`<client session>.<n>`),
 * and each cache decision on the client's own session. `port` is always the client's port, so
 * the walk stays tied to the query that caused it. DNS has no session state (a query and its
 * response stand alone, RFC 1035 4.2): `state` is 'query' for what the resolver sends and
 * 'response' for everything it hears or decides. Its keys are RESOLVER_KEYS.
 */
import type { Direction, KnowledgeRef, TranscriptSink } from '../../transcript.js';
import { sameName } from '../codec/names.js';
import { opcodeName, rcodeName, typeName } from '../codec/types.js';
import { RR_TYPES, type DnsMessage, type DnsTransport, type ResourceRecord } from '../types.js';
import { presentRecord } from '../codec/present.js';
import { flagWords, headerLine, queryLine } from './present.js';
import type { ResolveContext } from './types.js';

/** Every knowledge key the resolver emits (the words are in knowledge/, H4). */
export const RESOLVER_KEYS = [
  'upstream-query', 'header', 'rr', 'referral', 'nodata', 'follow-cname', 'upstream-timeout', 'tcp-retry',
  'upstream-lame', 'upstream-mismatch', 'restart-from-root', 'resolve-ns',
  'cache-hit', 'cache-miss', 'negative-cache-hit', 'cache-store', 'negative-cache-store', 'servfail',
] as const;
export type ResolverKey = (typeof RESOLVER_KEYS)[number];

type Params = Record<string, string | number>;

export class ResolverLog {
  private seq = 0;

  constructor(
    private readonly sink: TranscriptSink | undefined,
    private readonly now: () => number,
    private readonly ctx: ResolveContext,
  ) {}

  /** A fresh session id for one upstream exchange. */
  nextExchange(): string {
    this.seq += 1;
    return `${this.ctx.session}.${this.seq}`;
  }

  /** The query the resolver sends upstream (RD=0: it walks itself, RFC 1034 5.3.3). */
  query(session: string, host: string, zone: string, name: string, type: number, transport: DnsTransport): void {
    const params = { name, type: typeName(type), server: host, zone, transport };
    this.emit(session, 'client', queryLine(name, type, host, zone, transport), 'query', { key: 'upstream-query', params });
  }

  /** The reply: its header, then each record as dig prints it. */
  reply(session: string, reply: DnsMessage, transport: DnsTransport): void {
    const h = reply.header;
    const params = { opcode: opcodeName(h.opcode), rcode: rcodeName(h.rcode), id: h.id, flags: flagWords(h), transport };
    this.emit(session, 'server', headerLine(reply), 'response', { key: 'header', params });
    const sections = [['answer', reply.answers], ['authority', reply.authority], ['additional', reply.additional]] as const;
    for (const [section, records] of sections) {
      for (const r of records) this.emit(session, 'server', presentRecord(r), 'response', { key: 'rr', params: rrParams(reply, section, r) });
    }
  }

  /** A line about one upstream exchange: what its reply meant, or why there was none. */
  exchangeNote(session: string, text: string, key: ResolverKey, params: Params): void {
    this.emit(session, 'server', `;; ${text}`, 'response', { key, params });
  }

  /** A cache decision or a step of the walk, on the client's session. */
  note(text: string, key: ResolverKey, params: Params): void {
    this.emit(this.ctx.session, 'server', `;; ${text}`, 'response', { key, params });
  }

  private emit(session: string, direction: Direction, text: string, state: string, knowledge: KnowledgeRef): void {
    if (!this.sink) return;
    const time = new Date(this.now()).toISOString();
    this.sink({ event: 'line', protocol: 'dns', session, port: this.ctx.port, direction, text, state, knowledge, layer: 'L7', time });
  }
}

/** `referral: 1` for a delegation's NS records, `glue: 1` for the addresses that come with them (RFC 1034 4.2.1). */
function rrParams(reply: DnsMessage, section: 'answer' | 'authority' | 'additional', r: ResourceRecord): Params {
  const params: Params = { section, type: typeName(r.type), name: r.name };
  const referral = !reply.header.aa && reply.answers.length === 0 && reply.authority.some((x) => x.type === RR_TYPES.NS);
  if (referral && section === 'authority' && r.type === RR_TYPES.NS) params.referral = 1;
  const nsNames = reply.authority.flatMap((x) => (x.data.kind === 'NS' ? [x.data.name] : []));
  if (referral && section === 'additional' && nsNames.some((n) => sameName(r.name, n))) params.glue = 1;
  return params;
}
