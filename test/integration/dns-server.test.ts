import { afterEach, describe, expect, it } from 'vitest';
import { encodeMessage, encodeQuery } from '../../src/protocols/dns/codec/encode.js';
import { createDnsServer, type DnsServer, type DnsServerOptions } from '../../src/protocols/dns/server.js';
import { createAuthority } from '../../src/protocols/dns/session.js';
import { RCODES, RR_TYPES } from '../../src/protocols/dns/types.js';
import { AUTHORITATIVE_SERVERS, zonesOf, type ZoneSpec } from '../../src/protocols/dns/zones.js';
import type { LineEvent, TranscriptEvent } from '../../src/protocols/transcript.js';
import { TcpClient, UdpClient } from '../support/dns-client.js';

const opened: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const o of opened.splice(0).reverse()) await o.close();
});

const ROOT = AUTHORITATIVE_SERVERS[0]!;

/** Many TXT records: a response well over 512 octets, so UDP without EDNS must truncate it. */
const BIG: ZoneSpec = {
  origin: 'big.test',
  ns: ['ns.big.test'],
  records: Array.from({ length: 30 }, (_, i) => ({ name: 'txt.big.test', data: { kind: 'TXT' as const, strings: [`record ${i} `.padEnd(60, 'x')] } })),
};

async function serve(extra: Partial<DnsServerOptions> = {}, zones: ZoneSpec[] = zonesOf(ROOT), host = '127.0.0.2'): Promise<{ server: DnsServer; events: TranscriptEvent[] }> {
  const events: TranscriptEvent[] = [];
  const authority = createAuthority(zones);
  const server = createDnsServer({ handler: (q) => authority.answer(q), sink: (e) => events.push(e), ...extra });
  opened.push(server);
  await server.listen(0, host);
  return { server, events };
}

function udp(server: DnsServer): UdpClient {
  const c = new UdpClient(server.address);
  opened.push(c);
  return c;
}

function tcp(server: DnsServer): TcpClient {
  const c = new TcpClient(server.address);
  opened.push(c);
  return c;
}

const lines = (events: TranscriptEvent[]) => events.filter((e): e is LineEvent => e.event === 'line');

describe('the DNS server over UDP (RFC 1035 4.2.1)', () => {
  it('answers on its own loopback address, with the query and the response in the transcript', async () => {
    const { server, events } = await serve();
    expect(server.address.host).toBe('127.0.0.2');
    const r = await udp(server).ask(encodeQuery('www.example.test', 'A', { id: 7, rd: false }));
    expect(r.header).toMatchObject({ id: 7, qr: true, aa: false, rcode: RCODES.NOERROR });
    expect(r.authority.map((a) => a.name)).toEqual(['test']);
    const ls = lines(events);
    expect(ls.filter((l) => l.direction === 'client').map((l) => l.knowledge?.key)).toEqual(['header', 'question']);
    expect(ls.find((l) => l.direction === 'server' && l.knowledge?.key === 'header')?.knowledge?.params).toMatchObject({ rcode: 'NOERROR', transport: 'udp', id: 7 });
    expect(ls.find((l) => l.knowledge?.key === 'referral')?.text).toBe(';; referral test');
    expect(ls.find((l) => l.knowledge?.key === 'rr' && l.knowledge.params?.['glue'] === 1)?.text).toBe('a.tld.test. 300 IN A 127.0.0.3');
    expect(ls.every((l) => l.protocol === 'dns' && l.layer === 'L7' && (l.state === 'query' || l.state === 'response'))).toBe(true);
    expect(events[0]).toMatchObject({ event: 'listening', protocol: 'dns', host: '127.0.0.2' });
  });

  it('truncates an answer over 512 octets with TC; the same question over TCP gets all of it', async () => {
    const { server, events } = await serve({}, [BIG]);
    const query = encodeQuery('txt.big.test', 'TXT', { id: 9, rd: false });
    const cut = await udp(server).ask(query);
    expect(cut.header.tc).toBe(true);
    expect(cut.answers.length).toBeLessThan(30);
    expect(lines(events).some((l) => l.knowledge?.key === 'truncated')).toBe(true);
    const client = tcp(server);
    client.send(query);
    const whole = await client.next();
    expect(whole?.header.tc).toBe(false);
    expect(whole?.answers).toHaveLength(30);
  });

  it('fits more under EDNS, echoing our UDP size and the DO bit (RFC 6891 6.1.1, RFC 3225 3)', async () => {
    const { server } = await serve({}, [BIG]);
    const client = udp(server);
    const plain = await client.ask(encodeQuery('txt.big.test', 'TXT', { id: 1, rd: false }));
    const edns = await client.ask(encodeQuery('txt.big.test', 'TXT', { id: 2, rd: false, edns: { udpSize: 4096, dnssecOk: true } }));
    expect(edns.answers.length).toBeGreaterThan(plain.answers.length);
    expect(edns.edns).toMatchObject({ udpSize: 1232, version: 0, dnssecOk: true });
    expect(plain.edns).toBeUndefined();
  });
});

describe('the DNS server over TCP (RFC 7766)', () => {
  it('answers several queries on one connection, pipelined', async () => {
    const { server } = await serve({}, zonesOf(AUTHORITATIVE_SERVERS[2]!));
    const client = tcp(server);
    client.send(encodeQuery('example.net', 'MX', { id: 1, rd: true }));
    client.send(encodeQuery('missing.example.test', 'A', { id: 2, rd: true }));
    const replies = [await client.next(), await client.next()];
    const byId = new Map(replies.map((r) => [r?.header.id, r]));
    expect(byId.get(1)?.answers[0]?.type).toBe(RR_TYPES.MX);
    expect(byId.get(2)?.header.rcode).toBe(RCODES.NXDOMAIN);
  });

  it('answers pipelined queries as each is ready, out of order (RFC 7766 6.2.1.1)', async () => {
    // The first query waits until the second has been answered: no timer, only the order of events.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const authority = createAuthority(zonesOf(ROOT));
    const server = createDnsServer({
      handler: async (q) => {
        if (q.header.id === 1) await held;
        return authority.answer(q);
      },
    });
    opened.push(server);
    await server.listen(0, '127.0.0.2');
    const client = tcp(server);
    client.send(encodeQuery('', 'NS', { id: 1, rd: false }));
    client.send(encodeQuery('', 'SOA', { id: 2, rd: false }));
    expect((await client.next())?.header.id).toBe(2);
    release();
    expect((await client.next())?.header.id).toBe(1);
  });

  it('closes a connection idle past the limit', async () => {
    const { server } = await serve({ tcpIdleTimeoutMs: 30 });
    const client = tcp(server);
    client.send(encodeQuery('', 'NS', { id: 3, rd: false }));
    expect((await client.next())?.header.id).toBe(3);
    // The client never closes: only the server's idle timer can end the connection (RFC 7766 6.2.3).
    await client.closed();
    expect(await client.next()).toBeNull();
  });

  it('closes a connection that announces a message longer than any query', async () => {
    const { server, events } = await serve();
    const client = tcp(server);
    client.send(new Uint8Array(10), 65_535);
    await client.closed();
    expect(lines(events).find((l) => l.knowledge?.key === 'dropped')?.knowledge?.params).toEqual({ reason: 'too-large' });
    expect((await udp(server).ask(encodeQuery('', 'SOA', { id: 4, rd: false }))).header.aa).toBe(true);
  });

  it('refuses connections over the limit and keeps serving the others', async () => {
    const { server } = await serve({ maxTcpConnections: 1 });
    const first = tcp(server);
    first.send(encodeQuery('', 'NS', { id: 5, rd: false }));
    expect((await first.next())?.header.id).toBe(5);
    const second = tcp(server);
    await second.closed();
    first.send(encodeQuery('', 'NS', { id: 6, rd: false }));
    expect((await first.next())?.header.id).toBe(6);
  });
});

describe('hostile input never takes the server down', () => {
  const good = (id: number) => encodeQuery('', 'SOA', { id, rd: false });
  const header = (id: number, counts: [number, number, number, number], rest: number[] = []) =>
    Uint8Array.from([id >> 8, id & 0xff, 0x01, 0x00, ...counts.flatMap((c) => [c >> 8, c & 0xff]), ...rest]);

  it('drops what has no readable header, answers the next query', async () => {
    const { server, events } = await serve();
    const client = udp(server);
    client.send(Uint8Array.from([1, 2, 3, 4, 5]));
    const r = await client.ask(good(11));
    expect(r.header.id).toBe(11);
    expect(lines(events).find((l) => l.knowledge?.key === 'dropped')?.knowledge?.params).toEqual({ reason: 'malformed' });
  });

  const formerrs: Array<[string, Uint8Array, string]> = [
    ['counts that lie', header(0x1234, [1, 5, 0, 0]), 'truncated'],
    ['a compression pointer loop', header(0x1234, [1, 0, 0, 0], [0xc0, 12, 0, 1, 0, 1]), 'pointer-loop'],
    ['a label over 63 octets', header(0x1234, [1, 0, 0, 0], [64, ...new Array<number>(64).fill(97), 0, 0, 1, 0, 1]), 'label-too-long'],
  ];
  it.each(formerrs)('answers %s with FORMERR, the id echoed', async (_what, bytes) => {
    const { server, events } = await serve();
    const client = udp(server);
    const r = await client.ask(bytes);
    expect(r.header).toMatchObject({ id: 0x1234, qr: true, rcode: RCODES.FORMERR, rd: true });
    expect(lines(events).some((l) => l.knowledge?.key === 'formerr')).toBe(true);
    expect((await client.ask(good(12))).header.rcode).toBe(RCODES.NOERROR);
  });

  it('never answers a response (QR set): two servers could bounce it forever', async () => {
    const { server } = await serve();
    const client = udp(server);
    const response = encodeMessage({ header: { id: 77, qr: true, opcode: 0, aa: true, tc: false, rd: false, ra: false, z: 0, rcode: 0 }, questions: [{ name: '', type: 6, class: 1 }], answers: [], authority: [], additional: [] });
    client.send(response);
    expect((await client.ask(good(13))).header.id).toBe(13);
  });

  it('survives a handler that throws: SERVFAIL', async () => {
    const events: TranscriptEvent[] = [];
    const server = createDnsServer({ handler: () => { throw new Error('boom'); }, sink: (e) => events.push(e) });
    opened.push(server);
    await server.listen(0, '127.0.0.1');
    const r = await udp(server).ask(good(14));
    expect(r.header.rcode).toBe(RCODES.SERVFAIL);
    expect(events.some((e) => e.event === 'notice' && e.level === 'error')).toBe(true);
  });

  it('limits a flood from one source: most dropped, every second over the rate answered empty with TC', async () => {
    const { server, events } = await serve({ rateLimit: { perSecond: 1, burst: 3, slip: 2 }, now: () => 0 });
    const client = udp(server);
    for (let i = 0; i < 9; i++) client.send(good(100 + i));
    // 3 within the burst, then 6 over: the 2nd, 4th and 6th over the rate slip (TC), the rest are dropped.
    const got = [];
    for (let i = 0; i < 6; i++) got.push(await client.next());
    const { decodeMessage } = await import('../../src/protocols/dns/codec/decode.js');
    const msgs = got.map((b) => decodeMessage(b, { fields: false }).message);
    expect(msgs.map((m) => [m.header.id, m.header.tc])).toEqual([
      [100, false], [101, false], [102, false], [104, true], [106, true], [108, true],
    ]);
    expect(msgs.filter((m) => m.header.tc).every((m) => m.answers.length === 0)).toBe(true);
    expect(lines(events).filter((l) => l.knowledge?.key === 'dropped')).toHaveLength(1);
  });
});
