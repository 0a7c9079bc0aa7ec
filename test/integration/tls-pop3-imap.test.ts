import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { Accounts, DEMO_ACCOUNTS } from '../../src/protocols/accounts.js';
import { createImapServer } from '../../src/protocols/imap/server.js';
import { createPop3Server } from '../../src/protocols/pop3/server.js';
import type { LineEvent, TlsEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { tlsLab } from '../support/tls-lab.js';
import type { LineClient } from '../support/tls-fixture.js';

const tls = tlsLab();

const accounts = () => new Accounts(DEMO_ACCOUNTS);
const popEnd = (l: string) => l.startsWith('+OK') || l.startsWith('-ERR');
const listEnd = (l: string) => l === '.';
const tagged = (tag: string) => (l: string) => l.startsWith(`${tag} `);
const handshakes = (events: TranscriptEvent[]) => events.filter((e): e is TlsEvent => e.event === 'tls');
const lineEvents = (events: TranscriptEvent[]) => events.filter((e): e is LineEvent => e.event === 'line');

async function pop3(opts: { implicit?: boolean } = {}) {
  const events: TranscriptEvent[] = [];
  const server = createPop3Server({ store: new MemoryStore(), accounts: accounts(), sink: (e) => events.push(e), tls: tls.serverTls(opts.implicit) });
  return { client: await tls.greet(server, popEnd, opts.implicit), events };
}

async function imap(opts: { implicit?: boolean; loginRequiresTls?: boolean } = {}) {
  const events: TranscriptEvent[] = [];
  const server = createImapServer({
    store: new MemoryStore(),
    accounts: accounts(),
    sink: (e) => events.push(e),
    tls: tls.serverTls(opts.implicit),
    loginRequiresTls: opts.loginRequiresTls ?? false,
  });
  return { client: await tls.greet(server, (l) => l.startsWith('* OK'), opts.implicit), events };
}

async function say(c: LineClient, line: string, end: (l: string) => boolean): Promise<string[]> {
  c.send(`${line}\r\n`);
  return c.until(end);
}

describe('POP3 STLS (RFC 2595 4)', () => {
  it('announces STLS in CAPA before TLS and not after; USER/PASS then travel encrypted', async () => {
    const { client, events } = await pop3();
    expect(await say(client, 'CAPA', listEnd)).toContain('STLS');
    expect(await say(client, 'STLS', popEnd)).toEqual(['+OK Begin TLS negotiation']);
    expect((await client.upgrade()).authorized).toBe(true);
    expect(await say(client, 'CAPA', listEnd)).not.toContain('STLS');
    expect((await say(client, 'STLS', popEnd))[0]).toMatch(/^-ERR /);
    await say(client, 'USER bob', popEnd);
    expect((await say(client, 'PASS builder', popEnd))[0]).toMatch(/^\+OK /);
    expect(handshakes(events)).toHaveLength(1);
    const pass = lineEvents(events).find((e) => e.text.startsWith('PASS'));
    expect(pass?.tls).toBe(true);
    expect(lineEvents(events).find((e) => e.text === 'STLS')?.tls).toBeUndefined();
  });

  it('discards commands pipelined behind STLS', async () => {
    const { client, events } = await pop3();
    client.send('STLS\r\nUSER bob\r\nPASS builder\r\n');
    expect(await client.until(popEnd)).toEqual(['+OK Begin TLS negotiation']);
    await client.upgrade();
    expect(client.pending).toBe('');
    // Had the injected USER/PASS run, STAT would answer in TRANSACTION.
    expect((await say(client, 'STAT', popEnd))[0]).toMatch(/^-ERR /);
    expect(handshakes(events)[0]?.discarded).toBe('USER bob\r\nPASS builder\r\n'.length);
  });

  it('speaks TLS from the first byte on a POP3S port', async () => {
    const { client, events } = await pop3({ implicit: true });
    expect(client.tls?.authorized).toBe(true);
    expect(await say(client, 'CAPA', listEnd)).not.toContain('STLS');
    expect(handshakes(events)[0]?.mode).toBe('implicit');
  });
});

describe('IMAP STARTTLS (RFC 3501 6.2.1)', () => {
  it('LOGINDISABLED and no AUTH=PLAIN before TLS when asked; both gone or back after', async () => {
    const { client, events } = await imap({ loginRequiresTls: true });
    const before = await say(client, 'a1 CAPABILITY', tagged('a1'));
    expect(before[0]).toMatch(/ STARTTLS/);
    expect(before[0]).toMatch(/ LOGINDISABLED/);
    expect(before[0]).not.toMatch(/AUTH=PLAIN/);
    expect((await say(client, 'a2 LOGIN bob builder', tagged('a2'))).at(-1)).toMatch(/^a2 NO \[PRIVACYREQUIRED\]/);
    expect((await say(client, 'a3 AUTHENTICATE PLAIN AGJvYgBidWlsZGVy', tagged('a3'))).at(-1)).toMatch(/^a3 NO \[PRIVACYREQUIRED\]/);
    expect(await say(client, 'a4 STARTTLS', tagged('a4'))).toEqual(['a4 OK Begin TLS negotiation now']);
    await client.upgrade();
    const after = await say(client, 'a5 CAPABILITY', tagged('a5'));
    expect(after[0]).not.toMatch(/STARTTLS|LOGINDISABLED/);
    expect(after[0]).toMatch(/AUTH=PLAIN/);
    expect((await say(client, 'a6 STARTTLS', tagged('a6'))).at(-1)).toMatch(/^a6 BAD /);
    expect((await say(client, 'a7 LOGIN bob builder', tagged('a7'))).at(-1)).toMatch(/^a7 OK /);
    expect(lineEvents(events).find((e) => e.text.startsWith('a7 LOGIN'))?.tls).toBe(true);
  });

  it('discards commands pipelined behind STARTTLS', async () => {
    const { client, events } = await imap();
    client.send('a1 STARTTLS\r\na2 LOGIN bob builder\r\na3 SELECT INBOX\r\n');
    expect(await client.until(tagged('a1'))).toEqual(['a1 OK Begin TLS negotiation now']);
    await client.upgrade();
    expect(client.pending).toBe('');
    // Had the injected LOGIN run, SELECT would be allowed; in "not authenticated" it is BAD.
    expect((await say(client, 'b1 SELECT INBOX', tagged('b1'))).at(-1)).toMatch(/^b1 BAD /);
    expect(handshakes(events)[0]?.discarded).toBe('a2 LOGIN bob builder\r\na3 SELECT INBOX\r\n'.length);
    expect(lineEvents(events).some((e) => e.text.startsWith('a2'))).toBe(false);
  });

  it('speaks TLS from the first byte on an IMAPS port, and LOGIN works there', async () => {
    const { client, events } = await imap({ implicit: true, loginRequiresTls: true });
    const caps = await say(client, 'a1 CAPABILITY', tagged('a1'));
    expect(caps[0]).not.toMatch(/STARTTLS|LOGINDISABLED/);
    expect((await say(client, 'a2 LOGIN bob builder', tagged('a2'))).at(-1)).toMatch(/^a2 OK /);
    expect(handshakes(events)[0]).toMatchObject({ mode: 'implicit', subject: expect.stringContaining('CN=localhost') });
  });
});
