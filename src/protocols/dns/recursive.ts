import type { Address } from '../server.js';
import type { TranscriptSink } from '../transcript.js';
import { baseResponse, type DnsReply } from './screen.js';
import type { DnsHandler } from './serve-query.js';
import { RCODES, type DnsMessage } from './types.js';

/**
 * The recursive server's handler: recursion is offered to loopback clients only (RFC 5358 4: an
 * open resolver is an amplifier), everything else is REFUSED. The resolving itself is the
 * resolver's (protocols/dns/resolver/); this file only adapts it to a server handler.
 */

/** What the lab gives the recursive resolver to start from: the lab root, and how to reach each server. */
export interface RecursiveEnv {
  /** The lab's root server(s), never the Internet's. */
  rootHints: Address[];
  /** The port a zone's server address (127.0.0.3) listens on: one port for all, or one each in the fallback. */
  portOf: (host: string) => number;
  /** Where a server address really listens (127.0.0.3:P, or 127.0.0.1:P3 in the fallback); every exchange goes through it. */
  route: (server: Address) => Address;
  sink?: TranscriptSink;
}

export type RecursiveFactory = (env: RecursiveEnv) => DnsHandler;

/** The part of a resolver the server needs (protocols/dns/resolver/'s createResolver gives it). */
export interface ResolverLike {
  resolve(query: DnsMessage, ctx: { session: string; port: number }): Promise<DnsMessage>;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (RFC 1122 3.2.1.3 (g), RFC 4291 2.5.3, 2.5.5.2). */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

function refused(query: DnsMessage, reason: string): DnsReply {
  const response = baseResponse(query, RCODES.REFUSED);
  // A recursive server says it could recurse (RA) while refusing this client (RFC 5358 4).
  response.header.ra = true;
  return { response, notes: [{ key: 'refused', params: { reason } }] };
}

/** A resolver as a server handler, recursion for loopback clients only. */
export function resolverHandler(resolver: ResolverLike): DnsHandler {
  return async (query, ctx) => {
    if (!isLoopback(ctx.remoteAddress)) return refused(query, 'no-recursion');
    return { response: await resolver.resolve(query, { session: ctx.session, port: ctx.remotePort }), notes: [] };
  };
}

/**
 * Until the resolver is wired in: a recursive server that refuses everything, saying why
 * (REFUSED, RFC 1035 4.1.1), so a client is never left waiting.
 */
export const refusingRecursive: RecursiveFactory = () => (query) => refused(query, 'no-recursion');
