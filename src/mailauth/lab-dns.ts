/**
 * AuthDns over the lab's own recursive resolver: every question the checks ask goes to
 * 127.0.0.1 at the lab's DNS port and nowhere else, so SPF, DKIM and DMARC are checked against
 * the lab's zones (src/protocols/dns/zones.ts) and nothing leaves the machine.
 */
import { randomInt } from 'node:crypto';
import { decodeMessage } from '../protocols/dns/codec/decode.js';
import { encodeQuery } from '../protocols/dns/codec/encode.js';
import { RCODES, RR_TYPES, type DnsMessage, type ResourceRecord } from '../protocols/dns/types.js';
import type { Address } from '../protocols/server.js';
import { exchangeDnsWhole } from '../wire/dns-client.js';
import type { Lab } from '../lab.js';
import { MAILAUTH_LIMITS } from './limits.js';
import type { AuthDns, TxtAnswer } from './types.js';

type Asked = { kind: 'answer'; records: ResourceRecord[] } | { kind: 'nxdomain' } | { kind: 'error'; reason: string };

/** One question to the resolver (RD set, EDNS offered); a truncated UDP answer is asked again over TCP (RFC 7766 5). */
export async function ask(resolver: Address, name: string, type: number): Promise<Asked> {
  const query = encodeQuery(name, type, { id: randomInt(0, 0x10000), rd: true, edns: true });
  let message: DnsMessage;
  try {
    const bytes = await exchangeDnsWhole(query, { host: resolver.host, port: resolver.port, timeoutMs: MAILAUTH_LIMITS.dnsTimeoutMs });
    message = decodeMessage(bytes, { fields: false }).message;
  } catch (err) {
    return { kind: 'error', reason: (err as Error).message };
  }
  const rcode = message.header.rcode;
  if (rcode === RCODES.NXDOMAIN) return { kind: 'nxdomain' };
  if (rcode !== RCODES.NOERROR) return { kind: 'error', reason: `rcode ${rcode}` };
  // The answer section may begin with the CNAMEs that led to the name: keep the records of the type asked.
  return { kind: 'answer', records: message.answers.filter((r) => r.type === type) };
}

/**
 * The records' character-strings joined without spaces: one TXT record is one SPF record (RFC 7208
 * 3.3) or one DKIM key record (RFC 6376 3.6.2.2), however the zone split it into 255-octet strings.
 */
export function txtOf(records: ResourceRecord[]): string[] {
  return records.flatMap((r) => (r.data.kind === 'TXT' ? [r.data.strings.join('')] : []));
}

/** AuthDns over a resolver's address; `addresses` and `mx` give null when the lookup failed, [] when there is nothing. */
export function resolverAuthDns(resolver: Address): AuthDns {
  const txt = async (name: string): Promise<TxtAnswer> => {
    const got = await ask(resolver, name, RR_TYPES.TXT);
    if (got.kind !== 'answer') return got;
    const records = txtOf(got.records);
    return records.length ? { kind: 'records', records } : { kind: 'nodata' };
  };
  const addresses = async (name: string): Promise<string[] | null> => {
    const [a, aaaa] = await Promise.all([ask(resolver, name, RR_TYPES.A), ask(resolver, name, RR_TYPES.AAAA)]);
    if (a.kind === 'error' || aaaa.kind === 'error') return null;
    const of = (x: Asked): string[] => (x.kind === 'answer' ? x.records.flatMap((r) => (r.data.kind === 'A' || r.data.kind === 'AAAA' ? [r.data.address] : [])) : []);
    return [...of(a), ...of(aaaa)];
  };
  const mx = async (name: string): Promise<string[] | null> => {
    const got = await ask(resolver, name, RR_TYPES.MX);
    if (got.kind === 'error') return null;
    if (got.kind === 'nxdomain') return [];
    const hosts = got.records.flatMap((r) => (r.data.kind === 'MX' ? [{ pref: r.data.preference, host: r.data.exchange }] : []));
    return hosts.sort((x, y) => x.pref - y.pref).map((h) => h.host);
  };
  return { txt, addresses, mx };
}

/** AuthDns over the running lab's resolver; the lab must have started DNS. */
export function labAuthDns(lab: Pick<Lab, 'dns'>): AuthDns {
  if (!lab.dns) throw new Error('the lab DNS is not running: start the lab with dns among its protocols');
  return resolverAuthDns(lab.dns.resolver);
}
