import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PortInUseError, startLab, type Lab } from '../../src/lab.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { WireClient } from '../../src/wire/client.js';

const labs: Lab[] = [];
const clients: WireClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await Promise.all(labs.splice(0).map((l) => l.close()));
});

async function open(lab: Lab, protocol: 'smtp' | 'pop3' | 'imap') {
  const ep = lab.endpoints[protocol];
  if (!ep) throw new Error(`no ${protocol}`);
  const { client, greeting } = await WireClient.connect({ host: ep.host, port: ep.port, protocol });
  clients.push(client);
  return { client, greeting };
}

describe('the lab: SMTP, POP3 and IMAP on one store', () => {
  it('binds all three on 127.0.0.1 ephemeral ports', async () => {
    const lab = await startLab();
    labs.push(lab);
    for (const p of ['smtp', 'pop3', 'imap'] as const) {
      expect(lab.endpoints[p]?.host).toBe('127.0.0.1');
      expect(lab.endpoints[p]?.port).toBeGreaterThan(0);
    }
  });

  it('mail sent by SMTP to bob@anything is read back by POP3 and IMAP, byte for byte', async () => {
    const events: TranscriptEvent[] = [];
    const lab = await startLab({ sink: (e) => events.push(e) });
    labs.push(lab);
    const body = ['Subject: lab round trip', 'From: alice@example.com', 'To: bob@example.org', '', 'Hello Bob,', '.a line that starts with a dot', 'bye'];
    const smtp = (await open(lab, 'smtp')).client;
    expect((await smtp.send('EHLO laptop')).status).toBe('250');
    expect((await smtp.send('MAIL FROM:<alice@example.com>')).status).toBe('250');
    expect((await smtp.send('RCPT TO:<bob@example.org>')).status).toBe('250');
    expect((await smtp.send('DATA')).status).toBe('354');
    const { reply } = await smtp.sendBody(body);
    expect(reply.status).toBe('250');
    await smtp.send('QUIT');
    const original = `${body.join('\r\n')}\r\n`;

    const pop = (await open(lab, 'pop3')).client;
    expect((await pop.send('USER bob')).status).toBe('+OK');
    expect((await pop.send('PASS builder')).status).toBe('+OK');
    const retr = await pop.send('RETR 1');
    expect(retr.status).toBe('+OK');
    // Undo POP3 byte-stuffing (RFC 1939 3) and drop the status line and the final dot.
    const popText = `${retr.lines.slice(1, -1).map((l) => (l.startsWith('..') ? l.slice(1) : l)).join('\r\n')}\r\n`;
    expect(popText.endsWith(original)).toBe(true);
    await pop.send('QUIT');

    const imap = (await open(lab, 'imap')).client;
    expect((await imap.send('a1 LOGIN bob builder')).status).toBe('OK');
    const select = await imap.send('a2 SELECT INBOX');
    expect(select.lines).toContain('* 1 EXISTS');
    const fetch = await imap.send('a3 FETCH 1 (BODY.PEEK[TEXT])');
    expect(fetch.status).toBe('OK');
    expect(fetch.lines.join('\r\n')).toContain('.a line that starts with a dot');
    await imap.send('a4 LOGOUT');

    const protocols = new Set(events.filter((e): e is LineEvent => e.event === 'line').map((e) => e.protocol));
    expect([...protocols].sort()).toEqual(['imap', 'pop3', 'smtp']);
    expect(events.some((e) => e.event === 'message')).toBe(true);
  });

  it('names the protocol and port it could not bind, and leaves nothing listening', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const err = await startLab({ ports: { smtp: 0, pop3: port, imap: 0 } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PortInUseError);
      expect(err).toMatchObject({ protocol: 'pop3', port, code: 'EADDRINUSE' });
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });
});
