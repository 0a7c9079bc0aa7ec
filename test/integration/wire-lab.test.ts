import { afterEach, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab.js';
import { WireClient } from '../../src/wire/client.js';
import { pop3Body } from '../../src/wire/reply-framer.js';

/**
 * The wire client against the lab's own servers on 127.0.0.1 port 0: the framing the
 * lessons rely on (SMTP multi-line, POP3 dot-terminated and byte-stuffed, IMAP tagged with
 * literals, IDLE pushes) checked on the real replies, not on hand-written ones.
 */
let lab: Lab | null = null;
const clients: WireClient[] = [];

async function open(protocol: 'smtp' | 'pop3' | 'imap') {
  if (!lab) throw new Error('no lab');
  const e = lab.endpoints[protocol];
  if (!e) throw new Error(`no ${protocol}`);
  const r = await WireClient.connect({ host: e.host, port: e.port, protocol, timeoutMs: 5000 });
  clients.push(r.client);
  return r;
}

const MESSAGE = ['From: alice@example.com', 'To: bob@example.com', 'Subject: wire test', '', 'first line', '.starts with a dot', 'last line'];

async function sendMail(): Promise<void> {
  const { client } = await open('smtp');
  expect((await client.send('EHLO wire.example')).status).toBe('250');
  await client.send('MAIL FROM:<alice@example.com>');
  await client.send('RCPT TO:<bob@example.com>');
  expect((await client.send('DATA')).continuation).toBe(true);
  expect((await client.sendBody(MESSAGE)).reply.status).toBe('250');
  await client.send('QUIT');
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await lab?.close();
  lab = null;
});

describe('WireClient against the lab servers', () => {
  it('reads the whole EHLO reply of the SMTP server', async () => {
    lab = await startLab({ protocols: ['smtp'] });
    const { client, greeting } = await open('smtp');
    expect(greeting.status).toBe('220');
    const ehlo = await client.send('EHLO wire.example');
    expect(ehlo.lines.length).toBeGreaterThan(2);
    expect(ehlo.lines.slice(0, -1).every((l) => l.startsWith('250-'))).toBe(true);
    expect(ehlo.lines[ehlo.lines.length - 1]).toMatch(/^250 /);
  });

  it('reads POP3 blocks whole and undoes byte-stuffing', async () => {
    lab = await startLab({ protocols: ['smtp', 'pop3'] });
    await sendMail();
    const { client, greeting } = await open('pop3');
    expect(greeting.status).toBe('+OK');
    expect((await client.send('USER bob')).status).toBe('+OK');
    expect((await client.send('PASS builder')).status).toBe('+OK');
    const list = await client.send('LIST');
    expect(list.lines[0]).toMatch(/^\+OK/);
    expect(list.lines[list.lines.length - 1]).toBe('.');
    expect(list.lines).toHaveLength(3);
    const one = await client.send('LIST 1');
    expect(one.lines).toHaveLength(1);
    const retr = await client.send('RETR 1');
    expect(retr.lines).toContain('..starts with a dot');
    expect(pop3Body(retr).slice(-3)).toEqual(['first line', '.starts with a dot', 'last line']);
    expect((await client.send('RETR 9')).status).toBe('-ERR');
    expect((await client.send('QUIT')).status).toBe('+OK');
  });

  it('reads IMAP tagged replies with a literal inside, and sees IDLE pushes', async () => {
    lab = await startLab({ protocols: ['smtp', 'imap'] });
    await sendMail();
    const { client: phone, greeting } = await open('imap');
    expect(greeting.status).toBe('OK');
    expect((await phone.send('a1 LOGIN bob builder')).status).toBe('OK');
    const select = await phone.send('a2 SELECT INBOX');
    expect(select.lines).toContain('* 1 EXISTS');
    expect(select.status).toBe('OK');
    const fetch = await phone.send('a3 FETCH 1 BODY.PEEK[TEXT]');
    expect(fetch.status).toBe('OK');
    expect(fetch.lines[0]).toMatch(/^\* 1 FETCH \(.*BODY\[TEXT\] \{\d+\}$/);
    expect(fetch.lines).toContain('.starts with a dot');
    expect(fetch.lines[fetch.lines.length - 1]).toMatch(/^a3 OK/);

    const idle = await phone.send('a4 IDLE');
    expect(idle.continuation).toBe(true);
    await sendMail();
    expect((await phone.waitFor(/^\* 2 EXISTS$/)).pop()).toBe('* 2 EXISTS');
    const done = await phone.send('DONE');
    expect(done.lines[done.lines.length - 1]).toMatch(/^a4 OK/);
    expect((await phone.send('a5 LOGOUT')).status).toBe('OK');
  });
});
