import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runPractice } from '../../src/commands/practice.js';
import { decodeMessage } from '../../src/protocols/dns/codec/decode.js';
import { encodeMessage } from '../../src/protocols/dns/codec/encode.js';
import { scratch } from '../support/scratch.js';

/**
 * `practice dns` as a learner runs it with lines on stdin: against the real lab (its whole
 * hierarchy on loopback), and with --connect against a tiny DNS server the test runs.
 */
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const sockets: UdpSocket[] = [];
const { tempDir } = scratch('l7lab-practice-dns-', async () => {
  await Promise.all(sockets.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

async function practice(lines: string[], opts: Record<string, unknown> = {}): Promise<{ text: string; state: string }> {
  const state = tempDir();
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c: Buffer) => chunks.push(c.toString()));
  const env = { ...process.env, XDG_STATE_HOME: state };
  await runPractice('dns', { lang: 'en', ...opts }, { input: Readable.from(lines.map((l) => `${l}\n`)), output, interactive: false, env });
  return { text: plain(chunks.join('')), state };
}

describe('practice dns on the lab', () => {
  it('asks the root, a zone server by its glue address, and explains a referral, an answer and NXDOMAIN', async () => {
    const { text, state } = await practice(['A www.lab.test +norec @root', 'MX example.test @127.0.0.4', 'nope.example.test @127.0.0.4 +tcp']);
    expect(text).toMatch(/^DNS on the built-in lab: the resolver at 127\.0\.0\.1:\d+/);
    // The root refers to test.'s servers, with their glue, and says what to type next.
    expect(text).toMatch(/;; \d+ bytes to a\.root\.test 127\.0\.0\.2:\d+ over UDP/);
    expect(text).toContain('S: test. 300 IN NS a.tld.test.');
    expect(text).toContain('A referral: this');
    expect(text).toMatch(/Glue: the address of a\s+name server/);
    expect(text).toMatch(/e\.g\. A\s+www\.lab\.test\. \+norec @127\.0\.0\.3/);
    // The query's bytes, annotated.
    expect(text).toMatch(/000c {2}03 77 77 77 03 6c 61 62 {2}qname = www\.lab\.test\./);
    // The zone server answers with AA and both MX records, timed.
    expect(text).toMatch(/;; \d+ bytes from \S+ 127\.0\.0\.4:\d+ in \d+\.\d ms/);
    expect(text).toMatch(/S: ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: \d+; flags: qr aa/);
    expect(text).toContain('S: example.test. 300 IN MX 10 mail.example.test.');
    // NXDOMAIN, over TCP, explained with its negative-caching time from the SOA.
    expect(text).toMatch(/over TCP\n/);
    expect(text).toMatch(/status: NXDOMAIN/);
    expect(text).toMatch(/nope\.example\.test\. does not exist, for any type\. Resolvers may remember this\s+"no" for 60 s/);
    expect(readFileSync(join(state, 'l7lab', 'practice-history-dns'), 'utf8')).toBe('A www.lab.test +norec @root\nMX example.test @127.0.0.4\nnope.example.test @127.0.0.4 +tcp\n');
  });

  it(':trace walks root -> test. -> example.test with RD=0, and the resolver answers a plain question', async () => {
    const { text } = await practice([':hex', ':trace www.example.test', 'MX example.test']);
    expect(text).toContain(';; hop 1: A www.example.test. at a.root.test 127.0.0.2');
    expect(text).toContain(';; hop 2: A www.example.test. at a.tld.test 127.0.0.3');
    expect(text).toMatch(/;; hop 3: A www\.example\.test\. at \S+ 127\.0\.0\.4/);
    expect(text).toMatch(/;; trace done in 3 hops, \d+\.\d ms in all/);
    expect(text).toContain('S: www.example.test. 300 IN CNAME example.test.');
    expect(text).not.toMatch(/qname = /);
    // The resolver walks for us: recursion available, no AA, both MX records.
    expect(text).toMatch(/;; \d+ bytes from resolver 127\.0\.0\.1:\d+ in/);
    expect(text).toMatch(/S: ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: \d+; flags: qr rd ra\n/);
    expect(text).toMatch(/S: example\.test\. \d+ IN MX 10 mail\.example\.test\.\n/);
    expect(text).toMatch(/S: example\.test\. \d+ IN MX 20 backup\.example\.test\.\n/);
  });

  it("shows the resolver's own walk from the lab's transcript, then its cache: a hit, and a negative cache hit", async () => {
    const { text } = await practice([':hex', 'MX example.test', 'MX example.test', 'gone.example.test', 'gone.example.test']);
    const parts = text.split(/;; \d+ bytes to resolver/);
    expect(parts).toHaveLength(5);
    const [, first = '', second = '', third = '', fourth = ''] = parts;
    expect(first).toContain("what the resolver did for this answer (from the lab's transcript):");
    expect(first).toMatch(/C: \? example\.test\. IN MX @127\.0\.0\.2 \(root\)\n\s+The resolver asks 127\.0\.0\.2 \(root\) for example\.test MX over UDP, with RD=0/);
    expect(first).toMatch(/C: \? example\.test\. IN MX @127\.0\.0\.4/);
    expect(second).toMatch(/Cache hit: example\.test MX is answered from the cache, \d+ s of its TTL\s+left/);
    expect(second).not.toContain('@127.0.0.2');
    expect(third).toMatch(/Cached as negative: gone\.example\.test A is NXDOMAIN for 60 s/);
    expect(fourth).toMatch(/Negative cache hit: gone\.example\.test A is still NXDOMAIN from the cache,\s+for \d+ more seconds; no server is asked/);
  });

  it('wrong input gets one line saying what to type, and the session goes on', async () => {
    const { text } = await practice(['MX', 'MXX example.test', 'MX example.test +norecc', 'A x.test @nowhere', ':bogus', ':trace', 'MX example.test +edns=1']);
    const lines = text.split('\n');
    expect(lines).toContain('which name? type MX and a name, e.g. MX example.test');
    expect(text).toMatch(/"MXX" and "example\.test" are both names, and a question asks about one: type a\s+type and a name, e\.g\. MX example\.test/);
    expect(text).toMatch(/unknown option \+norecc \(did you mean \+norec\?\)/);
    expect(text).toMatch(/no server "@nowhere": use @root, @tld/);
    expect(lines).toContain('unknown helper :bogus: type :help for the list');
    expect(lines).toContain(':trace NAME [TYPE], e.g. :trace www.example.test A');
    expect(lines).toContain('+edns=1: the EDNS UDP size is 512 to 65535 octets, e.g. +edns=1232');
    expect(text).not.toMatch(/at .*\.js:\d+/);
  });

  it('speaks Japanese', async () => {
    const { text } = await practice(['nope.example.test @127.0.0.4', 'MX'], { lang: 'ja' });
    expect(text).toMatch(/^組み込みラボの DNS です/);
    expect(text).toContain('nope.example.test. は、どの型についても存在しません');
    expect(text).toContain('どの名前ですか？ MX の後に名前を入力してください。例: MX example.test');
  });
});

describe('practice dns --connect', () => {
  /** A one-record DNS server: every question gets `<name> 60 IN A 192.0.2.1`. */
  async function tinyServer(): Promise<number> {
    const socket = createSocket('udp4');
    sockets.push(socket);
    socket.on('message', (msg, from) => {
      const { message } = decodeMessage(msg);
      const q = message.questions[0];
      const answers = q ? [{ name: q.name, type: 1, class: 1, ttl: 60, data: { kind: 'A' as const, address: '192.0.2.1' } }] : [];
      const response = encodeMessage({ ...message, header: { ...message.header, qr: true, aa: true }, answers, edns: undefined });
      socket.send(response, from.port, from.address);
    });
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
    return socket.address().port;
  }

  it('sends to the server named, and says @root needs the lab', async () => {
    const port = await tinyServer();
    const { text } = await practice(['A anything.example +noedns', 'NS . @root', ':trace x.test'], { connect: `127.0.0.1:${port}` });
    expect(text).toMatch(new RegExp(`^DNS queries go to 127\\.0\\.0\\.1:${port}\\. This server is not the lab`));
    expect(text).toContain('S: anything.example. 60 IN A 192.0.2.1');
    expect(text).toContain('no server "@root": use @root, @tld, @<address>');
    expect(text).toContain(':trace needs the lab (its root server)');
  });

  it('nothing listening: the port unreachable comes back as one line, at once', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
    const port = socket.address().port;
    await new Promise<void>((r) => socket.close(() => r()));
    const { text } = await practice(['A x.test', 'A x.test +tcp'], { connect: `127.0.0.1:${port}` });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat.match(/127\.0\.0\.1:\d+ refused: nothing listens there\. Check the address, or ask another server with @/g)).toHaveLength(2);
  });

  it('a server that never answers: one line after the timeout, not a stack trace', async () => {
    const socket = createSocket('udp4');
    sockets.push(socket);
    await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
    const { text } = await practice(['A x.test'], { connect: `127.0.0.1:${socket.address().port}` });
    expect(text).toMatch(/no answer from 127\.0\.0\.1:\d+ in 5 s: is a DNS server listening there\?/);
  }, 15_000);
});
