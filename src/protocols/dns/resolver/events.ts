/**
 * Every step the resolver takes, as transcript lines (the walk Mess With DNS makes visible):
 * each upstream query (direction 'client': the resolver is the client there) and its reply
 * (direction 'server'), each on a session id naming that upstream exchange (`<client session>.<n>`),
 * and each cache decision on the client's own session. `port` is always the client's port, so
 * the walk stays tied to the query that caused it. DNS has no session state (a query and its
 * response stand alone, RFC 1034 4.3.1): `state` says what the line is: 'query', 'response',
 * 'cache' or 'resolving'.
 */
import type { Direction, KnowledgeRef, TranscriptSink } from '../../transcript.js';
import type { DnsMessage } from '../types.js';
import { queryLine, rcodeName, recordLine, typeName } from './present.js';
import type { ResolveContext } from './types.js';

type Params = Record<string, string | number>;
type State = 'query' | 'response' | 'cache' | 'resolving';

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
  query(session: string, host: string, zone: string, name: string, type: number): void {
    const params = { name, type: typeName(type), server: host, zone };
    this.emit(session, 'client', queryLine(name, type, host, zone), 'query', { key: 'resolver query', params });
  }

  /** The reply: a first line that says what it meant, then each record as dig prints it. */
  reply(session: string, reply: DnsMessage, summary: string, knowledge: KnowledgeRef): void {
    this.emit(session, 'server', `;; ${rcodeName(reply.header.rcode)} ${summary}`, 'response', knowledge);
    const sections = [['answer', reply.answers], ['authority', reply.authority], ['additional', reply.additional]] as const;
    for (const [section, records] of sections) {
      for (const r of records) this.emit(session, 'server', recordLine(r), 'response', { key: 'rr', params: { type: typeName(r.type), section } });
    }
  }

  /** A line about an upstream exchange that got no usable reply (timeout, truncation, mismatch). */
  exchangeNote(session: string, text: string, key: string, params: Params): void {
    this.emit(session, 'server', `;; ${text}`, 'response', { key, params });
  }

  /** A cache decision or a step of the walk, on the client's session. */
  note(text: string, key: string, params: Params, state: State = 'resolving'): void {
    this.emit(this.ctx.session, 'server', `;; ${text}`, state, { key, params });
  }

  private emit(session: string, direction: Direction, text: string, state: State, knowledge: KnowledgeRef): void {
    if (!this.sink) return;
    const time = new Date(this.now()).toISOString();
    this.sink({ event: 'line', protocol: 'dns', session, port: this.ctx.port, direction, text, state, knowledge, layer: 'L7', time });
  }
}
