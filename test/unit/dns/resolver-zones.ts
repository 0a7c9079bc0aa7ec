/**
 * The hierarchy the resolver's unit tests walk, in the lab's zone format (zones.ts): a root on
 * 127.0.0.2, the `test.` and `net.` TLDs on 127.0.0.3, second-level zones on 127.0.0.4
 * (example.test also on 127.0.0.5, its second name server). Oddities on purpose, which the lab's
 * own zones do not have: CNAME loops, a long chain, a zone whose only server never answers
 * (dead.test). glueless.test is served by ns.example.net, which its parent cannot give glue for.
 */
import type { ZoneRecord, ZoneSpec } from '../../../src/protocols/dns/zones.js';

const ns = (name: string, host: string): ZoneRecord => ({ name, ttl: 3600, data: { kind: 'NS', name: host } });
const a = (name: string, address: string, ttl = 300): ZoneRecord => ({ name, ttl, data: { kind: 'A', address } });
const cname = (name: string, target: string): ZoneRecord => ({ name, data: { kind: 'CNAME', name: target } });

const root: ZoneSpec = {
  origin: '',
  ns: ['a.root.test'],
  records: [ns('test', 'ns.test'), a('ns.test', '127.0.0.3', 3600), ns('net', 'ns.net'), a('ns.net', '127.0.0.3', 3600)],
};
const test: ZoneSpec = {
  origin: 'test',
  ns: ['ns.test'],
  records: [
    a('ns.test', '127.0.0.3', 3600),
    ns('example.test', 'ns1.example.test'), ns('example.test', 'ns2.example.test'),
    a('ns1.example.test', '127.0.0.4', 3600), a('ns2.example.test', '127.0.0.5', 3600),
    ns('glueless.test', 'ns.example.net'),
    ns('dead.test', 'ns.dead.test'), a('ns.dead.test', '127.0.0.9', 3600),
    // Glue that expires long before the delegation it serves.
    ns('short.test', 'ns.short.test'), a('ns.short.test', '127.0.0.4', 60),
  ],
};
const net: ZoneSpec = {
  origin: 'net',
  ns: ['ns.net'],
  records: [ns('example.net', 'ns.example.net'), a('ns.example.net', '127.0.0.4', 3600)],
};
const exampleTest: ZoneSpec = {
  origin: 'example.test',
  ns: ['ns1.example.test', 'ns2.example.test'],
  records: [
    a('ns1.example.test', '127.0.0.4', 3600), a('ns2.example.test', '127.0.0.5', 3600),
    a('example.test', '192.0.2.1'), { name: 'example.test', data: { kind: 'MX', preference: 10, exchange: 'mx.example.test' } },
    a('mx.example.test', '192.0.2.25'), cname('www.example.test', 'example.test'),
    cname('alias.example.test', 'www.example.net'),
    cname('loop1.example.test', 'loop2.example.test'), cname('loop2.example.test', 'loop1.example.test'),
    cname('far.example.test', 'far.example.net'),
    cname('c1.example.test', 'c2.example.net'), cname('c3.example.test', 'example.test'),
    cname('gone.example.test', 'nothing.example.net'),
  ],
};
const exampleNet: ZoneSpec = {
  origin: 'example.net',
  ns: ['ns.example.net'],
  records: [
    a('ns.example.net', '127.0.0.4', 3600),
    { name: 'example.net', data: { kind: 'MX', preference: 10, exchange: 'mail.example.net' } }, a('mail.example.net', '192.0.2.50'),
    a('www.example.net', '192.0.2.80', 600), cname('far.example.net', 'far.example.test'),
    cname('c2.example.net', 'c3.example.test'),
  ],
};
const short: ZoneSpec = { origin: 'short.test', ns: ['ns.short.test'], records: [a('ns.short.test', '127.0.0.4', 60), a('www.short.test', '192.0.2.9', 30)] };
const glueless: ZoneSpec = { origin: 'glueless.test', ns: ['ns.example.net'], records: [a('host.glueless.test', '192.0.2.7')] };

export const ROOT = '127.0.0.2';

export const SERVERS: Record<string, ZoneSpec[]> = {
  '127.0.0.2': [root],
  '127.0.0.3': [test, net],
  '127.0.0.4': [exampleTest, exampleNet, glueless, short],
  '127.0.0.5': [exampleTest],
};
