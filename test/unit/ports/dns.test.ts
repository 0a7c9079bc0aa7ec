import { describe, expect, it } from 'vitest';
import { runPorts } from '../../../src/commands/ports.js';
import type { RunResult, Runner } from '../../../src/ports/exec.js';
import { parseLsof } from '../../../src/ports/lsof.js';
import { parseNetstatLinux } from '../../../src/ports/netstat-linux.js';
import { parseProcNet } from '../../../src/ports/proc.js';
import type { ProcFs } from '../../../src/ports/proc-reader.js';
import { explainServices } from '../../../src/ports/report.js';
import { lookupService } from '../../../src/ports/services.js';
import { parseSs } from '../../../src/ports/ss.js';
import type { ListeningSocket } from '../../../src/ports/types.js';
import { fixture } from './fixtures.js';

// DNS's ports (issue 17), through the fixtures record-linux-dns.sh recorded: "dns srv" (pid
// 28706) holding UDP and TCP on 127.0.0.1-4:2053, as the lab's resolver, root, TLD and zone
// servers do, and on 127.0.0.53:53, where a stub resolver listens. DNS is UDP first (RFC 1035
// 4.2.1), so these are the listeners a TCP-only view would miss.
const PID = 28706;
const UDP_DNS = ['127.0.0.1:2053', '127.0.0.2:2053', '127.0.0.3:2053', '127.0.0.4:2053', '127.0.0.53:53'];
const NO_PROC: ProcFs = {
  read: () => ({ ok: false, code: 'missing', detail: 'ENOENT' }),
  list: () => [],
  link: () => null,
  ownerUid: () => null,
};
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const udpOf = (sockets: readonly ListeningSocket[]) =>
  sockets
    .filter((s) => s.protocol === 'udp')
    .map((s) => `${s.address}:${s.port}`)
    .sort();

/** ss as on the machine: -ltnup gives the recorded TCP and UDP rows, -ltnp only the TCP ones. */
const ss: Runner = async (command, args) => {
  if (command !== 'ss') return { kind: 'missing', command };
  const text = fixture('linux/dns/ss-tcp-udp.txt');
  const stdout = args.includes('-ltnup') ? text : text.split('\n').filter((l) => l.startsWith('tcp')).join('\n');
  return { kind: 'exited', code: 0, stdout, stderr: '' } as RunResult;
};

async function ports(opts: Record<string, unknown>): Promise<string> {
  let out = '';
  await runPorts(opts, { deps: { platform: 'linux', run: ss, fs: NO_PROC, euid: 0 }, write: (t) => (out += t), width: 120 });
  return plain(out);
}

describe('ports: DNS listens over UDP', () => {
  it('every parser finds the UDP sockets on 2053 and 53', () => {
    expect(udpOf(parseSs(fixture('linux/dns/ss-tcp-udp.txt')))).toEqual(UDP_DNS);
    expect(udpOf(parseLsof(fixture('linux/dns/lsof-udp.txt')))).toEqual(UDP_DNS);
    expect(udpOf(parseNetstatLinux(fixture('linux/dns/netstat.txt')))).toEqual(UDP_DNS);
    const proc = parseProcNet(fixture('linux/dns/proc-net-udp.txt'), 'udp', 4, 'LE');
    expect(proc.map((s) => `${s.address}:${s.port}`).sort()).toEqual(UDP_DNS);
  });

  it('the owner of each UDP socket is named where the tool can tell', () => {
    const lsof = parseLsof(fixture('linux/dns/lsof-udp.txt'));
    expect(lsof.every((s) => s.pid === PID && s.process === 'dns srv' && s.user === 'root')).toBe(true);
    const ss = parseSs(fixture('linux/dns/ss-tcp-udp.txt')).filter((s) => s.protocol === 'udp');
    expect(ss.every((s) => s.pid === PID && s.process === 'dns srv')).toBe(true);
  });

  it('2053 is l7lab DNS and 53 is DNS, over UDP and TCP alike', () => {
    for (const transport of ['udp', 'tcp'] as const) {
      expect(lookupService(2053, transport)).toMatchObject({ name: 'DNS (l7lab)', rfc: 'RFC 1035' });
      expect(lookupService(53, transport)).toMatchObject({ name: 'DNS', rfc: 'RFC 1035' });
    }
    const found = explainServices(parseSs(fixture('linux/dns/ss-tcp-udp.txt')));
    expect(found.known.map((k) => [k.service.name, k.where.sort()]).sort()).toEqual([
      ['DNS (l7lab)', ['2053/tcp', '2053/udp']],
      ['DNS', ['53/tcp', '53/udp']],
    ]);
  });

  it('ports --udp shows each UDP row as DNS (l7lab)', async () => {
    const out = await ports({ udp: true });
    for (const host of ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4']) {
      expect(out).toMatch(new RegExp(`│ udp\\s+│ ${host.replace(/\./g, '\\.')}\\s+│ 2053\\s+│ DNS \\(l7lab\\)\\s+│ loopback only`));
    }
    expect(out).toMatch(/│ udp\s+│ 127\.0\.0\.53\s+│ 53\s+│ DNS\s+│/);
  });

  it('ports --port 2053 without --udp shows the UDP sockets beside the TCP ones: DNS is UDP first', async () => {
    const out = await ports({ port: 2053 });
    expect(out).toMatch(/│ udp\s+│ 127\.0\.0\.1\s+│ 2053\s+│ DNS \(l7lab\)/);
    expect(out).toMatch(/│ tcp\s+│ 127\.0\.0\.1\s+│ 2053\s+│ DNS \(l7lab\)/);
    expect(out).not.toContain('over TCP');
    const json = JSON.parse(await ports({ port: 53, json: true })) as { sockets: Array<{ protocol: string; port: number; service: { name: string } }> };
    expect(json.sockets.map((s) => `${s.port}/${s.protocol} ${s.service.name}`).sort()).toEqual(['53/tcp DNS', '53/udp DNS']);
  });

  it('ports --explain says what DNS is, in English and Japanese', async () => {
    const out = await ports({ udp: true, explain: true });
    expect(out).toContain('DNS (l7lab)  2053/tcp, 2053/udp  (RFC 1035)');
    // The command it suggests stays on one line, whatever the width (ui/wrap.ts keep).
    expect(out).toContain('dig @127.0.0.1 -p 2053');
    for (const width of [80, 100]) {
      let narrow = '';
      await runPorts({ udp: true, explain: true }, { deps: { platform: 'linux', run: ss, fs: NO_PROC, euid: 0 }, write: (t) => (narrow += t), width });
      expect(plain(narrow)).toContain('dig @127.0.0.1 -p 2053');
    }
    expect(await ports({ udp: true, explain: true, lang: 'ja' })).toContain('l7lab serve の DNS リゾルバー');
  });
});
