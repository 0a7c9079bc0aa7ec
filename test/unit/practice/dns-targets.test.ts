import { describe, expect, it } from 'vitest';
import { completeDns } from '../../../src/practice/dns-completion.js';
import { chooseServer, type DnsTargets } from '../../../src/practice/dns-targets.js';
import { nextHop } from '../../../src/practice/dns-trace.js';
import type { DnsMessage, ResourceRecord } from '../../../src/protocols/dns/types.js';

/** Where a question goes (@root, @name, @glue address, the fallback's real ports), what Tab offers, and where a trace goes next. */
const lab: DnsTargets = {
  default: { host: '127.0.0.1', port: 5300 },
  port: 5300,
  servers: [
    { name: 'resolver', role: 'resolver', ip: '127.0.0.1', host: '127.0.0.1', port: 5300 },
    { name: 'a.root.test', role: 'root', ip: '127.0.0.2', host: '127.0.0.1', port: 5301 },
    { name: 'a.tld.test', role: 'tld', ip: '127.0.0.3', host: '127.0.0.1', port: 5302 },
  ],
};

describe('chooseServer', () => {
  it.each([
    [null, { host: '127.0.0.1', port: 5300 }, 'resolver 127.0.0.1:5300'],
    ['root', { host: '127.0.0.1', port: 5301 }, 'a.root.test 127.0.0.1:5301'],
    ['TLD', { host: '127.0.0.1', port: 5302 }, 'a.tld.test 127.0.0.1:5302'],
    ['a.tld.test.', { host: '127.0.0.1', port: 5302 }, 'a.tld.test 127.0.0.1:5302'],
    // A glue address reaches the server where it really listens (the macOS fallback).
    ['127.0.0.2', { host: '127.0.0.1', port: 5301 }, 'a.root.test 127.0.0.1:5301'],
    ['192.0.2.9', { host: '192.0.2.9', port: 5300 }, '192.0.2.9:5300'],
    ['::1', { host: '::1', port: 5300 }, '[::1]:5300'],
    ['127.0.0.9:53', { host: '127.0.0.9', port: 53 }, '127.0.0.9:53'],
    ['[::1]:5353', { host: '::1', port: 5353 }, '[::1]:5353'],
  ])('@%s', (spec, target, label) => {
    expect(chooseServer(spec, lab)).toEqual({ ok: true, target, label });
  });

  it('an unknown name lists the ones that work', () => {
    expect(chooseServer('nowhere', lab)).toEqual({ ok: false, names: '@resolver, @a.root.test, @a.tld.test' });
    expect(chooseServer('root', { ...lab, servers: [] })).toEqual({ ok: false, names: '@<address>' });
  });
});

describe('completeDns', () => {
  it.each([
    ['M', ['MX'], 'M'],
    ['mx example.test +no', ['+norec', '+norecurse', '+notcp', '+novc', '+noedns'], '+no'],
    ['A www.lab.test @r', ['@root', '@resolver'], '@r'],
    [':tr', [':trace'], ':tr'],
    ['MX a.t', ['a.tld.test'], 'a.t'],
  ])('%j', (line, hits, word) => {
    const [got, typed] = completeDns(line, lab);
    expect(typed).toBe(word);
    expect([...got].sort()).toEqual([...hits].sort());
  });
});

describe('nextHop', () => {
  const rr = (name: string, data: ResourceRecord['data'], type: number): ResourceRecord => ({ name, type, class: 1, ttl: 300, data });
  const message = (over: Partial<DnsMessage>, aa = false): DnsMessage => ({
    header: { id: 1, qr: true, opcode: 0, aa, tc: false, rd: false, ra: false, z: 0, rcode: 0 },
    questions: [{ name: 'www.example.test', type: 1, class: 1 }],
    answers: [],
    authority: [],
    additional: [],
    ...over,
  });

  it('a referral goes to the first NS with glue', () => {
    const referral = message({
      authority: [rr('example.test', { kind: 'NS', name: 'ns1.elsewhere.test' }, 2), rr('example.test', { kind: 'NS', name: 'ns.example.test' }, 2)],
      additional: [rr('ns.example.test', { kind: 'A', address: '127.0.0.4' }, 1)],
    });
    expect(nextHop(referral, 53)).toEqual({ kind: 'ask', target: { host: '127.0.0.4', port: 53 }, label: 'ns.example.test', zone: 'example.test' });
  });

  it('a referral without glue says which name to resolve; an answer, or AA, ends the trace', () => {
    const glueless = message({ authority: [rr('example.test', { kind: 'NS', name: 'ns.other.test' }, 2)] });
    expect(nextHop(glueless, 53)).toEqual({ kind: 'no-glue', zone: 'example.test', ns: 'ns.other.test' });
    expect(nextHop(message({ answers: [rr('www.example.test', { kind: 'A', address: '127.0.0.1' }, 1)] }, true), 53)).toEqual({ kind: 'done' });
    expect(nextHop(message({ authority: [rr('example.test', { kind: 'NS', name: 'ns.example.test' }, 2)] }, true), 53)).toEqual({ kind: 'done' });
  });
});
