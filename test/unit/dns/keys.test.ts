import { describe, expect, it } from 'vitest';
import { DNS_KNOWLEDGE, dnsClientKey, dnsServerKey } from '../../../src/protocols/dns/knowledge/index.js';

/** Presentation lines (dig-like) to knowledge keys, from the text alone. */
describe('dnsServerKey', () => {
  it.each([
    // A server's header line heads a response, even with its flags on the next line.
    [';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 4660', { key: 'header', params: { opcode: 'QUERY', rcode: 'NXDOMAIN', id: 4660, qr: 1 } }],
    [';; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 0', { key: 'flags', params: { flags: 'qr aa rd' } }],
    ['flags: qr rd ra', { key: 'flags', params: { flags: 'qr rd ra' } }],
    ['; EDNS: version: 0, flags: do; udp: 1232', { key: 'opt', params: { version: 0, udpSize: 1232, do: 1 } }],
    ['; EDNS: version: 0, flags:; udp: 512', { key: 'opt', params: { version: 0, udpSize: 512, do: 0 } }],
    [';; AUTHORITY SECTION:', { key: 'section', params: { name: 'authority' } }],
    [';example.test.\t\tIN\tMX', { key: 'question', params: { name: 'example.test', type: 'MX' } }],
    [';.\tIN\tNS', { key: 'question', params: { name: '', type: 'NS' } }],
    ['example.test.\t300\tIN\tMX\t10 mx.example.test.', { key: 'rr', params: { type: 'MX', name: 'example.test' } }],
    ['x.test. 60 IN TYPE65 \\# 0', { key: 'rr', params: { type: 'TYPE65', name: 'x.test' } }],
  ])('%s', (line, key) => {
    expect(dnsServerKey(line)).toEqual(key);
  });

  it('a server header line is explained as a response header, in en and ja', () => {
    const ref = dnsServerKey(';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 4660');
    expect(DNS_KNOWLEDGE.describe(ref!, 'en')).toMatch(/^Header of a response/);
    expect(DNS_KNOWLEDGE.describe(ref!, 'ja')).toMatch(/^応答のヘッダー/);
  });

  it('a record line takes its section from `answers`; anything else is no key', () => {
    expect(dnsServerKey('test. 300 IN NS ns.test.', 'authority')).toEqual({ key: 'rr', params: { type: 'NS', name: 'test', section: 'authority' } });
    expect(dnsServerKey('test. 300 IN NS ns.test.', 'bogus')).toEqual({ key: 'rr', params: { type: 'NS', name: 'test' } });
    expect(dnsServerKey('hello world')).toBeNull();
    expect(dnsServerKey('')).toBeNull();
  });
});

describe('dnsClientKey', () => {
  it.each([
    ['MX example.test', { type: 'MX', name: 'example.test' }],
    ['example.test mx', { type: 'MX', name: 'example.test' }],
    ['A www.lab.test +norec @root', { type: 'A', name: 'www.lab.test' }],
    ['NS .', { type: 'NS', name: '' }],
    ['www.lab.test', { type: 'A', name: 'www.lab.test' }],
    [';example.test. IN AAAA', { type: 'AAAA', name: 'example.test' }],
  ])('%s', (line, params) => {
    expect(dnsClientKey(line)).toEqual({ key: 'question', params });
  });

  it.each(['', 'MX', 'a b c', 'foo bar'])('%j is no question', (line) => {
    expect(dnsClientKey(line)).toBeNull();
  });

  it('explains a typed question and an answer line in both languages', () => {
    expect(DNS_KNOWLEDGE.explainClientLine('MX example.test', 'en')).toMatch(/^The question: records of type MX for example\.test/);
    expect(DNS_KNOWLEDGE.explainServerLine(';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 7', 'ja')).toContain('NOERROR');
  });
});

describe('the server transcript header line (status and flags on one line)', () => {
  it('carries the flags too', () => {
    expect(dnsServerKey(';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 9; flags: qr aa rd')).toEqual({ key: 'header', params: { opcode: 'QUERY', rcode: 'NOERROR', id: 9, flags: 'qr aa rd' } });
  });
});
