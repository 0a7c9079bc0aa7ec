import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLab } from '../../src/lab.js';
import type { LabDns } from '../../src/protocols/dns/hierarchy.js';
import { decodeMessage } from '../../src/protocols/dns/codec/decode.js';
import { encodeMessage, encodeQuery } from '../../src/protocols/dns/codec/encode.js';
import { socketExchange } from '../../src/protocols/dns/resolver/exchange.js';
import { createAuthority } from '../../src/protocols/dns/session.js';
import { CLASS_IN, RCODES, RR_TYPES, type DnsMessage } from '../../src/protocols/dns/types.js';
import { AUTHORITATIVE_SERVERS, zonesOf } from '../../src/protocols/dns/zones.js';
import type { TranscriptEvent } from '../../src/protocols/transcript.js';
import { UdpClient } from '../support/dns-client.js';
import { runProgram } from '../support/programs.js';

const closers: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c.close();
});

/** A lab running DNS only; its resolver, root and servers. */
async function labDns(events: TranscriptEvent[] = []): Promise<LabDns> {
  const started = await startLab({ protocols: ['dns'], sink: (e) => events.push(e) });
  closers.push(started);
  if (!started.dns) throw new Error('the lab started no DNS');
  return started.dns;
}

const query = (name: string, type: number, id: number): DnsMessage => ({
  header: { id, qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, z: 0, rcode: 0 },
  questions: [{ name, type, class: CLASS_IN }],
  answers: [],
  authority: [],
  additional: [],
});

describe('the lab resolver over real sockets', () => {
  it('Node\'s own resolver, pointed at the lab resolver, finds example.net\'s MX', async () => {
    const events: TranscriptEvent[] = [];
    const dns = await labDns(events);
    const node = new Resolver({ timeout: 5000, tries: 1 });
    node.setServers([`${dns.resolver.host}:${dns.resolver.port}`]);
    expect(await node.resolveMx('example.net')).toEqual([{ exchange: 'mail.example.net', priority: 10 }]);
    // The walk is in the transcript: root, then net., then example.net's server, with RD=0.
    const upstream = events.flatMap((e) => (e.event === 'line' && e.knowledge?.key === 'upstream-query' ? [e.text] : []));
    expect(upstream).toEqual([
      '? example.net. IN MX @127.0.0.2 (root)',
      '? example.net. IN MX @127.0.0.3 (net.)',
      '? example.net. IN MX @127.0.0.4 (example.net.)',
    ]);
    // The second time, the cache answers: no new upstream query.
    expect(await node.resolveMx('example.net')).toHaveLength(1);
    expect(events.filter((e) => e.event === 'line' && e.knowledge?.key === 'upstream-query')).toHaveLength(3);
    expect(events.some((e) => e.event === 'line' && e.knowledge?.key === 'cache-hit')).toBe(true);
  });

  it('answers NXDOMAIN with the SOA, RA set and AA clear, and a CNAME chain across zones', async () => {
    const dns = await labDns();
    const c = new UdpClient(dns.resolver);
    closers.push(c);
    const nx = await c.ask(encodeQuery('nope.example.test', 'A', { id: 7, rd: true }));
    expect(nx.header).toMatchObject({ id: 7, rcode: RCODES.NXDOMAIN, ra: true, aa: false, rd: true });
    expect(nx.authority[0]).toMatchObject({ name: 'example.test', type: RR_TYPES.SOA, ttl: 60 });
    const shop = await c.ask(encodeQuery('shop.example.test', 'A', { id: 8, rd: true }));
    expect(shop.answers.map((r) => r.name)).toEqual(['shop.example.test', 'www.example.com', 'example.com']);
    const glueless = await c.ask(encodeQuery('other.test', 'A', { id: 9, rd: true }));
    expect(glueless.answers.map((r) => r.data)).toEqual([{ kind: 'A', address: '127.0.0.1' }]);
  });
});

describe('dig against the lab resolver', () => {
  it('gets a recursive answer over UDP and over TCP: ra set, aa clear, the CNAME followed', async () => {
    const dns = await labDns();
    const at = [`@${dns.resolver.host}`, '-p', String(dns.resolver.port), '+tries=1', '+time=5', 'www.example.test', 'A'];
    for (const transport of ['+notcp', '+tcp']) {
      const out = await runProgram('dig', [...at, transport], 15_000);
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(/flags: qr rd ra;/);
      expect(out.stdout).toMatch(/www\.example\.test\.\s+\d+\s+IN\s+CNAME\s+example\.test\./);
      expect(out.stdout).toMatch(/example\.test\.\s+\d+\s+IN\s+A\s+127\.0\.0\.1/);
    }
  });
});

describe('the socket exchange (resolver/exchange.ts)', () => {
  const authority = createAuthority(zonesOf(AUTHORITATIVE_SERVERS[0]!));
  let lastFrom = 0;

  function udpServer(onQuery: (q: DnsMessage, reply: (m: DnsMessage) => void, raw: (b: Uint8Array) => void) => void): Promise<{ port: number }> {
    const s: UdpSocket = createSocket('udp4');
    closers.push(s);
    s.on('message', (bytes, from) => {
      lastFrom = from.port;
      const q = decodeMessage(bytes, { fields: false }).message;
      const raw = (b: Uint8Array) => s.send(b, from.port, from.address);
      onQuery(q, (m) => raw(encodeMessage(m)), raw);
    });
    return new Promise((resolve) => s.bind(0, '127.0.0.1', () => resolve({ port: s.address().port })));
  }

  const answer = (q: DnsMessage): DnsMessage => {
    const r = authority.answer(q);
    if (r === 'drop') throw new Error('dropped');
    return r.response;
  };

  it('over UDP ignores junk and a reply with another id, and takes the real reply', async () => {
    const { port } = await udpServer((q, reply, raw) => {
      raw(new Uint8Array([1, 2, 3]));
      reply({ ...answer(q), header: { ...answer(q).header, id: (q.header.id + 1) & 0xffff } });
      reply(answer(q));
    });
    const r = await socketExchange()({ host: '127.0.0.1', port }, query('test', RR_TYPES.NS, 4242), 'udp');
    expect(r.header.id).toBe(4242);
    expect(r.authority.map((x) => x.name)).toEqual(['test']);
  });

  it('over UDP ignores a reply with the right id from another address or port (RFC 5452 9.1)', async () => {
    const forger: UdpSocket = createSocket('udp4');
    closers.push(forger);
    await new Promise<void>((resolve) => forger.bind(0, '127.0.0.1', () => resolve()));
    const { port } = await udpServer((q, reply) => {
      const forged = { ...answer(q), authority: [], answers: [{ name: 'test', type: RR_TYPES.A, class: CLASS_IN, ttl: 60, data: { kind: 'A' as const, address: '192.0.2.66' } }] };
      // The forger learns the resolver's port from the query the server saw: a spoof as good as it gets.
      forger.send(encodeMessage(forged), lastFrom, '127.0.0.1', () => setImmediate(() => reply(answer(q))));
    });
    const r = await socketExchange()({ host: '127.0.0.1', port }, query('test', RR_TYPES.NS, 99), 'udp');
    expect(r.answers).toEqual([]);
    expect(r.authority.map((x) => x.name)).toEqual(['test']);
  });

  it('over UDP gives up with an error when no reply comes', async () => {
    const { port } = await udpServer(() => undefined);
    await expect(socketExchange({ timeoutMs: 50 })({ host: '127.0.0.1', port }, query('test', RR_TYPES.NS, 1), 'udp')).rejects.toThrow('timeout');
  });

  it('over TCP sends the two-octet length and reads a reply that arrives in pieces (RFC 1035 4.2.2)', async () => {
    const server: Server = createServer((socket) => {
      socket.once('data', (data: Buffer) => {
        const q = decodeMessage(data.subarray(2, 2 + data.readUInt16BE(0)), { fields: false }).message;
        const body = encodeMessage(answer(q));
        const framed = Buffer.concat([Buffer.from([body.length >> 8, body.length & 0xff]), body]);
        socket.write(framed.subarray(0, 1));
        setImmediate(() => socket.end(framed.subarray(1)));
      });
    });
    closers.push(server);
    const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
    const r = await socketExchange()({ host: '127.0.0.1', port }, query('net', RR_TYPES.NS, 77), 'tcp');
    expect(r.header.id).toBe(77);
    expect(r.authority[0]).toMatchObject({ name: 'net', type: RR_TYPES.NS });
  });
});
