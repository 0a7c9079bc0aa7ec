import { describe, expect, it } from 'vitest';
import { aligned, checkDmarc, fromDomain, organizationalDomain, parseDmarc } from '../../../src/mailauth/dmarc.js';
import type { DkimCheck, SpfCheck } from '../../../src/mailauth/types.js';
import { fakeDns } from './fake-dns.js';

const spf = (result: SpfCheck['result'], domain: string): SpfCheck => ({ result, domain, ip: '127.0.0.1', steps: [] });
const dkim = (result: DkimCheck['result'], domain: string): DkimCheck => ({ result, domain, selector: 'lab', signedHeaders: ['from'], steps: [] });

const DNS = fakeDns({
  txt: {
    '_dmarc.example.com': ['v=DMARC1; p=reject; sp=quarantine'],
    '_dmarc.strict.test': ['v=DMARC1; p=reject; adkim=s; aspf=s'],
    '_dmarc.two.test': ['v=DMARC1; p=reject', 'v=DMARC1; p=none'],
    '_dmarc.bad.test': ['v=DMARC1; p=maybe'],
    '_dmarc.sub.two.test': ['v=DMARC1; p=none', 'v=DMARC1; p=quarantine'],
  },
  failing: ['_dmarc.broken.test'],
});

describe('DMARC alignment (RFC 7489 3.1)', () => {
  it('relaxed: the same organizational domain; strict: the same name', () => {
    expect(aligned('mail.example.com', 'example.com', 'r')).toBe(true);
    expect(aligned('mail.example.com', 'example.com', 's')).toBe(false);
    expect(aligned('Example.COM', 'example.com', 's')).toBe(true);
    expect(aligned('example.net', 'example.com', 'r')).toBe(false);
  });
  it('the lab\'s organizational domain is the last two labels (no Public Suffix List)', () => {
    expect(organizationalDomain('a.b.shop.example.com')).toBe('example.com');
    expect(organizationalDomain('example.test')).toBe('example.test');
  });
  it('reads the From domain of a field value or an address', () => {
    expect(fromDomain('Alice <alice@Example.COM>')).toBe('example.com');
    expect(fromDomain('alice@example.com')).toBe('example.com');
    expect(fromDomain('undisclosed-recipients:;')).toBeNull();
  });
  it('parses p, sp, adkim, aspf; an invalid p= makes no record (RFC 7489 6.3, 6.6.3)', () => {
    expect(parseDmarc('v=DMARC1; p=quarantine; adkim=s; pct=50; rua=mailto:d@example.com')).toEqual({ p: 'quarantine', adkim: 's', aspf: 'r' });
    expect(parseDmarc('v=DMARC1; p=maybe')).toBeNull();
    expect(parseDmarc('v=DMARC1; p=maybe; rua=mailto:d@example.com')).toEqual({ p: 'none', adkim: 'r', aspf: 'r' });
    expect(parseDmarc('v=DMARC1; p=none; aspf=x')).toBeNull();
  });
});

describe('checkDmarc', () => {
  it('passes with an aligned DKIM pass even when SPF fails (RFC 7489 6.6.2)', async () => {
    const r = await checkDmarc('Alice <alice@example.com>', spf('fail', 'bounces.example.net'), [dkim('pass', 'example.com')], DNS);
    expect(r).toMatchObject({ result: 'pass', fromDomain: 'example.com', policy: 'reject', spfAligned: false, dkimAligned: true });
  });
  it('passes with an aligned SPF pass and no signature', async () => {
    const r = await checkDmarc('alice@example.com', spf('pass', 'mail.example.com'), [], DNS);
    expect(r).toMatchObject({ result: 'pass', spfAligned: true, dkimAligned: false });
  });
  it('fails when the passing identifiers belong to another domain: the spoof case', async () => {
    const r = await checkDmarc('ceo@example.com', spf('pass', 'example.net'), [dkim('pass', 'example.net'), dkim('fail', 'example.com')], DNS);
    expect(r).toMatchObject({ result: 'fail', policy: 'reject', spfAligned: false, dkimAligned: false });
    expect(r.steps.at(-1)?.key).toBe('dmarc.fail');
  });
  it('strict alignment rejects a subdomain that relaxed would accept', async () => {
    const r = await checkDmarc('a@strict.test', spf('pass', 'mail.strict.test'), [dkim('pass', 'mail.strict.test')], DNS);
    expect(r).toMatchObject({ result: 'fail', spfAligned: false, dkimAligned: false });
  });
  it('falls back to the organizational domain and applies sp= there (RFC 7489 6.6.3, 6.3)', async () => {
    const r = await checkDmarc('noreply@shop.example.com', spf('none', 'shop.example.com'), [], DNS);
    expect(r).toMatchObject({ result: 'fail', policy: 'quarantine' });
    expect(r.steps.filter((s) => s.key === 'dmarc.lookup').map((s) => s.params.name)).toEqual(['_dmarc.shop.example.com', '_dmarc.example.com']);
  });
  it('none without a record, with two records, or with an invalid one; temperror when DNS fails; permerror without a From domain', async () => {
    expect((await checkDmarc('a@nothing.test', spf('pass', 'nothing.test'), [], DNS)).result).toBe('none');
    expect((await checkDmarc('a@two.test', spf('pass', 'two.test'), [], DNS)).result).toBe('none');
    expect((await checkDmarc('a@bad.test', spf('pass', 'bad.test'), [], DNS)).result).toBe('none');
    // Two records at the From domain end discovery there: no fallback to two.test's own (6.6.3 step 5).
    const sub = await checkDmarc('a@sub.two.test', spf('fail', 'sub.two.test'), [], DNS);
    expect(sub.result).toBe('none');
    expect(sub.steps.filter((s) => s.key === 'dmarc.lookup')).toHaveLength(1);
    expect((await checkDmarc('a@broken.test', spf('pass', 'broken.test'), [], DNS)).result).toBe('temperror');
    expect((await checkDmarc('nobody', spf('pass', 'x.test'), [], DNS)).result).toBe('permerror');
  });
});
