import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDnsServer, type DnsServer } from '../../src/protocols/dns/server.js';
import { createAuthority } from '../../src/protocols/dns/session.js';
import { CLASS_IN, RR_TYPES } from '../../src/protocols/dns/types.js';
import { AUTHORITATIVE_SERVERS, DEFAULT_TTL, LAB_ZONES, soaOf, zonesOf } from '../../src/protocols/dns/zones.js';
import type { Address } from '../../src/protocols/server.js';

/**
 * The DNS benchmark's fairness (bench/dns.bench.mjs, issue 17): its Node peer serves example.test's
 * records with the answers our authoritative server gives, its dnsmasq configuration holds those
 * records, and dnsperf's report is read right. The bench files are plain JavaScript, so they run
 * in a child process that prints JSON.
 */
const ZONE = 'example.test';
const bench = (p: string) => fileURLToPath(new URL(`../../bench/${p}`, import.meta.url));
const zone = LAB_ZONES.find((z) => z.origin === ZONE)!;
const records = [soaOf(zone), ...zone.records].map((r) => ({ name: r.name, type: RR_TYPES[r.data.kind], class: CLASS_IN, ttl: r.ttl ?? DEFAULT_TTL, data: r.data }));

const SCRIPT = `
import { readFileSync } from 'node:fs';
const [zoneLib, perfLib, peerLib] = await Promise.all([import(${JSON.stringify(bench('lib/dns-zone.mjs'))}), import(${JSON.stringify(bench('lib/dnsperf.mjs'))}), import(${JSON.stringify(bench('peers/dns-packet-server.mjs'))})]);
const { records, ours, fixture } = JSON.parse(process.argv[1]);
const mix = zoneLib.queryMix(records, ${JSON.stringify(ZONE)});
const peer = await peerLib.startDnsPacketServer({ records });
const wrong = await zoneLib.disagreements(ours, { host: '127.0.0.1', port: peer.port }, mix);
await peer.close();
const conf = zoneLib.dnsmasqConfig({ records, zone: ${JSON.stringify(ZONE)}, host: '127.0.0.9', port: 5300 });
console.log(JSON.stringify({ mix, wrong, conf, perf: perfLib.parseDnsperf(readFileSync(fixture, 'utf8')) }));
`;

interface Result {
  mix: Array<{ name: string; type: string }>;
  wrong: string[];
  conf: string;
  perf: { qps: number; sent: number; completed: number; lost: number; rcodes: Record<string, number> };
}

let server: DnsServer;
let result: Result;
beforeAll(async () => {
  const spec = AUTHORITATIVE_SERVERS.find((s) => s.zones.includes(ZONE))!;
  const authority = createAuthority(zonesOf(spec));
  server = createDnsServer({ handler: (q) => authority.answer(q), rateLimit: false });
  const ours: Address = await server.listen(0, '127.0.0.1');
  const arg = JSON.stringify({ records, ours, fixture: fileURLToPath(new URL('../fixtures/bench/dnsperf-output.txt', import.meta.url)) });
  const out = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', SCRIPT, arg], { timeout: 20_000 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}: ${stderr}`)) : resolve(stdout))),
  );
  result = JSON.parse(out) as Result;
});
afterAll(() => server?.close());

describe('bench/dns: the peers serve what we serve', () => {
  it('the query mix covers MX, A, AAAA, TXT, CNAME (and an A through one) and a name that does not exist', () => {
    const asked = result.mix.map((q) => `${q.name} ${q.type}`);
    expect(asked).toEqual(expect.arrayContaining(['example.test MX', 'example.test A', 'example.test AAAA', 'example.test TXT', 'www.example.test CNAME', 'www.example.test A', 'web.example.test A', 'no-such-name.example.test A']));
    // shop.example.test's CNAME leaves the zone: the peers could not follow it, so it is not asked for an address.
    expect(asked).not.toContain('shop.example.test A');
  });

  it('the Node peer gives our rcode and answer records to every query of the mix', () => {
    expect(result.wrong).toEqual([]);
  });

  it("dnsmasq's generated configuration holds the zone's records and nothing upstream", () => {
    const lines = result.conf.split('\n');
    expect(lines).toEqual(expect.arrayContaining(['port=5300', 'listen-address=127.0.0.9', 'no-resolv', 'no-hosts', 'local=/example.test/', 'bind-interfaces']));
    expect(lines).toEqual(expect.arrayContaining(['mx-host=example.test,mail.example.test,10', 'mx-host=example.test,backup.example.test,20', 'host-record=example.test,127.0.0.1,300', 'host-record=example.test,::1,300', 'cname=www.example.test,example.test,300', 'txt-record=example.test,"v=spf1 ip4:127.0.0.1 -all"']));
    expect(lines.some((l) => l.startsWith('server='))).toBe(false);
  });

  it("reads dnsperf's report: queries/s, sent, completed, lost and the response codes", () => {
    expect(result.perf).toEqual({ qps: 1998.092866, sent: 1999, completed: 1999, lost: 0, rcodes: { NOERROR: 1000, NXDOMAIN: 999 } });
  });
});
