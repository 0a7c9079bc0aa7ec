import { characterStrings, LAB_DKIM_KEY_RECORD } from '../../mailauth/lab-key.js';
import type { RData } from './types.js';

/**
 * The lab's name hierarchy as data: every zone, every record, and which loopback address serves
 * which zones. Nothing here leaves the machine: the root is the lab's own (its NS is `a.root.test`,
 * under the reserved `test.` TLD, RFC 2606 2), and so are `com.` and `net.`, which exist only to hold
 * the RFC 2606 3 names example.com and example.net of the mail-flow lesson.
 *
 * The address plan (Linux: all of 127.0.0.0/8 is loopback, RFC 1122 3.2.1.3 (g)), one port for all:
 *
 *   127.0.0.1  the lab host: the recursive resolver, and SMTP/IMAP/HTTP that the A/MX records name
 *   127.0.0.2  a.root.test   the root zone
 *   127.0.0.3  a.tld.test    test., com., net., arpa.
 *   127.0.0.4  ns.lab.test   lab.test, example.test, other.test, example.com, example.net, 127.in-addr.arpa
 *
 * Where 127.0.0.2.. cannot be bound (macOS), hierarchy.ts runs each server on 127.0.0.1 at a port
 * of its own and tells the resolver which port stands for which address; the records stay the same.
 *
 * TTLs are short so a learner sees them count down, and the SOA minimum is 60 s so negative
 * caching (RFC 2308 5) is seen to start and to end within a lesson.
 */

/** RDATA a zone may hold: any typed kind but raw bytes. The record's TYPE is its kind (RR_TYPES). */
export type ZoneData = Exclude<RData, { kind: 'raw' }>;

export interface ZoneRecord {
  /** Absolute, lower case, without the final dot (the root is ''). */
  name: string;
  /** Seconds; DEFAULT_TTL when absent. */
  ttl?: number;
  data: ZoneData;
}

export interface ZoneSpec {
  /** The apex, e.g. 'example.test' ('' is the root). */
  origin: string;
  /** The zone's NS names, at the apex (RFC 1034 4.2.1); the first is the SOA MNAME. */
  ns: string[];
  /** Everything else: data, delegations (NS below the apex, RFC 1034 4.2.2) and their glue. */
  records: ZoneRecord[];
}

/** Which zones one authoritative server serves, at which loopback address. */
export interface AuthoritativeSpec {
  /** The host name its NS records use. */
  name: string;
  /** What the walk calls this level (a resolver's transcript, `practice @root`). */
  role: 'root' | 'tld' | 'auth';
  ip: string;
  zones: string[];
}

/** Positive TTL of the lab's records: 5 minutes, short enough to watch expire. */
export const DEFAULT_TTL = 300;
/** SOA MINIMUM: the negative-caching TTL (RFC 2308 4, 5), 60 s so a learner can wait it out. */
export const SOA_MINIMUM = 60;
/** Serial as YYYYMMDDnn (RFC 1912 2.2). */
export const SOA_SERIAL = 2026120301;

export const RESOLVER_IP = '127.0.0.1';
/** Where the lab's own servers (SMTP, IMAP, HTTP) listen: what their A records say. */
const LAB_HOST = '127.0.0.1';

export const AUTHORITATIVE_SERVERS: readonly AuthoritativeSpec[] = [
  { name: 'a.root.test', role: 'root', ip: '127.0.0.2', zones: [''] },
  { name: 'a.tld.test', role: 'tld', ip: '127.0.0.3', zones: ['test', 'com', 'net', 'arpa'] },
  {
    name: 'ns.lab.test',
    role: 'auth',
    ip: '127.0.0.4',
    zones: ['lab.test', 'example.test', 'other.test', 'example.com', 'example.net', '127.in-addr.arpa'],
  },
];

const a = (name: string, address: string, ttl?: number): ZoneRecord => ({ name, data: { kind: 'A', address }, ...(ttl ? { ttl } : {}) });
const ns = (name: string, host: string): ZoneRecord => ({ name, data: { kind: 'NS', name: host } });
const txt = (name: string, text: string): ZoneRecord => ({ name, data: { kind: 'TXT', strings: [text] } });

/**
 * The zones. Glue (A records of NS hosts below a cut) sits in the parent next to the delegation
 * (RFC 1034 4.2.1); `other.test` and `127.in-addr.arpa` are delegated to NS hosts outside the
 * parent, so their parents hold no glue and a resolver must look the NS name up first (RFC 1034 5.3.3).
 */
export const LAB_ZONES: readonly ZoneSpec[] = [
  {
    origin: '',
    ns: ['a.root.test'],
    records: [
      ns('test', 'a.tld.test'),
      ns('com', 'a.tld.test'),
      ns('net', 'a.tld.test'),
      ns('arpa', 'a.tld.test'),
      a('a.root.test', '127.0.0.2'),
      a('a.tld.test', '127.0.0.3'),
    ],
  },
  {
    origin: 'test',
    ns: ['a.tld.test'],
    records: [
      a('a.root.test', '127.0.0.2'),
      a('a.tld.test', '127.0.0.3'),
      ns('lab.test', 'ns.lab.test'),
      a('ns.lab.test', '127.0.0.4'),
      ns('example.test', 'ns.example.test'),
      a('ns.example.test', '127.0.0.4'),
      ns('other.test', 'ns.example.com'),
    ],
  },
  { origin: 'com', ns: ['a.tld.test'], records: [ns('example.com', 'ns.example.com'), a('ns.example.com', '127.0.0.4')] },
  { origin: 'net', ns: ['a.tld.test'], records: [ns('example.net', 'ns.example.net'), a('ns.example.net', '127.0.0.4')] },
  { origin: 'arpa', ns: ['a.tld.test'], records: [ns('127.in-addr.arpa', 'ns.lab.test')] },
  {
    origin: 'lab.test',
    ns: ['ns.lab.test'],
    records: [
      a('ns.lab.test', '127.0.0.4'),
      a('lab.test', LAB_HOST),
      { name: 'lab.test', data: { kind: 'MX', preference: 10, exchange: 'smtp.lab.test' } },
      { name: 'lab.test', data: { kind: 'TXT', strings: ['l7lab: the lab host, 127.0.0.1'] } },
      a('smtp.lab.test', LAB_HOST),
      a('imap.lab.test', LAB_HOST),
      a('pop3.lab.test', LAB_HOST),
      a('www.lab.test', LAB_HOST),
      { name: 'www.lab.test', data: { kind: 'AAAA', address: '::1' } },
      a('dns.lab.test', RESOLVER_IP),
    ],
  },
  {
    origin: 'example.test',
    ns: ['ns.example.test'],
    records: [
      a('ns.example.test', '127.0.0.4'),
      a('example.test', LAB_HOST),
      { name: 'example.test', data: { kind: 'AAAA', address: '::1' } },
      { name: 'example.test', data: { kind: 'MX', preference: 10, exchange: 'mail.example.test' } },
      { name: 'example.test', data: { kind: 'MX', preference: 20, exchange: 'backup.example.test' } },
      { name: 'example.test', data: { kind: 'TXT', strings: ['v=spf1 ip4:127.0.0.1 -all'] } },
      a('mail.example.test', LAB_HOST),
      a('backup.example.test', LAB_HOST),
      { name: 'www.example.test', data: { kind: 'CNAME', name: 'example.test' } },
      // A chain of two CNAMEs (RFC 1034 3.6.2), and one that leaves the zone for the resolver to follow.
      { name: 'web.example.test', data: { kind: 'CNAME', name: 'www.example.test' } },
      { name: 'shop.example.test', data: { kind: 'CNAME', name: 'www.example.com' } },
      // A host with an address and no MX: mail to it falls back to the A record (RFC 5321 5.1).
      a('nomx.example.test', LAB_HOST),
      // An empty non-terminal (RFC 8020 2): b.example.test exists, with no records of its own.
      a('a.b.example.test', LAB_HOST),
    ],
  },
  { origin: 'other.test', ns: ['ns.example.com'], records: [a('other.test', LAB_HOST)] },
  {
    origin: 'example.com',
    ns: ['ns.example.com'],
    records: [
      a('ns.example.com', '127.0.0.4'),
      a('example.com', LAB_HOST),
      { name: 'example.com', data: { kind: 'MX', preference: 10, exchange: 'mail.example.com' } },
      a('mail.example.com', LAB_HOST),
      { name: 'www.example.com', data: { kind: 'CNAME', name: 'example.com' } },
      // Mail authentication of the lab's sending domain (the spf-dkim lesson): only the lab host sends
      // for example.com (SPF, RFC 7208); its mail is signed with the lab key, whose public half is the
      // selector "lab" (DKIM, RFC 6376 3.6.2.1), split into 255-octet strings (RFC 1035 3.3.14); a revoked
      // key is an empty p= (RFC 6376 3.6.1); and receivers should reject what fails both (DMARC, RFC 7489 6.3).
      txt('example.com', 'v=spf1 ip4:127.0.0.1 -all'),
      { name: 'lab._domainkey.example.com', data: { kind: 'TXT', strings: characterStrings(LAB_DKIM_KEY_RECORD) } },
      txt('revoked._domainkey.example.com', 'v=DKIM1; k=rsa; p='),
      txt('_dmarc.example.com', 'v=DMARC1; p=reject'),
    ],
  },
  {
    origin: 'example.net',
    ns: ['ns.example.net'],
    records: [
      a('ns.example.net', '127.0.0.4'),
      a('example.net', LAB_HOST),
      { name: 'example.net', data: { kind: 'MX', preference: 10, exchange: 'mail.example.net' } },
      a('mail.example.net', LAB_HOST),
      a('www.example.net', LAB_HOST),
      // example.net says its mail leaves from 192.0.2.25 (a documentation address, RFC 5737), so mail
      // from the lab host claiming to be from example.net fails SPF: a spoof (RFC 7208 2.6.4).
      txt('example.net', 'v=spf1 ip4:192.0.2.25 -all'),
      txt('_dmarc.example.net', 'v=DMARC1; p=quarantine'),
    ],
  },
  {
    // Reverse names (RFC 1035 3.5): 127.0.0.x is x.0.0.127.in-addr.arpa.
    origin: '127.in-addr.arpa',
    ns: ['ns.lab.test'],
    records: [
      { name: '1.0.0.127.in-addr.arpa', data: { kind: 'PTR', name: 'lab.test' } },
      { name: '2.0.0.127.in-addr.arpa', data: { kind: 'PTR', name: 'a.root.test' } },
      { name: '3.0.0.127.in-addr.arpa', data: { kind: 'PTR', name: 'a.tld.test' } },
      { name: '4.0.0.127.in-addr.arpa', data: { kind: 'PTR', name: 'ns.lab.test' } },
    ],
  },
];

/** The SOA of a zone (RFC 1035 3.3.13), the same shape for every zone of the lab. */
export function soaOf(zone: ZoneSpec): ZoneRecord {
  const mname = zone.ns[0] ?? 'a.root.test';
  const rname = zone.origin === '' ? 'hostmaster.lab.test' : `hostmaster.${zone.origin}`;
  return {
    name: zone.origin,
    data: { kind: 'SOA', mname, rname, serial: SOA_SERIAL, refresh: 3600, retry: 600, expire: 86_400, minimum: SOA_MINIMUM },
  };
}

/** The zones one server serves, by origin. */
export function zonesOf(server: AuthoritativeSpec, zones: readonly ZoneSpec[] = LAB_ZONES): ZoneSpec[] {
  return server.zones.map((origin) => {
    const zone = zones.find((z) => z.origin === origin);
    if (!zone) throw new Error(`zone ${origin || '.'} of ${server.name} is not defined`);
    return zone;
  });
}
