import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WireClient, WireError } from '../../src/wire/client.js';

/**
 * A scripted server on 127.0.0.1 port 0: each received line is answered by `reply(line)`;
 * what comes back is written verbatim (a string) or the connection is closed (null).
 */
interface Scripted {
  server: Server;
  port: number;
  received: string[];
  sockets: Set<Socket>;
}

const open: Scripted[] = [];
const clients: WireClient[] = [];

async function scripted(greeting: string, reply: (line: string, sock: Socket) => string | null): Promise<Scripted> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
    if (greeting) sock.write(greeting);
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      for (let i = buf.indexOf('\r\n'); i >= 0; i = buf.indexOf('\r\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        received.push(line);
        const out = reply(line, sock);
        if (out === null) sock.end();
        else if (out) sock.write(out);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no address');
  const s = { server, port: addr.port, received, sockets };
  open.push(s);
  return s;
}

async function connect(port: number, protocol: 'smtp' | 'pop3' | 'imap', timeoutMs = 2000) {
  const r = await WireClient.connect({ host: '127.0.0.1', port, protocol, timeoutMs });
  clients.push(r.client);
  return r;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of open.splice(0)) {
    for (const sock of s.sockets) sock.destroy();
    await new Promise<void>((resolve) => s.server.close(() => resolve()));
  }
});

describe('WireClient', () => {
  it('reads the SMTP greeting, sends with CRLF and reads a whole multi-line reply', async () => {
    const s = await scripted('220 lab ESMTP\r\n', (line) => (line.startsWith('EHLO') ? '250-lab\r\n250-SIZE 100\r\n' + '250 HELP\r\n' : '500 what\r\n'));
    const { client, greeting } = await connect(s.port, 'smtp');
    expect(greeting.status).toBe('220');
    const reply = await client.send('EHLO me');
    expect(reply.lines).toEqual(['250-lab', '250-SIZE 100', '250 HELP']);
    expect(s.received).toEqual(['EHLO me']);
  });

  it('dot-stuffs a body and ends it with a lone dot', async () => {
    const s = await scripted('220 x\r\n', (line) => (line === '.' ? '250 queued\r\n' : ''));
    const { client } = await connect(s.port, 'smtp');
    const { wire, reply } = await client.sendBody(['Subject: hi', '', '.dot', 'end']);
    expect(wire).toEqual(['Subject: hi', '', '..dot', 'end', '.']);
    expect(s.received).toEqual(wire);
    expect(reply.status).toBe('250');
  });

  it('reads POP3 multi-line replies only for commands that have them', async () => {
    const s = await scripted('+OK POP3 ready <1.2@lab>\r\n', (line) => {
      if (line === 'LIST') return '+OK 1 messages\r\n1 42\r\n.\r\n';
      if (line === 'LIST 1') return '+OK 1 42\r\n';
      return '-ERR unknown\r\n';
    });
    const { client, greeting } = await connect(s.port, 'pop3');
    expect(greeting.lines).toEqual(['+OK POP3 ready <1.2@lab>']);
    expect((await client.send('LIST')).lines).toEqual(['+OK 1 messages', '1 42', '.']);
    expect((await client.send('LIST 1')).lines).toEqual(['+OK 1 42']);
  });

  it('answers a POP3 SASL continuation with a single-line read even for a word like LIST', async () => {
    const s = await scripted('+OK ready\r\n', (line) => (line === 'AUTH PLAIN' ? '+ \r\n' : '+OK logged in\r\n'));
    const { client } = await connect(s.port, 'pop3');
    expect((await client.send('AUTH PLAIN')).continuation).toBe(true);
    expect((await client.send('LIST')).lines).toEqual(['+OK logged in']);
  });

  it('keeps an IMAP command open after "+" so DONE completes the IDLE tag', async () => {
    const s = await scripted('* OK IMAP4rev1 ready\r\n', (line, sock) => {
      if (line === 'a1 IDLE') {
        setTimeout(() => sock.write('* 4 EXISTS\r\n'), 20);
        return '+ idling\r\n';
      }
      if (line === 'DONE') return 'a1 OK IDLE terminated\r\n';
      return `${line.split(' ')[0]} BAD what\r\n`;
    });
    const { client, greeting } = await connect(s.port, 'imap');
    expect(greeting.status).toBe('OK');
    expect((await client.send('a1 IDLE')).continuation).toBe(true);
    expect(await client.waitFor(/EXISTS/)).toEqual(['* 4 EXISTS']);
    const done = await client.send('DONE');
    expect(done.status).toBe('OK');
    expect(done.lines).toEqual(['a1 OK IDLE terminated']);
  });

  it('says clearly when the server closes in the middle of a reply, with what it got', async () => {
    const s = await scripted('220 x\r\n', () => '250-first\r\n');
    const { client } = await connect(s.port, 'smtp');
    const p = client.send('EHLO x');
    // The scripted server closes after the partial reply.
    for (const sock of s.sockets) setTimeout(() => sock.end(), 10);
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WireError);
    expect((err as WireError).kind).toBe('closed');
    expect((err as WireError).partial).toEqual(['250-first']);
    await expect(client.send('NOOP')).rejects.toMatchObject({ kind: 'closed' });
  });

  it('says clearly when nothing listens', async () => {
    const s = await scripted('', () => '');
    const port = s.port;
    await new Promise<void>((resolve) => s.server.close(() => resolve()));
    open.splice(open.indexOf(s), 1);
    const err = await WireClient.connect({ host: '127.0.0.1', port, protocol: 'smtp', timeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WireError);
    expect((err as WireError).kind).toBe('refused');
    expect((err as WireError).message).toContain(`127.0.0.1:${port}`);
  });

  it('gives up on a server that never answers, with a timeout error', async () => {
    const s = await scripted('', () => '');
    const err = await WireClient.connect({ host: '127.0.0.1', port: s.port, protocol: 'smtp', timeoutMs: 150 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WireError);
    expect((err as WireError).kind).toBe('timeout');
  });
});
