/**
 * The hierarchy the resolver's unit tests walk: a root on 127.0.0.2, the `test.` and `net.` TLDs
 * on 127.0.0.3, second-level zones on 127.0.0.4 (example.test also on 127.0.0.5, its second name
 * server). Oddities on purpose: CNAME loops, a long chain, a zone whose server has no glue
 * (glueless.test, served by ns.example.net), a zone whose only server never answers (dead.test).
 */
import type { FakeZone } from './resolver-fake-auth.js';
import { rr, soa } from './resolver-harness.js';

const ns = (zone: string, host: string, ttl = 3600) => rr(zone, ttl, { kind: 'NS', name: host });
const a = (name: string, address: string, ttl = 300) => rr(name, ttl, { kind: 'A', address });
const cname = (name: string, target: string, ttl = 300) => rr(name, ttl, { kind: 'CNAME', name: target });

const root: FakeZone = {
  origin: '',
  records: [soa(''), ns('', 'a.root.test'), ns('test', 'ns.test'), a('ns.test', '127.0.0.3', 3600), ns('net', 'ns.net'), a('ns.net', '127.0.0.3', 3600)],
};
const test: FakeZone = {
  origin: 'test',
  records: [
    soa('test'), ns('test', 'ns.test'), a('ns.test', '127.0.0.3', 3600),
    ns('example.test', 'ns1.example.test'), ns('example.test', 'ns2.example.test'),
    a('ns1.example.test', '127.0.0.4', 3600), a('ns2.example.test', '127.0.0.5', 3600),
    ns('glueless.test', 'ns.example.net'),
    ns('dead.test', 'ns.dead.test'), a('ns.dead.test', '127.0.0.9', 3600),
  ],
};
const net: FakeZone = {
  origin: 'net',
  records: [soa('net'), ns('net', 'ns.net'), ns('example.net', 'ns.example.net'), a('ns.example.net', '127.0.0.4', 3600)],
};
const exampleTest: FakeZone = {
  origin: 'example.test',
  records: [
    soa('example.test', 300, 60), ns('example.test', 'ns1.example.test'), ns('example.test', 'ns2.example.test'),
    a('example.test', '192.0.2.1'), rr('example.test', 300, { kind: 'MX', preference: 10, exchange: 'mx.example.test' }),
    a('mx.example.test', '192.0.2.25'), cname('www.example.test', 'example.test'),
    cname('alias.example.test', 'www.example.net'),
    cname('loop1.example.test', 'loop2.example.test'), cname('loop2.example.test', 'loop1.example.test'),
    cname('far.example.test', 'far.example.net'),
    cname('c1.example.test', 'c2.example.net'), cname('c3.example.test', 'example.test'),
    cname('gone.example.test', 'nothing.example.net'),
  ],
};
const exampleNet: FakeZone = {
  origin: 'example.net',
  records: [
    soa('example.net', 120, 30), ns('example.net', 'ns.example.net'), a('ns.example.net', '127.0.0.4', 3600),
    rr('example.net', 300, { kind: 'MX', preference: 10, exchange: 'mail.example.net' }), a('mail.example.net', '192.0.2.50'),
    a('www.example.net', '192.0.2.80', 600), cname('far.example.net', 'far.example.test'),
    cname('c2.example.net', 'c3.example.test'),
  ],
};
const glueless: FakeZone = {
  origin: 'glueless.test',
  records: [soa('glueless.test'), ns('glueless.test', 'ns.example.net'), a('host.glueless.test', '192.0.2.7')],
};

export const ROOT = '127.0.0.2';

export const SERVERS: Record<string, FakeZone[]> = {
  '127.0.0.2': [root],
  '127.0.0.3': [test, net],
  '127.0.0.4': [exampleTest, exampleNet, glueless],
  '127.0.0.5': [exampleTest],
};
