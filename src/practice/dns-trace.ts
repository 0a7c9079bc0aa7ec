import type { DnsMessage } from '../protocols/dns/types.js';
import { RR_TYPES } from '../protocols/dns/types.js';
import { isReferral } from '../protocols/dns/lines.js';
import type { Target } from './target.js';

/**
 * `:trace NAME [TYPE]`: the walk a recursive resolver does, done by hand (RFC 1034 5.3.3): ask the
 * root with RD=0, and while the answer is a referral, ask one of the servers it names at the address
 * its glue gives (RFC 1034 4.2.1); stop at an answer, NXDOMAIN, NODATA or an error. The asking is
 * injected (the shell's own query path, which shows each hop); this decides only where to go next.
 */
export type NextHop =
  | { kind: 'ask'; target: Target; label: string; zone: string }
  | { kind: 'done' }
  /** A referral whose servers have no glue: the learner must resolve one first. */
  | { kind: 'no-glue'; zone: string; ns: string };

/** Where a response sends the trace: the first NS of a referral that has an address in the glue. */
export function nextHop(response: DnsMessage, port: number): NextHop {
  if (!isReferral(response)) return { kind: 'done' };
  const ns = response.authority.filter((r) => r.type === RR_TYPES.NS);
  const zone = ns[0]?.name ?? '';
  for (const r of ns) {
    if (r.data.kind !== 'NS') continue;
    const server = r.data.name.toLowerCase();
    const glue = response.additional.find((a) => a.name.toLowerCase() === server && (a.data.kind === 'A' || a.data.kind === 'AAAA'));
    if (glue && (glue.data.kind === 'A' || glue.data.kind === 'AAAA')) {
      const target = { host: glue.data.address, port };
      return { kind: 'ask', target, label: r.data.name, zone };
    }
  }
  const first = ns[0]?.data;
  return { kind: 'no-glue', zone, ns: first?.kind === 'NS' ? first.name : '' };
}
