/**
 * The lab's recursive server handler: the resolver on real sockets, reaching only the lab's own
 * servers (the hierarchy's `route` refuses any other address, so nothing leaves the machine),
 * on the real clock. This is the edge; the resolver itself stays pure.
 */
import { resolverHandler, type RecursiveFactory } from '../recursive.js';
import { socketExchange } from './exchange.js';
import { createResolver } from './index.js';
import type { Exchange } from './types.js';

export const labRecursive: RecursiveFactory = (env) => {
  const sockets = socketExchange();
  // route() throws for an address outside the lab: the walk sees a server that did not answer.
  const exchange: Exchange = async (server, query, transport) => sockets(env.route(server), query, transport);
  const resolver = createResolver({
    rootHints: env.rootHints,
    exchange,
    now: Date.now,
    portOf: (host) => env.portOf(host),
    ...(env.sink ? { sink: env.sink } : {}),
  });
  return resolverHandler(resolver);
};
