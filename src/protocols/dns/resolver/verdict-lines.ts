/** The notes after each upstream reply in the transcript: what the reply meant for the walk, and what the cache kept. */
import { presentName } from '../codec/names.js';
import { typeName } from '../codec/types.js';
import type { Verdict } from './classify.js';
import type { ResolverLog } from './events.js';
import type { Stored } from './remember.js';

/**
 * A referral, a NODATA, a CNAME to chase or a server that cannot help each get a line; an answer
 * or an NXDOMAIN says itself in the header and records.
 */
export function logVerdict(log: ResolverLog, session: string, v: Verdict, host: string, type: number): void {
  switch (v.kind) {
    case 'referral':
      log.exchangeNote(session, `referral to ${presentName(v.zone)}: ${v.ns.length} server(s), ${v.glue.length} with glue`, 'referral', { zone: v.zone });
      return;
    case 'negative':
      if (v.negative === 'NODATA') log.exchangeNote(session, `NODATA: ${presentName(v.name)} exists, without records of this type`, 'nodata', { name: v.name, type: typeName(type) });
      return;
    case 'cname':
      log.exchangeNote(session, `CNAME to ${presentName(v.target)}: following it`, 'follow-cname', { name: v.chain[0]?.name ?? '', target: v.target });
      return;
    case 'lame':
      log.exchangeNote(session, `${host} cannot help (${v.reason}): trying the next server`, 'upstream-lame', { server: host, reason: v.reason });
      return;
    default:
      return;
  }
}

/** What the cache now holds and for how long (RFC 1035 7.4; negative answers RFC 2308 5). */
export function logStored(log: ResolverLog, stored: Stored[]): void {
  for (const s of stored) {
    const shown = `${presentName(s.name)} ${typeName(s.type)}`;
    if (s.negative) {
      const params = { name: s.name, type: typeName(s.type), rcode: s.negative, ttl: s.ttl };
      // NXDOMAIN is about the name, whatever the type (RFC 2308 5); NODATA about the name and type.
      const what = s.negative === 'NXDOMAIN' ? presentName(s.name) : shown;
      log.note(`cached ${s.negative} for ${what} for ${s.ttl} s (the SOA minimum)`, 'negative-cache-store', params);
    } else log.note(`cached ${shown} for ${s.ttl} s`, 'cache-store', { name: s.name, type: typeName(s.type), ttl: s.ttl });
  }
}
