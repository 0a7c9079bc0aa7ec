import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeMessage } from '../../src/protocols/dns/codec/decode.js';
import { encodeQuery } from '../../src/protocols/dns/codec/encode.js';
import { serveQuery } from '../../src/protocols/dns/serve-query.js';
import { createDnsServer, type DnsServer } from '../../src/protocols/dns/server.js';
import { createAuthority } from '../../src/protocols/dns/session.js';
import { AUTHORITATIVE_SERVERS, zonesOf } from '../../src/protocols/dns/zones.js';
import type { TranscriptEvent } from '../../src/protocols/transcript.js';
import { TcpClient, UdpClient } from '../support/dns-client.js';

/**
 * Hostile bytes at the lab DNS server (issue 17): random datagrams, valid queries with bytes
 * changed, inserted or cut off. The pure path must never throw and must answer only with a
 * well-formed response that fits a UDP datagram without EDNS, or not at all; over real sockets,
 * a flood of junk must leave the server answering. Runs are bounded and seeded.
 */
const RUNS = 300;
const authority = createAuthority(zonesOf(AUTHORITATIVE_SERVERS[2]!));
const handler = (q: Parameters<typeof authority.answer>[0]) => authority.answer(q);
const where = { session: 'fuzz', port: 5353, transport: 'udp' as const, remoteAddress: '127.0.0.1' };

const VALID = [
  encodeQuery('example.test', 'MX', { id: 0x0102, rd: true }),
  encodeQuery('www.example.test', 'A', { id: 0x0304, rd: false, edns: true }),
  encodeQuery('missing.lab.test', 'AAAA', { id: 0x0506, rd: true, edns: { udpSize: 512, version: 1 } }),
];

const mutated = fc.tuple(fc.constantFrom(...VALID), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 6 }), fc.constantFrom('set', 'insert', 'cut')).map(([q, at, bytes, how]) => {
  const i = at % (q.length + 1);
  if (how === 'cut') return q.subarray(0, i);
  if (how === 'insert') return Uint8Array.from([...q.subarray(0, i), ...bytes, ...q.subarray(i)]);
  const out = Uint8Array.from(q);
  bytes.forEach((b, k) => {
    if (i + k < out.length) out[i + k] = b;
  });
  return out;
});
const packets = fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.uint8Array({ minLength: 12, maxLength: 80 }), mutated);

describe('hostile bytes never break the answer path', () => {
  it('answers with a well-formed response of at most 512 octets, or not at all, and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(packets, async (bytes) => {
        const events: TranscriptEvent[] = [];
        const out = await serveQuery(bytes, where, handler, (e) => events.push(e));
        if (out === null) return;
        expect(out.length).toBeLessThanOrEqual(1232);
        const r = decodeMessage(out, { fields: false }).message;
        expect(r.header.qr).toBe(true);
        expect(r.header.id).toBe((bytes[0]! << 8) | bytes[1]!);
        if (!r.edns) expect(out.length).toBeLessThanOrEqual(512);
      }),
      { numRuns: RUNS, seed: 17 },
    );
  });
});

describe('a junk flood over real sockets', () => {
  const opened: Array<{ close(): unknown }> = [];
  afterEach(async () => {
    for (const o of opened.splice(0).reverse()) await o.close();
  });

  async function server(): Promise<DnsServer> {
    const s = createDnsServer({ handler, rateLimit: false });
    opened.push(s);
    await s.listen(0, '127.0.0.1');
    return s;
  }

  it('keeps answering UDP through 300 junk datagrams', async () => {
    const s = await server();
    const c = new UdpClient(s.address);
    opened.push(c);
    const junk = fc.sample(packets, { numRuns: RUNS, seed: 5 });
    // In bursts of 50: a socket's receive buffer (rmem, ~208 KB, ~800 octets a datagram of
    // kernel overhead) holds about 256 datagrams, and UDP may drop the rest; that is not the server.
    for (let batch = 0; batch < junk.length / 50; batch++) {
      for (const bytes of junk.slice(batch * 50, batch * 50 + 50)) c.send(bytes);
      // Loopback keeps order: the marker's answer comes after every answer to the junk before it.
      const id = 0xbe00 + batch;
      c.send(encodeQuery('lab.test', 'A', { id, rd: false }));
      for (;;) {
        const b = await c.next();
        if (b.readUInt16BE(0) !== id || b.length <= 12 || (b[2]! & 0x80) === 0) continue;
        expect(decodeMessage(b, { fields: false }).message.answers[0]?.data).toEqual({ kind: 'A', address: '127.0.0.1' });
        break;
      }
    }
  });

  it('keeps answering after junk over TCP, lying lengths and a client gone mid-message', async () => {
    const s = await server();
    const junk = new TcpClient(s.address);
    opened.push(junk);
    for (const bytes of fc.sample(packets, { numRuns: 50, seed: 9 })) junk.send(bytes);
    junk.send(new Uint8Array(3), 300); // announces 300 octets, sends 3, then leaves
    junk.close();
    const good = new TcpClient(s.address);
    opened.push(good);
    good.send(encodeQuery('example.net', 'MX', { id: 0x4242, rd: false }));
    const r = await good.next();
    expect(r?.header.id).toBe(0x4242);
    expect(r?.answers).toHaveLength(1);
  });
});
