import type { ResourceRecord } from './types.js';

/**
 * How long a negative answer (NXDOMAIN, NODATA) may be kept: min(the SOA record's TTL, its MINIMUM
 * field) (RFC 2308 3, 5). The one rule the authoritative servers, the resolver's cache and the
 * practice shell apply; a record that is not an SOA keeps its own TTL.
 */
export function negativeTtl(soa: ResourceRecord): number {
  return soa.data.kind === 'SOA' ? Math.min(soa.ttl, soa.data.minimum) : soa.ttl;
}
