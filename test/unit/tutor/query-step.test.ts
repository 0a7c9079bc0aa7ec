import { describe, expect, it } from 'vitest';
import type { DnsMessage, ResourceRecord } from '../../../src/protocols/dns/types.js';
import { askErrorText, askMissReason, parseAsk, type AskedQuery } from '../../../src/tutor/dns-ask.js';
import { expectMisses, isNodata, isReferral, responseLabel } from '../../../src/tutor/dns-verdict.js';
import { queryProblems } from '../../../src/tutor/check-query.js';
import { queryHint } from '../../../src/tutor/steps/query-miss.js';
import type { DnsExchange } from '../../../src/tutor/dns-exchange.js';
import { targetFor } from '../../../src/tutor/dns-exchange.js';
import { step as stepSchema, type StepOf } from '../../../src/tutor/schema.js';

/**
 * The `query` step kind (a DNS query typed as `practice dns` takes it): reading the line, which
 * typed query is the step's (type, name, RD, server) and the sentence that leads to it, whether
 * a response is the expected one (rcode, answer, AA, referral RFC 1034 4.3.2, NODATA RFC 2308
 * 2.2, SOA RFC 2308 3), and the checker's rules for expectations no server can meet.
 */
function query(line: string): AskedQuery {
  const p = parseAsk(line);
  if (!p.ok) throw new Error(p.error);
  return p.query;
}

function step(over: Record<string, unknown> = {}): StepOf<'query'> {
  const raw = { id: 'q', kind: 'query', text: { en: 't', ja: 't' }, query: 'MX example.test', hint: { en: 'h', ja: 'h' }, explain: { en: 'e', ja: 'e' }, ...over };
  return stepSchema.parse(raw) as StepOf<'query'>;
}

const rr = (name: string, type: number, data: ResourceRecord['data'], ttl = 300): ResourceRecord => ({ name, type, class: 1, ttl, data });
const SOA = rr('example.test', 6, { kind: 'SOA', mname: 'ns.example.test', rname: 'hostmaster.example.test', serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum: 60 }, 60);

function message(over: Partial<DnsMessage> & { rcode?: number; aa?: boolean } = {}): DnsMessage {
  const { rcode = 0, aa = false, ...rest } = over;
  return {
    header: { id: 1, qr: true, opcode: 0, aa, tc: false, rd: true, ra: true, z: 0, rcode },
    questions: [{ name: 'example.test', type: 15, class: 1 }],
    answers: [],
    authority: [],
    additional: [],
    ...rest,
  };
}

const MX_ANSWER = message({ answers: [rr('example.test', 15, { kind: 'MX', preference: 10, exchange: 'mail.example.test' })] });
const REFERRAL = message({ authority: [rr('test', 2, { kind: 'NS', name: 'a.tld.test' })], additional: [rr('a.tld.test', 1, { kind: 'A', address: '127.0.0.3' })] });
const NXDOMAIN = message({ rcode: 3, aa: true, authority: [SOA] });
const NODATA = message({ aa: true, authority: [SOA] });

describe('parseAsk: the practice dns syntax', () => {
  it.each([
    ['MX example.test', { type: 'MX', qtype: 15, name: 'example.test', rd: true, server: null, tcp: false }],
    ['a WWW.Example.Test. +norec @root', { type: 'A', qtype: 1, name: 'WWW.Example.Test', rd: false, server: 'root', tcp: false }],
    ['example.test AAAA +tcp', { type: 'AAAA', qtype: 28, name: 'example.test', rd: true, server: null, tcp: true }],
    ['NS . @127.0.0.2', { type: 'NS', qtype: 2, name: '', rd: true, server: '127.0.0.2', tcp: false }],
  ])('%s', (line, want) => {
    expect(parseAsk(line)).toEqual({ ok: true, query: want });
  });

  it('reads a name alone as a question for A, as dig and practice dns do', () => {
    expect(parseAsk('example.test')).toEqual({ ok: true, query: { type: 'A', qtype: 1, name: 'example.test', rd: true, server: null, tcp: false } });
  });

  it.each([
    ['MX', 'which name? type MX and a name'],
    ['+norec @root', '"+norec @root" is not a whole query'],
    ['MXX example.test', 'are both names'],
    ['MX example.test extra', 'are both names'],
    ['MX example.test +fast', 'unknown option +fast'],
  ])('rejects %s (%s)', (line, why) => {
    const p = parseAsk(line);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error).toContain(why);
  });

  it('says why in Japanese too, with practice dns\'s words', () => {
    const p = parseAsk('MX');
    expect(p.ok).toBe(false);
    if (!p.ok) expect(askErrorText('ja', p.why)).toContain('どの名前ですか？');
  });
});

describe('askMissReason: what to change, in one sentence that ends with the query to type', () => {
  const want = query('A www.example.test +norec @root');
  const suggestion = 'A www.example.test +norec @root';

  it('is null for the same question, in any case, with or without the final dot', () => {
    expect(askMissReason('en', query('a WWW.EXAMPLE.TEST. +norec @ROOT'), want, suggestion)).toBeNull();
  });

  it.each([
    ['MX www.example.test +norec @root', 'You asked for MX records; this step asks for A'],
    ['A example.test +norec @root', 'You asked about example.test; this step asks about www.example.test'],
    ['A www.example.test @root', 'add +norec'],
    ['A www.example.test +norec', 'You asked the resolver; this step asks @root'],
    ['A www.example.test +norec @tld', 'You asked @tld; this step asks @root'],
  ])('%s -> %s', (typed, says) => {
    const why = askMissReason('en', query(typed), want, suggestion);
    expect(why).toContain(says);
    expect(why?.endsWith(suggestion)).toBe(true);
  });

  it('says so in Japanese too', () => {
    expect(askMissReason('ja', query('MX www.example.test +norec @root'), want, suggestion)).toContain('このステップで尋ねるのは A です');
    expect(askMissReason('en', query('A www.example.test'), query('A www.example.test +norec'), 'x')).toContain('+norec');
    expect(askMissReason('en', query('A x.test +norec'), query('A x.test'), 'A x.test')).toContain('leave out +norec');
  });
});

describe('the response the step expects', () => {
  it('tells a referral and NODATA apart from answers', () => {
    expect([isReferral(REFERRAL), isNodata(REFERRAL)]).toEqual([true, false]);
    expect([isReferral(NODATA), isNodata(NODATA)]).toEqual([false, true]);
    expect([isReferral(MX_ANSWER), isNodata(MX_ANSWER)]).toEqual([false, false]);
    expect(isNodata(NXDOMAIN)).toBe(false);
    expect(responseLabel(REFERRAL)).toBe('NOERROR referral AA clear');
    expect(responseLabel(NXDOMAIN)).toBe('NXDOMAIN - AA set');
  });

  it('meets each expectation or names the part that differs', () => {
    expect(expectMisses(step({ expect: { answer: 'MX' } }).expect, MX_ANSWER, [])).toEqual([]);
    expect(expectMisses(step({ expect: { answer: 'MX' } }).expect, NODATA, []).map((m) => m.part)).toEqual(['answer']);
    expect(expectMisses(step({ expect: { referral: true, aa: false } }).expect, REFERRAL, [])).toEqual([]);
    expect(expectMisses(step({ expect: { referral: true, aa: false } }).expect, NXDOMAIN, []).map((m) => m.part)).toEqual(['rcode', 'aa', 'referral']);
    expect(expectMisses(step({ expect: { rcode: 'NXDOMAIN', soa: true } }).expect, NXDOMAIN, [])).toEqual([]);
    expect(expectMisses(step({ expect: { nodata: true, soa: true } }).expect, NODATA, [])).toEqual([]);
    expect(expectMisses(step({ expect: { nodata: true } }).expect, MX_ANSWER, [])).toEqual([{ part: 'nodata', want: 'NODATA', got: 'MX' }]);
  });

  it('matches the step pattern against the response as shown', () => {
    const lines = ['example.test. 300 IN MX 10 mail.example.test.'];
    expect(expectMisses(step().expect, MX_ANSWER, lines, 'IN MX 10 mail')).toEqual([]);
    expect(expectMisses(step().expect, MX_ANSWER, lines, 'IN MX 20')[0]?.part).toBe('match');
  });
});

describe('checker: a query step whose expected answer cannot happen', () => {
  const messages = (over: Record<string, unknown>) => queryProblems(step(over)).map((p) => p.message);

  it('accepts the lesson shapes it is made for', () => {
    expect(messages({ expect: { answer: 'MX' } })).toEqual([]);
    expect(messages({ query: 'A www.example.test +norec @root', expect: { referral: true, aa: false } })).toEqual([]);
    expect(messages({ query: 'A www.example.test +norec @ns.example.test', expect: { answer: 'CNAME', aa: true } })).toEqual([]);
    expect(messages({ query: 'A nowhere.example.test', expect: { rcode: 'NXDOMAIN', soa: true } })).toEqual([]);
  });

  it.each([
    [{ query: 'MXX example.test' }, 'are both names'],
    [{ query: 'MX example.test +fast' }, 'unknown option'],
    [{ expect: { answer: 'A' } }, 'cannot hold A'],
    [{ expect: { referral: true } }, 'the resolver follows referrals itself'],
    [{ expect: { aa: true } }, 'never authoritative'],
    [{ query: 'A x.test +norec @root', expect: { referral: true, aa: true } }, 'a referral is never authoritative'],
    [{ query: 'A x.test +norec @root', expect: { referral: true, answer: 'A' } }, 'a referral has no answer records'],
    [{ expect: { nodata: true, answer: 'MX' } }, 'NODATA means an empty answer'],
    [{ expect: { rcode: 'NXDOMAIN', answer: 'MX' } }, 'a NXDOMAIN response carries no MX record'],
    [{ expect: { rcode: 'REFUSED', nodata: true } }, 'NODATA is a NOERROR response'],
    [{ match: '(' }, 'not a valid pattern'],
  ])('%j: %s', (over, says) => {
    expect(messages(over).join('\n')).toContain(says);
  });

  it('refuses an unknown record type in expect at the schema', () => {
    expect(() => step({ expect: { answer: 'SPF' } })).toThrow();
    expect(() => step({ expect: { rcode: 'NOPE' } })).toThrow();
  });
});

describe('queryHint: a sentence from what the server said', () => {
  const ex = (line: string, response: DnsMessage, label = 'resolver'): DnsExchange => ({ query: query(line), target: { host: '127.0.0.1', port: 53, label }, sent: new Uint8Array(), response, lines: [], error: null });

  it('reads NXDOMAIN for another name as a typo, and REFUSED from a zone server as the wrong server', () => {
    expect(queryHint('en', ex('MX exmaple.test', NXDOMAIN), step())).toBe('exmaple.test does not exist in the lab (NXDOMAIN): check the spelling.');
    expect(queryHint('en', ex('MX example.com @ns.lab.test', message({ rcode: 5 }), 'ns.lab.test'), step())).toContain('REFUSED: ns.lab.test does not serve that name');
    expect(queryHint('ja', ex('MX example.com @ns.lab.test', message({ rcode: 5 }), 'ns.lab.test'), step())).toContain('REFUSED: ns.lab.test はその名前を担当しておらず');
    expect(queryHint('en', ex('MX example.test', MX_ANSWER), step())).toBeNull();
  });

  it('says nothing more for the resolver\'s REFUSED: the sentence about +norec leads out of it', () => {
    expect(queryHint('en', ex('MX example.test +norec', message({ rcode: 5 })), step())).toBeNull();
  });
});

describe('targetFor: the server a query names, in the lab DNS', () => {
  const dns = {
    resolver: { host: '127.0.0.1', port: 5300 },
    servers: [
      { name: 'a.root.test', role: 'root', address: { host: '127.0.0.2', port: 5300 } },
      { name: 'a.tld.test', role: 'tld', address: { host: '127.0.0.3', port: 5300 } },
      { name: 'ns.lab.test', role: 'auth', address: { host: '127.0.0.4', port: 5300 } },
    ],
  };

  it('by role, by name, by address; the resolver by default', () => {
    expect(targetFor(dns, null)).toEqual({ host: '127.0.0.1', port: 5300, label: 'resolver' });
    expect(targetFor(dns, 'root')?.host).toBe('127.0.0.2');
    expect(targetFor(dns, 'A.TLD.TEST')?.host).toBe('127.0.0.3');
    expect(targetFor(dns, '127.0.0.4')?.label).toBe('ns.lab.test');
    expect(targetFor(dns, 'nowhere')).toBeNull();
  });
});
