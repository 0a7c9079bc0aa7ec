import type { ProtocolKnowledge } from '../../knowledge.js';
import { protocolKnowledge } from '../../knowledge.js';
import { describeDns } from './describe.js';
import { dnsClientKey, dnsServerKey } from './keys.js';
import { DNS_RCODE_KNOWLEDGE, DNS_RECORD_KNOWLEDGE, DNS_STATE_KNOWLEDGE, DNS_TERMS } from './tables.js';

export { describeDns, DNS_KEYS, flagList } from './describe.js';
export { dnsClientKey, dnsServerKey } from './keys.js';

/**
 * DNS knowledge: record types as DNS's "commands" (a question names one), RCODEs (and NODATA)
 * as its replies, no states (DNS is stateless: RFC 1035 4.1), and header flags, sections and
 * ideas (TTL, zone, referral, glue, negative caching...) as terms; the transcript's keys in
 * describe.ts. Used by `l7lab explain dns ...`, `practice dns`, the servers' transcript and lessons.
 */
export const DNS_KNOWLEDGE: ProtocolKnowledge = protocolKnowledge({
  protocol: 'dns',
  commands: DNS_RECORD_KNOWLEDGE,
  replies: DNS_RCODE_KNOWLEDGE,
  states: DNS_STATE_KNOWLEDGE,
  terms: DNS_TERMS,
  serverKey: dnsServerKey,
  clientKey: dnsClientKey,
  describe: describeDns,
});
