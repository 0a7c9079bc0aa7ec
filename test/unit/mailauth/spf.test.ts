import { describe, expect, it } from 'vitest';
import { checkSpf } from '../../../src/mailauth/spf.js';
import { expandMacros, parseRecord } from '../../../src/mailauth/spf-terms.js';
import { fakeDns } from './fake-dns.js';

/** RFC 7208 appendix A's example.com (A.1-A.4), as far as the lab's mechanisms go. */
const APPENDIX_A = {
  txt: {},
  addr: {
    'example.com': ['192.0.2.10', '192.0.2.11'],
    'amy.example.com': ['192.0.2.65'],
    'bob.example.com': ['192.0.2.66'],
    'mail-a.example.com': ['192.0.2.129'],
    'mail-b.example.com': ['192.0.2.130'],
    'mail-c.example.org': ['192.0.2.140'],
  },
  mx: { 'example.com': ['mail-a.example.com', 'mail-b.example.com'], 'example.org': ['mail-c.example.org'] },
};

async function spf(record: string, ip: string, extra: Record<string, string[]> = {}): Promise<string> {
  const dns = fakeDns({ ...APPENDIX_A, txt: { 'example.com': [record], ...extra } });
  return (await checkSpf(ip, 'alice@example.com', 'mx.example.com', dns)).result;
}

describe('SPF mechanisms: RFC 7208 appendix A.1', () => {
  it('"v=spf1 +all" passes everyone; "-all" fails everyone', async () => {
    expect(await spf('v=spf1 +all', '203.0.113.9')).toBe('pass');
    expect(await spf('v=spf1 -all', '192.0.2.10')).toBe('fail');
  });
  it('"v=spf1 a -all" passes 192.0.2.10 and .11 only', async () => {
    expect(await spf('v=spf1 a -all', '192.0.2.10')).toBe('pass');
    expect(await spf('v=spf1 a -all', '192.0.2.11')).toBe('pass');
    expect(await spf('v=spf1 a -all', '192.0.2.12')).toBe('fail');
  });
  it('"v=spf1 a:example.org -all" fails: example.org has no A records here', async () => {
    expect(await spf('v=spf1 a:example.org -all', '192.0.2.10')).toBe('fail');
  });
  it('"v=spf1 mx -all" passes the MX hosts 192.0.2.129 and .130', async () => {
    expect(await spf('v=spf1 mx -all', '192.0.2.129')).toBe('pass');
    expect(await spf('v=spf1 mx -all', '192.0.2.130')).toBe('pass');
    expect(await spf('v=spf1 mx -all', '192.0.2.10')).toBe('fail');
  });
  it('"v=spf1 mx:example.org -all" and "v=spf1 mx mx:example.org -all"', async () => {
    expect(await spf('v=spf1 mx:example.org -all', '192.0.2.140')).toBe('pass');
    expect(await spf('v=spf1 mx mx:example.org -all', '192.0.2.129')).toBe('pass');
    expect(await spf('v=spf1 mx mx:example.org -all', '192.0.2.140')).toBe('pass');
  });
  it('"v=spf1 mx/30 mx:example.org/30 -all" passes 192.0.2.128-131 and 140-143', async () => {
    expect(await spf('v=spf1 mx/30 mx:example.org/30 -all', '192.0.2.131')).toBe('pass');
    expect(await spf('v=spf1 mx/30 mx:example.org/30 -all', '192.0.2.143')).toBe('pass');
    expect(await spf('v=spf1 mx/30 mx:example.org/30 -all', '192.0.2.132')).toBe('fail');
  });
  it('"v=spf1 ip4:192.0.2.128/28 -all" passes 192.0.2.128-143', async () => {
    expect(await spf('v=spf1 ip4:192.0.2.128/28 -all', '192.0.2.143')).toBe('pass');
    expect(await spf('v=spf1 ip4:192.0.2.128/28 -all', '192.0.2.144')).toBe('fail');
  });
  it('ip6 with a prefix; an IPv4 client never matches ip6 and the other way round (RFC 7208 5.6)', async () => {
    expect(await spf('v=spf1 ip6:2001:db8::/32 -all', '2001:db8:1::5')).toBe('pass');
    expect(await spf('v=spf1 ip6:2001:db8::/32 -all', '2001:db9::5')).toBe('fail');
    expect(await spf('v=spf1 ip4:0.0.0.0/0 -all', '2001:db8::1')).toBe('fail');
  });
  it('qualifiers: ~ softfail, ? neutral, no match and no redirect neutral (RFC 7208 4.6.2, 4.7)', async () => {
    expect(await spf('v=spf1 ~all', '192.0.2.1')).toBe('softfail');
    expect(await spf('v=spf1 ?all', '192.0.2.1')).toBe('neutral');
    expect(await spf('v=spf1 ip4:198.51.100.1', '192.0.2.1')).toBe('neutral');
  });
  it('ptr never matches in the lab and says why (RFC 7208 5.5)', async () => {
    const dns = fakeDns({ txt: { 'example.com': ['v=spf1 ptr -all'] } });
    const r = await checkSpf('192.0.2.10', 'a@example.com', 'h', dns);
    expect(r.result).toBe('fail');
    expect(r.steps.map((s) => s.key)).toContain('spf.ptr-skipped');
  });
  it('exists: matches when the expanded name has an A record (RFC 7208 5.7)', async () => {
    const dns = fakeDns({ txt: { 'example.com': ['v=spf1 exists:%{i}.ok.example.com -all'] }, addr: { '192.0.2.7.ok.example.com': ['127.0.0.2'] } });
    expect((await checkSpf('192.0.2.7', 'a@example.com', 'h', dns)).result).toBe('pass');
    expect((await checkSpf('192.0.2.8', 'a@example.com', 'h', dns)).result).toBe('fail');
  });
});

describe('SPF include and redirect', () => {
  const zone = {
    txt: {
      'example.com': ['v=spf1 include:_spf.example.net -all'],
      '_spf.example.net': ['v=spf1 ip4:198.51.100.0/24 ~all'],
      'r.example.com': ['v=spf1 redirect=example.com'],
      'nothing.example.com': ['v=spf1 include:absent.example.com -all'],
      'gone.example.com': ['v=spf1 redirect=absent.example.com'],
    },
  };
  it('include matches only on the included pass; its softfail is no match (RFC 7208 5.2)', async () => {
    const dns = fakeDns(zone);
    const pass = await checkSpf('198.51.100.4', 'a@example.com', 'h', dns);
    expect([pass.result, pass.matched]).toEqual(['pass', 'include:_spf.example.net']);
    expect((await checkSpf('203.0.113.4', 'a@example.com', 'h', dns)).result).toBe('fail');
  });
  it('redirect= takes the target\'s result; an include or redirect of a name without a record is a permerror', async () => {
    const dns = fakeDns(zone);
    expect((await checkSpf('198.51.100.4', 'a@r.example.com', 'h', dns)).result).toBe('pass');
    expect((await checkSpf('203.0.113.4', 'a@r.example.com', 'h', dns)).result).toBe('fail');
    expect((await checkSpf('198.51.100.4', 'a@nothing.example.com', 'h', dns)).result).toBe('permerror');
    expect((await checkSpf('198.51.100.4', 'a@gone.example.com', 'h', dns)).result).toBe('permerror');
  });
});

describe('SPF record selection and errors', () => {
  it('none without a record, none for a name that does not exist (RFC 7208 4.5, 4.3)', async () => {
    const dns = fakeDns({ txt: { 'example.com': ['google-site-verification=abc'] } });
    expect((await checkSpf('192.0.2.1', 'a@example.com', 'h', dns)).result).toBe('none');
    expect((await checkSpf('192.0.2.1', 'a@nowhere.example', 'h', dns)).result).toBe('none');
  });
  it('two v=spf1 records are a permerror; "v=spf10" is not a record (RFC 7208 4.5)', async () => {
    const two = fakeDns({ txt: { 'example.com': ['v=spf1 -all', 'v=spf1 +all'] } });
    const r = await checkSpf('192.0.2.1', 'a@example.com', 'h', two);
    expect(r.result).toBe('permerror');
    expect(r.steps.map((s) => s.key)).toContain('spf.multiple-records');
    const ten = fakeDns({ txt: { 'example.com': ['v=spf10 -all', 'v=spf1 +all'] } });
    expect((await checkSpf('192.0.2.1', 'a@example.com', 'h', ten)).result).toBe('pass');
  });
  it('a syntax error anywhere is a permerror before any term is tried (RFC 7208 4.6)', async () => {
    for (const bad of ['v=spf1 +all foo', 'v=spf1 ip4:192.0.2.300 +all', 'v=spf1 a/33 +all', 'v=spf1 include +all', 'v=spf1 redirect=a.example redirect=b.example']) {
      const r = await checkSpf('192.0.2.1', 'a@example.com', 'h', fakeDns({ txt: { 'example.com': [bad] } }));
      expect(r.result, bad).toBe('permerror');
      expect(r.matched, bad).toBeUndefined();
    }
  });
  it('an unknown modifier is ignored (RFC 7208 6)', async () => {
    expect(await spf('v=spf1 moo=cow -all', '192.0.2.1')).toBe('fail');
  });
  it('a DNS error is a temperror (RFC 7208 4.4)', async () => {
    expect((await checkSpf('192.0.2.1', 'a@example.com', 'h', fakeDns({ failing: ['example.com'] }))).result).toBe('temperror');
    const dns = fakeDns({ txt: { 'example.com': ['v=spf1 a:broken.example.com -all'] }, failing: ['broken.example.com'] });
    expect((await checkSpf('192.0.2.1', 'a@example.com', 'h', dns)).result).toBe('temperror');
  });
  it('an empty MAIL FROM checks postmaster@HELO (RFC 7208 2.4)', async () => {
    const dns = fakeDns({ txt: { 'mx.example.com': ['v=spf1 ip4:192.0.2.1 -all'] } });
    const r = await checkSpf('192.0.2.1', '<>', 'mx.example.com', dns);
    expect([r.result, r.domain]).toEqual(['pass', 'mx.example.com']);
    expect(r.steps[0]?.key).toBe('spf.empty-mail-from');
  });
});

describe('SPF limits (RFC 7208 4.6.4)', () => {
  it('the 11th DNS-lookup term is a permerror', async () => {
    const txt: Record<string, string[]> = { 'example.com': ['v=spf1 include:i1.example.com -all'] };
    for (let i = 1; i <= 11; i++) txt[`i${i}.example.com`] = [`v=spf1 include:i${i + 1}.example.com -all`];
    const r = await checkSpf('192.0.2.1', 'a@example.com', 'h', fakeDns({ txt }));
    expect(r.result).toBe('permerror');
    expect(r.steps.at(-2)?.key).toBe('spf.lookup-limit');
  });
  it('an include loop ends at the lookup limit, not in a hang', async () => {
    const dns = fakeDns({ txt: { 'example.com': ['v=spf1 include:loop.example.com -all'], 'loop.example.com': ['v=spf1 include:example.com -all'] } });
    const r = await checkSpf('192.0.2.1', 'a@example.com', 'h', dns);
    expect(r.result).toBe('permerror');
    expect(r.record).toBe('v=spf1 include:loop.example.com -all');
    expect(dns.asked.length).toBeLessThanOrEqual(12);
  });
  it('a third void lookup is a permerror', async () => {
    const r = await checkSpf('192.0.2.1', 'a@example.com', 'h', fakeDns({ txt: { 'example.com': ['v=spf1 a:n1.example a:n2.example a:n3.example +all'] } }));
    expect(r.result).toBe('permerror');
    expect(r.steps.some((s) => s.key === 'spf.void-limit')).toBe(true);
    expect(await spf('v=spf1 a:n1.example a:n2.example +all', '192.0.2.1')).toBe('pass');
  });
  it('more than 10 MX names is a permerror', async () => {
    const names = Array.from({ length: 11 }, (_, i) => `m${i}.example.com`);
    const dns = fakeDns({ txt: { 'example.com': ['v=spf1 mx -all'] }, mx: { 'example.com': names } });
    expect((await checkSpf('192.0.2.1', 'a@example.com', 'h', dns)).result).toBe('permerror');
  });
  it('a huge TXT record is a permerror, read once', async () => {
    const huge = `v=spf1 ${'ip4:192.0.2.1 '.repeat(2000)}-all`;
    const r = await checkSpf('192.0.2.1', 'a@example.com', 'h', fakeDns({ txt: { 'example.com': [huge] } }));
    expect(r.result).toBe('permerror');
    expect(r.steps.map((s) => s.key)).toContain('spf.record-too-long');
  });
});

describe('SPF macros (RFC 7208 7)', () => {
  const ctx = { sender: 'strong-bad@email.example.com', domain: 'email.example.com', ip: '192.0.2.3', helo: 'mx.example.org' };
  it('expands the simple macros of RFC 7208 7.4', () => {
    expect(expandMacros('%{s}', ctx)).toEqual({ ok: true, value: 'strong-bad@email.example.com' });
    expect(expandMacros('%{o}', ctx)).toEqual({ ok: true, value: 'email.example.com' });
    expect(expandMacros('%{d}', ctx)).toEqual({ ok: true, value: 'email.example.com' });
    expect(expandMacros('%{l}.%{h}', ctx)).toEqual({ ok: true, value: 'strong-bad.mx.example.org' });
    expect(expandMacros('%{i}._spf.%{d}', ctx)).toEqual({ ok: true, value: '192.0.2.3._spf.email.example.com' });
    expect(expandMacros('%{i}', { ...ctx, ip: '2001:db8::cb01' })).toEqual({
      ok: true,
      value: '2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.b.0.1',
    });
    expect(expandMacros('a%%b%_c%-d', ctx)).toEqual({ ok: true, value: 'a%b c%20d' });
  });
  it('transformers and other letters are unsupported; a stray % is a syntax error', async () => {
    expect(expandMacros('%{ir}.x', ctx)).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(expandMacros('%{d2}', ctx)).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(expandMacros('%{p}', ctx)).toMatchObject({ ok: false, reason: 'unsupported' });
    expect(expandMacros('%x', ctx)).toMatchObject({ ok: false, reason: 'syntax' });
    const r = await checkSpf('192.0.2.3', 'a@example.com', 'h', fakeDns({ txt: { 'example.com': ['v=spf1 exists:%{ir}.x.example.com -all'] } }));
    expect(r.result).toBe('permerror');
    expect(r.steps.map((s) => s.key)).toContain('spf.macro-unsupported');
  });
  it('parses the terms of a record', () => {
    const p = parseRecord('v=spf1 -a:mail.example.com/24//64 ~ip6:2001:db8::/48 exp=e.example.com');
    expect(p).toEqual({
      ok: true,
      record: {
        mechanisms: [
          { qualifier: '-', name: 'a', text: '-a:mail.example.com/24//64', domainSpec: 'mail.example.com', cidr4: 24, cidr6: 64 },
          { qualifier: '~', name: 'ip6', text: '~ip6:2001:db8::/48', network: '2001:db8::', cidr6: 48 },
        ],
      },
    });
  });
});
