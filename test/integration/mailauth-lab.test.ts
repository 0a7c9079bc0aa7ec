import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab.js';
import { checkDmarc } from '../../src/mailauth/dmarc.js';
import { prependSignature, signDkim, verifyDkim } from '../../src/mailauth/dkim.js';
import { labAuthDns } from '../../src/mailauth/lab-dns.js';
import { LAB_DKIM_KEY_RECORD, LAB_DKIM_PRIVATE_KEY } from '../../src/mailauth/lab-key.js';
import { checkSpf } from '../../src/mailauth/spf.js';
import type { TranscriptEvent } from '../../src/protocols/transcript.js';
import { runProgram } from '../support/programs.js';

/** The checks over the running lab's own DNS: every question goes to the lab resolver on 127.0.0.1. */
const labs: Lab[] = [];
afterEach(async () => {
  for (const l of labs.splice(0)) await l.close();
});

async function lab(events: TranscriptEvent[] = []): Promise<Lab> {
  const l = await startLab({ protocols: ['dns'], sink: (e) => events.push(e) });
  labs.push(l);
  return l;
}

const MESSAGE = ['From: Alice <alice@example.com>', 'To: bob@example.net', 'Subject: Lunch?', 'Date: Thu, 03 Dec 2026 09:00:00 +0000', '', 'At noon?', ''].join('\r\n');

describe('mail authentication over the lab DNS', () => {
  it('SPF: the lab host may send for example.com, not for example.net (a spoof), and the resolver saw the questions', async () => {
    const events: TranscriptEvent[] = [];
    const dns = labAuthDns(await lab(events));
    const good = await checkSpf('127.0.0.1', 'alice@example.com', 'lab.test', dns);
    expect(good).toMatchObject({ result: 'pass', domain: 'example.com', record: 'v=spf1 ip4:127.0.0.1 -all', matched: 'ip4:127.0.0.1' });
    expect(good.steps[0]?.dns).toEqual({ name: 'example.com', type: 'TXT', answer: '"v=spf1 ip4:127.0.0.1 -all"' });
    const spoof = await checkSpf('127.0.0.1', 'bob@example.net', 'lab.test', dns);
    expect(spoof).toMatchObject({ result: 'fail', matched: '-all' });
    expect(JSON.stringify(events)).toContain('example.net');
  });

  it('DKIM: the lab key, published in 255-octet strings, verifies a signed message; the revoked selector does not', async () => {
    const dns = labAuthDns(await lab());
    const txt = await dns.txt('lab._domainkey.example.com');
    expect(txt).toEqual({ kind: 'records', records: [LAB_DKIM_KEY_RECORD] });
    const opts = { domain: 'example.com', selector: 'lab', privateKey: LAB_DKIM_PRIVATE_KEY };
    const signed = prependSignature(Buffer.from(MESSAGE), signDkim(Buffer.from(MESSAGE), opts));
    expect((await verifyDkim(signed, dns))[0]).toMatchObject({ result: 'pass', domain: 'example.com', bodyHashMatches: true });
    const revoked = prependSignature(Buffer.from(MESSAGE), signDkim(Buffer.from(MESSAGE), { ...opts, selector: 'revoked' }));
    expect((await verifyDkim(revoked, dns))[0]?.result).toBe('permerror');
    const absent = prependSignature(Buffer.from(MESSAGE), signDkim(Buffer.from(MESSAGE), { ...opts, selector: 'nokey' }));
    expect((await verifyDkim(absent, dns))[0]?.result).toBe('permerror');
  });

  it('DMARC: example.com passes with its signature; mail from the lab host as example.net fails with p=quarantine', async () => {
    const dns = labAuthDns(await lab());
    const signed = prependSignature(Buffer.from(MESSAGE), signDkim(Buffer.from(MESSAGE), { domain: 'example.com', selector: 'lab', privateKey: LAB_DKIM_PRIVATE_KEY }));
    const dkim = await verifyDkim(signed, dns);
    const pass = await checkDmarc('Alice <alice@example.com>', await checkSpf('127.0.0.1', 'alice@example.com', 'lab.test', dns), dkim, dns);
    expect(pass).toMatchObject({ result: 'pass', policy: 'reject', spfAligned: true, dkimAligned: true });
    const spoof = await checkDmarc('Bob <bob@example.net>', await checkSpf('127.0.0.1', 'bob@example.net', 'lab.test', dns), [], dns);
    expect(spoof).toMatchObject({ result: 'fail', policy: 'quarantine', spfAligned: false, dkimAligned: false });
    const sub = await checkDmarc('noreply@shop.example.com', await checkSpf('127.0.0.1', 'noreply@shop.example.com', 'lab.test', dns), [], dns);
    expect(sub).toMatchObject({ result: 'fail', policy: 'reject' });
  });

  it('dig shows the key record as character-strings of at most 255 octets (RFC 1035 3.3.14)', async () => {
    const port = (await lab()).dns!.resolver.port;
    const out = await runProgram('dig', ['@127.0.0.1', '-p', String(port), 'lab._domainkey.example.com', 'TXT', '+short', '+tries=1', '+time=5'], 15_000);
    expect(out.code).toBe(0);
    const strings = [...out.stdout.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    expect(strings.length).toBe(2);
    expect(strings[0]!.length).toBe(255);
    expect(strings.join('')).toBe(LAB_DKIM_KEY_RECORD);
  });

  it('a lab without DNS is refused with a sentence', async () => {
    expect(() => labAuthDns({})).toThrow(/lab DNS is not running/);
  });
});
