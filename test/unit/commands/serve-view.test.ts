import { describe, expect, it } from 'vitest';
import { serveConfig } from '../../../src/commands/serve-config.js';
import { banner, dnsRows } from '../../../src/commands/serve-banner.js';
import { liveLogText } from '../../../src/commands/serve-view.js';
import type { Lab } from '../../../src/lab.js';
import type { LabDns } from '../../../src/protocols/dns/hierarchy.js';

describe('serve live log', () => {
  const drop = { event: 'disconnect', protocol: 'smtp', session: 'smtp-3', remote: '127.0.0.1:5000', reason: 'dropped by l7lab rule 2 (simulated failure)' } as const;

  it('explains a simulated drop, which has no reply line of its own (en and ja)', () => {
    const en = liveLogText(drop, { showSecrets: false, lang: 'en' }) ?? '';
    expect(en).toContain('smtp-3 closed (dropped by l7lab rule 2 (simulated failure))');
    expect(en).toMatch(/the server hung up without a reply, .*retries later, which is how duplicates happen \(RFC 5321 3\.8, RFC 1047\)/);
    expect(liveLogText(drop, { showSecrets: false, lang: 'ja' })).toMatch(/サーバーが応答せずに接続を切った/);
  });

  it('speaks Japanese under --lang ja: connect, close, a captured message (issue 21 item 5)', () => {
    const ja = { showSecrets: false, lang: 'ja' } as const;
    expect(liveLogText({ event: 'connect', protocol: 'smtp', session: 'smtp-3', remote: '127.0.0.1:5000' }, ja)).toBe('smtp-3 が 127.0.0.1:5000 から接続しました');
    expect(liveLogText({ ...drop, reason: 'quit' }, ja)).toBe('smtp-3 が閉じました (quit)');
    const message = { event: 'message', protocol: 'smtp', session: 'smtp-3', from: 'a@x.test', to: ['b@y.test'], size: 12, ids: ['7'] } as const;
    expect(liveLogText(message as never, ja)).toBe('smtp-3 が <a@x.test> から <b@y.test> へのメッセージを受け取りました (12 オクテット、ID 7)。中継はしていません');
    expect(liveLogText(message as never, { ...ja, lang: 'en' })).toBe('smtp-3 captured a message from <a@x.test> to <b@y.test> (12 octets), id 7: nothing was relayed');
  });

  it('an ordinary close stays one line', () => {
    expect(liveLogText({ ...drop, reason: 'quit' }, { showSecrets: false, lang: 'en' })?.split('\n')).toHaveLength(1);
  });
});

describe('serve banner: the web ports', () => {
  const lab = {
    endpoints: { smtp: { host: '127.0.0.1', port: 2525 }, http: { host: '127.0.0.1', port: 2080 } },
    tlsEndpoints: { http: { host: '127.0.0.1', port: 2443 } },
  } as unknown as Lab;
  const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

  it('HTTP is never said to offer STARTTLS, even with --starttls; HTTPS is TLS from the first byte; the inbox URL is printed', () => {
    const text = plain(banner(lab, serveConfig({ starttls: true, memory: true }, {}), null, '/home/u'));
    expect(text).toMatch(/│ SMTP +│ 127\.0\.0\.1 │ 2525 │ send mail \(captured, not relayed\), STARTTLS/);
    expect(text).toMatch(/│ HTTP +│ 127\.0\.0\.1 │ 2080 │ web inbox and JSON API, no TLS +│/);
    expect(text).toMatch(/│ HTTPS +│ 127\.0\.0\.1 │ 2443 │ TLS from the first byte +│/);
    expect(text).toContain('  Web inbox (updates live): http://127.0.0.1:2080/\n  curl http://127.0.0.1:2080/api/messages');
  });

  it('names `mail list` with the Maildir serve writes, and not under --memory, whose mail no other process can read', () => {
    const onDisk = plain(banner(lab, serveConfig({ store: '/home/u/mail' }, {}), null, '/home/u'));
    expect(onDisk).toContain('  l7lab mail list --store ~/mail\n');
    const inMemory = plain(banner(lab, serveConfig({ memory: true }, {}), null, '/home/u'));
    expect(inMemory).not.toContain('l7lab mail list');
    expect(inMemory).toContain('  curl http://127.0.0.1:2080/api/messages');
  });

  it('a wildcard or IPv6 host becomes a URL a browser can open', () => {
    const v6 = { ...lab, endpoints: { http: { host: '::', port: 2080 } } } as unknown as Lab;
    expect(plain(banner(v6, serveConfig({ memory: true }, {}), null))).toContain('http://[::1]:2080/');
  });
});

describe('serve banner: DNS (issue 17)', () => {
  const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
  const dns: LabDns = {
    resolver: { host: '127.0.0.1', port: 2053 },
    root: { host: '127.0.0.2', port: 2053 },
    fallback: false,
    servers: [
      { name: 'a.root.test', role: 'root', ip: '127.0.0.2', address: { host: '127.0.0.2', port: 2053 }, zones: [''] },
      { name: 'a.tld.test', role: 'tld', ip: '127.0.0.3', address: { host: '127.0.0.3', port: 2053 }, zones: ['test', 'com', 'net', 'arpa'] },
      { name: 'ns.lab.test', role: 'auth', ip: '127.0.0.4', address: { host: '127.0.0.4', port: 2053 }, zones: ['lab.test', 'example.test', 'example.net'] },
    ],
  };

  it('names each authoritative server with its address and zones, the rest counted', () => {
    const en = dnsRows(dns, 'en');
    expect(en).toEqual([
      ['  root', '127.0.0.2', 2053, 'a.root.test: the root zone'],
      ['  tld', '127.0.0.3', 2053, 'a.tld.test: test +3 more'],
      ['  auth', '127.0.0.4', 2053, 'ns.lab.test: lab.test +2 more'],
    ]);
    expect(dnsRows(dns, 'ja')[1]?.[3]).toBe('a.tld.test: test ほか 3 個');
  });

  it('the resolver row says what it is and never offers STARTTLS; Try it has the dig line', () => {
    const lab = { endpoints: { smtp: { host: '127.0.0.1', port: 2525 }, dns: { host: '127.0.0.1', port: 2053 } }, tlsEndpoints: {}, dns } as unknown as Lab;
    const text = plain(banner(lab, serveConfig({ starttls: true, memory: true }, {}), null, '/home/u'));
    expect(text).toMatch(/│ DNS +│ 127\.0\.0\.1 │ 2053 │ names: the lab resolver \(recursive\) +│\n│ {3}root +│ 127\.0\.0\.2 │ 2053 │ a\.root\.test: the root zone +│/);
    expect(text).toMatch(/│ {3}auth +│ 127\.0\.0\.4 │ 2053 │ ns\.lab\.test: lab\.test \+2 more +│/);
    expect(text).not.toContain('only 127.0.0.1 is loopback');
    const mac = { ...lab, dns: { ...dns, fallback: true } } as unknown as Lab;
    expect(plain(banner(mac, serveConfig({ memory: true }, {}), null))).toContain('DNS: only 127.0.0.1 is loopback here, so each server has a port of its own.');
    expect(text).toContain('  dig @127.0.0.1 -p 2053 MX example.net');
    expect(text.split('\n').filter((l) => [...l].length > 80)).toEqual([]);
  });

  it("the live log leaves the hierarchy's start-up notice to the banner, and wraps a long warning to the width", () => {
    const cfg = { showSecrets: false, lang: 'en' } as const;
    expect(liveLogText({ event: 'notice', protocol: 'dns', level: 'info', text: 'DNS hierarchy: a.root.test 127.0.0.2:2053 (.)' }, cfg)).toBeNull();
    const warn = liveLogText({ event: 'notice', protocol: 'dns', level: 'warn', text: '127.0.0.2 cannot be bound here (only 127.0.0.1 is loopback on this system): every DNS server runs on 127.0.0.1 at a port of its own' }, cfg) ?? '';
    expect(plain(warn)).toContain('dns: 127.0.0.2 cannot be bound here');
    expect(plain(warn).split('\n').length).toBeGreaterThan(1);
    expect(plain(warn).split('\n').filter((l) => l.length > 80)).toEqual([]);
  });
});
