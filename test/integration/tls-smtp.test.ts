import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { Accounts, DEMO_ACCOUNTS } from '../../src/protocols/accounts.js';
import { plainResponse } from '../../src/protocols/sasl.js';
import { createSmtpServer } from '../../src/protocols/smtp/server.js';
import type { LineEvent, TlsEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { tlsLab } from '../support/tls-lab.js';
import { type LineClient, smtpEnd } from '../support/tls-fixture.js';

const tls = tlsLab();

async function start(opts: { implicit?: boolean; loginRequiresTls?: boolean } = {}) {
  const events: TranscriptEvent[] = [];
  const store = new MemoryStore();
  const server = createSmtpServer({
    store,
    accounts: new Accounts(DEMO_ACCOUNTS),
    sink: (e) => events.push(e),
    tls: tls.serverTls(opts.implicit),
    loginRequiresTls: opts.loginRequiresTls ?? false,
  });
  const client = await tls.greet(server, smtpEnd, opts.implicit);
  return { client, events, store };
}

async function cmd(c: LineClient, line: string): Promise<string[]> {
  c.send(`${line}\r\n`);
  return c.until(smtpEnd);
}

const lines = (events: TranscriptEvent[]) => events.filter((e): e is LineEvent => e.event === 'line');
const handshakes = (events: TranscriptEvent[]) => events.filter((e): e is TlsEvent => e.event === 'tls');

describe('SMTP STARTTLS (RFC 3207)', () => {
  it('advertises STARTTLS before TLS, not after, and requires a new EHLO', async () => {
    const { client, events } = await start();
    expect(await cmd(client, 'EHLO before.example')).toContain('250-STARTTLS');
    expect(await cmd(client, 'STARTTLS')).toEqual(['220 2.0.0 Ready to start TLS']);
    const tls = await client.upgrade();
    expect(tls.authorized).toBe(true);
    // The server forgot the cleartext EHLO (4.2): MAIL needs a new one.
    expect((await cmd(client, 'MAIL FROM:<a@example.com>'))[0]).toMatch(/^503 /);
    const ehlo = await cmd(client, 'EHLO after.example');
    expect(ehlo[0]).toBe('250-l7lab.localhost Hello after.example');
    expect(ehlo.join('\n')).not.toContain('STARTTLS');
    expect((await cmd(client, 'STARTTLS'))[0]).toMatch(/^503 5\.5\.1 /);

    const [hs] = handshakes(events);
    expect(hs).toMatchObject({ mode: 'starttls', discarded: 0, subject: expect.stringContaining('CN=localhost') });
    expect(hs?.version).toMatch(/^TLSv1\.[23]$/);
    expect(hs?.cipher.length).toBeGreaterThan(0);
    const shown = lines(events).map((e) => [e.text, e.tls === true]);
    expect(shown).toContainEqual(['EHLO before.example', false]);
    expect(shown).toContainEqual(['220 2.0.0 Ready to start TLS', false]);
    expect(shown).toContainEqual(['EHLO after.example', true]);
  });

  it('discards commands pipelined behind STARTTLS: they never run inside TLS', async () => {
    const { client, events, store } = await start();
    await cmd(client, 'EHLO client.example');
    client.send('STARTTLS\r\nMAIL FROM:<evil@example.com>\r\nRCPT TO:<bob@example.com>\r\n');
    expect(await client.until(smtpEnd)).toEqual(['220 2.0.0 Ready to start TLS']);
    await client.upgrade();
    expect(client.pending).toBe('');
    await cmd(client, 'EHLO client.example');
    // Had the injected MAIL run, RCPT would be accepted; without a transaction it is 503.
    expect((await cmd(client, 'RCPT TO:<bob@example.com>'))[0]).toMatch(/^503 /);
    expect((await cmd(client, 'DATA'))[0]).toMatch(/^503 /);
    expect(handshakes(events)[0]?.discarded).toBe('MAIL FROM:<evil@example.com>\r\nRCPT TO:<bob@example.com>\r\n'.length);
    expect(lines(events).some((e) => e.text.includes('evil'))).toBe(false);
    expect(await store.list('bob', 'INBOX')).toHaveLength(0);
  });

  it('speaks TLS from the first byte on an SMTPS port, without offering STARTTLS', async () => {
    const { client, events } = await start({ implicit: true });
    expect(client.tls?.authorized).toBe(true);
    const ehlo = await cmd(client, 'EHLO client.example');
    expect(ehlo.join('\n')).not.toContain('STARTTLS');
    expect(handshakes(events)[0]).toMatchObject({ mode: 'implicit' });
    expect(lines(events).every((e) => e.tls === true)).toBe(true);
  });

  it('with loginRequiresTls: PLAIN before TLS gets 538 5.7.11, after it 235', async () => {
    const { client } = await start({ loginRequiresTls: true });
    await cmd(client, 'EHLO client.example');
    const initial = plainResponse('alice', 'wonderland');
    expect((await cmd(client, `AUTH PLAIN ${initial}`))[0]).toMatch(/^538 5\.7\.11 /);
    expect((await cmd(client, 'AUTH LOGIN'))[0]).toMatch(/^538 5\.7\.11 /);
    await cmd(client, 'STARTTLS');
    await client.upgrade();
    await cmd(client, 'EHLO client.example');
    expect((await cmd(client, `AUTH PLAIN ${initial}`))[0]).toMatch(/^235 /);
  });

  it('a failed handshake closes that session only, with a notice', async () => {
    const { client, events } = await start();
    await cmd(client, 'EHLO client.example');
    await cmd(client, 'STARTTLS');
    client.send('this is not a TLS ClientHello\r\n');
    await expect(client.until(() => false)).rejects.toThrow(/closed/);
    const notice = events.find((e) => e.event === 'notice');
    expect(notice).toMatchObject({ level: 'warn', text: expect.stringMatching(/^TLS handshake failed/) });
    expect(events.at(-1)).toMatchObject({ event: 'disconnect', reason: 'tls-failed' });
  });
});
