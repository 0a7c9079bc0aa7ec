import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, parseQueryLine, type DnsQueryLine } from '../../../src/practice/dns-query.js';

/** Every form `practice dns` reads, and every error, table-driven. */
const q = (over: Partial<DnsQueryLine>): { kind: 'query'; query: DnsQueryLine } => ({ kind: 'query', query: { ...DEFAULT_OPTIONS, name: '', type: 'A', ...over } });

describe('parseQueryLine: queries', () => {
  it.each([
    ['MX example.test', q({ name: 'example.test', type: 'MX' })],
    ['example.test mx', q({ name: 'example.test', type: 'MX' })],
    ['www.lab.test', q({ name: 'www.lab.test', type: 'A' })],
    ['www.lab.test.', q({ name: 'www.lab.test', type: 'A' })],
    ['A www.lab.test +norec @root', q({ name: 'www.lab.test', type: 'A', rd: false, server: 'root' })],
    ['AAAA example.test +tcp', q({ name: 'example.test', type: 'AAAA', tcp: true })],
    ['TXT example.test +noedns', q({ name: 'example.test', type: 'TXT', edns: null })],
    ['SOA example.test +edns=4096', q({ name: 'example.test', type: 'SOA', edns: 4096 })],
    ['SOA example.test +bufsize=512', q({ name: 'example.test', type: 'SOA', edns: 512 })],
    ['NS .', q({ name: '', type: 'NS' })],
    ['  ns   .  ', q({ name: '', type: 'NS' })],
    ['PTR 1.0.0.127.in-addr.arpa @127.0.0.2', q({ name: '1.0.0.127.in-addr.arpa', type: 'PTR', server: '127.0.0.2' })],
    ['TYPE65 example.test', q({ name: 'example.test', type: 'TYPE65' })],
    ['NS ns', q({ name: 'ns', type: 'NS' })],
    ['MX A', q({ name: 'A', type: 'MX' })],
    ['ANY example.test +notcp +rec', q({ name: 'example.test', type: 'ANY' })],
    ['MX Example.TEST', q({ name: 'Example.TEST', type: 'MX' })],
  ])('%j', (line, expected) => {
    expect(parseQueryLine(line)).toEqual(expected);
  });

  it('a line of only @server and options sets the defaults, which the next queries take', () => {
    const set = parseQueryLine('@127.0.0.2 +norec');
    expect(set).toEqual({ kind: 'defaults', options: { ...DEFAULT_OPTIONS, server: '127.0.0.2', rd: false } });
    if (set.kind !== 'defaults') throw new Error('defaults expected');
    expect(parseQueryLine('MX example.test', set.options)).toEqual(q({ name: 'example.test', type: 'MX', server: '127.0.0.2', rd: false }));
    expect(parseQueryLine('+edns=1232', set.options)).toEqual({ kind: 'defaults', options: { ...set.options, edns: 1232 } });
    expect(parseQueryLine('+noedns')).toEqual({ kind: 'defaults', options: { ...DEFAULT_OPTIONS, edns: null } });
  });
});

describe('parseQueryLine: errors', () => {
  it.each([
    ['', 'empty', {}],
    ['MX', 'no-name', { type: 'MX' }],
    ['MXX example.test', 'two-names', { first: 'MXX', second: 'example.test', suggestion: 'MX' }],
    ['MX AAAA example.test', 'two-types', { first: 'MX', second: 'AAAA' }],
    ['MX example.test +norecc', 'unknown-option', { option: '+norecc', suggestion: '+norec' }],
    ['MX example.test +foo', 'unknown-option', { option: '+foo' }],
    ['MX example.test +edns=100', 'bad-edns', { value: '+edns=100' }],
    ['MX example.test +edns=70000', 'bad-edns', {}],
    ['MX example.test @', 'no-server', {}],
    [`A ${'a'.repeat(64)}.test`, 'bad-name', { reason: 'label-too-long' }],
    [`A ${'abcdefgh.'.repeat(30)}test`, 'bad-name', { reason: 'name-too-long' }],
    ['A a..test', 'bad-name', {}],
    ['OPT example.test', 'two-names', {}],
  ])('%j is %s', (line, code, vars) => {
    const parsed = parseQueryLine(line);
    expect(parsed.kind).toBe('error');
    if (parsed.kind !== 'error') return;
    expect(parsed.code).toBe(code);
    expect(parsed.vars).toMatchObject(vars);
  });
});
