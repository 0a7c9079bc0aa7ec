import type { KnowledgeRef, TranscriptSink } from '../transcript.js';
import { decodeMessage } from './codec/decode.js';
import { encodeMessage } from './codec/encode.js';
import { DnsFormatError } from './codec/errors.js';
import { emitMessage, emitNote, type ExchangeWhere } from './events.js';
import { baseResponse, formErrFor, responseLimit, screenQuery, withEdns, type DnsReply, type DnsRequestContext } from './screen.js';
import { RCODES, type DnsMessage } from './types.js';

/**
 * One query's way through a lab DNS server, the same over UDP and TCP: decode, screen, ask the
 * handler (the authoritative answer or the recursive resolver), add our OPT, encode within the
 * transport's size (TC when it does not fit, RFC 1035 4.2.1), and put both messages in the
 * transcript. Never throws: a bad packet gets FORMERR or is dropped, a failing handler SERVFAIL.
 */

/** What a server does with a query: a reply, or 'drop' to stay silent. */
export type DnsHandler = (query: DnsMessage, ctx: DnsQueryContext) => DnsReply | 'drop' | Promise<DnsReply | 'drop'>;

export interface DnsQueryContext extends DnsRequestContext {
  /** The transcript session of this exchange (the resolver names its upstream exchanges after it). */
  session: string;
}

export interface QueryWhere extends ExchangeWhere {
  remoteAddress: string;
}

const TC_BIT = 0x02;

function ctxOf(where: QueryWhere): DnsQueryContext {
  return { transport: where.transport, remoteAddress: where.remoteAddress, remotePort: where.port, session: where.session };
}

function decodeOrNull(bytes: Uint8Array): DnsMessage | DnsFormatError {
  try {
    return decodeMessage(bytes, { fields: false }).message;
  } catch (err) {
    return err instanceof DnsFormatError ? err : new DnsFormatError('bad-value', 0, String(err));
  }
}

/** FORMERR when the header could be read, else nothing (RFC 1035 4.1.1; an unreadable datagram has no id to answer). */
function malformed(bytes: Uint8Array, err: DnsFormatError, where: QueryWhere, sink: TranscriptSink | undefined): Uint8Array | null {
  const formerr = formErrFor(bytes);
  if (!formerr) {
    emitNote(sink, where, { key: 'dropped', params: { reason: 'malformed' } });
    return null;
  }
  emitMessage(sink, where, 'server', formerr, [{ key: 'formerr', params: { reason: err.reason } }]);
  return encodeMessage(formerr);
}

type Answer = DnsReply | 'drop';

/** The handler's reply; a promise only when the handler is asynchronous (the resolver), so an authoritative answer costs no microtask. */
function ask(handler: DnsHandler, query: DnsMessage, where: QueryWhere, sink: TranscriptSink | undefined): Answer | Promise<Answer> {
  const screened = screenQuery(query);
  if (screened !== null) return screened;
  const failed = (err: unknown): Answer => {
    const text = `the DNS handler failed: ${err instanceof Error ? err.message : String(err)}`;
    sink?.({ event: 'notice', protocol: 'dns', session: where.session, level: 'error', text });
    return { response: baseResponse(query, RCODES.SERVFAIL), notes: [{ key: 'servfail', params: { reason: 'handler' } }] };
  };
  try {
    const reply = handler(query, ctxOf(where));
    return reply instanceof Promise ? reply.catch(failed) : reply;
  } catch (err) {
    return failed(err);
  }
}

/** The bytes to send back for one query, or null to send nothing; a promise only when the handler is asynchronous. */
export function serveQuery(bytes: Uint8Array, where: QueryWhere, handler: DnsHandler, sink: TranscriptSink | undefined): Uint8Array | null | Promise<Uint8Array | null> {
  const query = decodeOrNull(bytes);
  if (query instanceof DnsFormatError) return malformed(bytes, query, where, sink);
  emitMessage(sink, where, 'client', query);
  const reply = ask(handler, query, where, sink);
  return reply instanceof Promise ? reply.then((r) => finish(query, r, where, sink)) : finish(query, reply, where, sink);
}

function finish(query: DnsMessage, reply: Answer, where: QueryWhere, sink: TranscriptSink | undefined): Uint8Array | null {
  if (reply === 'drop') {
    emitNote(sink, where, { key: 'dropped', params: { reason: 'response' } });
    return null;
  }
  return encodeReply(query, reply, where, sink);
}

function encodeReply(query: DnsMessage, reply: DnsReply, where: QueryWhere, sink: TranscriptSink | undefined): Uint8Array {
  let response = withEdns(query, reply.response);
  let notes: readonly KnowledgeRef[] = reply.notes;
  let out: Uint8Array;
  try {
    out = encodeMessage(response, { maxSize: responseLimit(query, where.transport) });
  } catch (err) {
    // A handler's record with no wire form (a label over 63 octets): the client gets SERVFAIL, not silence.
    response = withEdns(query, baseResponse(query, RCODES.SERVFAIL));
    notes = [{ key: 'servfail', params: { reason: 'handler' } }];
    out = encodeMessage(response);
    sink?.({ event: 'notice', protocol: 'dns', session: where.session, level: 'error', text: `a response could not be encoded: ${String(err)}` });
  }
  if (sink) {
    const truncated = (out[2]! & TC_BIT) !== 0;
    // What was sent is what the transcript shows: after truncation, fewer records than the handler gave.
    const sent = truncated ? decodeMessage(out, { fields: false }).message : response;
    emitMessage(sink, where, 'server', sent, truncated ? [...notes, { key: 'truncated', params: { size: out.length } }] : notes);
  }
  return out;
}

/** The empty TC answer a rate-limited source sometimes gets instead of silence, so a real client retries over TCP. */
export function slipResponse(bytes: Uint8Array): Uint8Array | null {
  const query = decodeOrNull(bytes);
  if (query instanceof DnsFormatError || query.header.qr) return null;
  const response = baseResponse(query, RCODES.NOERROR);
  response.header.tc = true;
  return encodeMessage(withEdns(query, response));
}
