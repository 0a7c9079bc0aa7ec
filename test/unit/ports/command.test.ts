import { describe, expect, it } from 'vitest';
import { runPorts } from '../../../src/commands/ports.js';
import { ExitError } from '../../../src/errors.js';
import type { RunResult, Runner } from '../../../src/ports/exec.js';
import type { ProcFs } from '../../../src/ports/proc-reader.js';
import type { ProbeDeps } from '../../../src/ports/prober.js';
import { fixture } from './fixtures.js';

const NO_PROC: ProcFs = {
  read: () => ({ ok: false, code: 'missing', detail: 'ENOENT' }),
  list: () => [],
  link: () => null,
  ownerUid: () => null,
};
const answer = (stdout: string): Runner => async (command) => (command === 'ss' ? ({ kind: 'exited', code: 0, stdout, stderr: '' } as RunResult) : { kind: 'missing', command });
const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

async function ports(opts: Record<string, unknown>, deps: Partial<ProbeDeps> = {}, width = 120): Promise<string> {
  let out = '';
  await runPorts(opts, { deps: { platform: 'linux', run: answer(fixture('linux/ss-tcp.txt')), fs: NO_PROC, euid: 0, ...deps }, write: (t) => (out += t), width });
  return plain(out);
}

describe('runPorts', () => {
  it('prints the table sorted by port, then the source', async () => {
    const out = await ports({});
    const portsInOrder = [...out.matchAll(/^│ tcp\s+│[^│]+│ (\d+)/gm)].map((m) => Number(m[1]));
    expect(portsInOrder).toEqual([2024, 2110, 2143, 2525, 3306, 3306, 5432, 5432, 6379, 6379, 8080, 8080]);
    expect(out).toMatch(/│ tcp\s+│ ::\s+│ 2143 │ IMAP \(l7lab\)\s+│ all interfaces \(IPv4\+IPv6\)\s+│ 16031 │ mail srv\s+│ -\s+│/);
    expect(out).toContain('Source: ss -H -ltnp');
    expect(out).not.toContain('sudo');
  });

  it('fits 80 columns (issue 14: it was 81-88 wide): user and pid give way, then long cells are cut with …', async () => {
    for (const lang of ['en', 'ja']) {
      const out = await ports({ lang }, {}, 80);
      const table = out.split('\n').filter((l) => /^[│┌└]/.test(l));
      for (const line of table) expect([...line].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0)).toBeLessThanOrEqual(80);
      const portsInOrder = [...out.matchAll(/^│ tcp\s+│[^│]+│ (\d+)/gm)].map((m) => Number(m[1]));
      expect(portsInOrder).toEqual([2024, 2110, 2143, 2525, 3306, 3306, 5432, 5432, 6379, 6379, 8080, 8080]);
    }
    const en = await ports({}, {}, 80);
    expect(en).not.toMatch(/│ user\s+│/);
    expect(en).toContain('mail srv');
  });

  it('tells a non-root user that others may be hidden, and how to see them', async () => {
    const out = await ports({}, { euid: 1000 });
    expect(out).toContain("Not running as root: other users' processes may be hidden or shown without pid. See them all: sudo l7lab ports");
  });

  it('--explain adds what each service does and the lesson that covers it', async () => {
    const out = await ports({ explain: true, port: 2525 });
    expect(out).toContain('SMTP (l7lab)  2525/tcp  (RFC 5321)');
    expect(out).toContain('Lesson: l7lab learn mock-server');
    expect(out).toContain('loopback only: only programs on this machine can connect');
  });

  it('--json --port gives just that port, in the issue shape', async () => {
    const report = JSON.parse(await ports({ json: true, port: 2110 })) as { backend: string; partial: boolean; sockets: unknown[] };
    expect(report).toEqual({
      backend: 'ss',
      partial: false,
      sockets: [
        {
          protocol: 'tcp',
          family: 6,
          address: '::1',
          port: 2110,
          scope: 'loopback',
          pid: 16031,
          process: 'mail srv',
          user: null,
          service: { name: 'POP3 (l7lab)', description: "l7lab's lab POP3 server: the lessons' mailbox to download." },
        },
      ],
    });
  });

  it('--json is partial when a shown socket has no known owner', async () => {
    expect(JSON.parse(await ports({ json: true, port: 2024 }))).toMatchObject({ partial: true, sockets: [{ port: 2024, pid: null }] });
  });

  it('fails in one line, exit 1, when no backend can answer', async () => {
    const err = await ports({}, { run: async (command) => ({ kind: 'missing', command }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExitError);
    expect((err as ExitError).exitCode).toBe(1);
    expect((err as ExitError).message).not.toContain('\n');
    expect((err as ExitError).message).toMatch(/^ports: no backend could list the sockets \(ss: .*; proc: .*; lsof: .*; netstat: .*\); install iproute2 \(ss\) or lsof$/);
  });

  it('rejects an unknown backend or language as a usage error (exit 2)', async () => {
    await expect(ports({ backend: 'nmap' })).rejects.toMatchObject({ exitCode: 2 });
    await expect(ports({ lang: 'fr' })).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe('runPorts --port without --udp (issue 21 item 4)', () => {
  // ss answers TCP only for -ltnp and TCP+UDP for -ltnup, as the recorded fixtures show.
  const bySwitch: Runner = async (command, args) =>
    command === 'ss' ? ({ kind: 'exited', code: 0, stdout: fixture(args.includes('-ltnup') ? 'linux/ss-tcp-udp.txt' : 'linux/ss-tcp.txt'), stderr: '' } as RunResult) : { kind: 'missing', command };

  it('a port that listens only over UDP is shown, not reported as "nothing listens"', async () => {
    const out = await ports({ port: 123 }, { run: bySwitch });
    expect(out).not.toContain('Nothing listens on port 123.');
    expect(out).toContain('Nothing listens on port 123 over TCP; these UDP sockets do:');
    expect(out).toMatch(/│ udp\s+│ 127\.0\.0\.1\s+│ 123\s+│ NTP/);
    const ja = await ports({ port: 123, lang: 'ja' }, { run: bySwitch });
    expect(ja).toContain('ポート 123 を TCP で待ち受けるものはありません。UDP では次のとおりです:');
    const json = JSON.parse(await ports({ port: 123, json: true }, { run: bySwitch })) as { sockets: Array<{ protocol: string; port: number }> };
    expect(json.sockets.map((s) => `${s.port}/${s.protocol}`)).toEqual(['123/udp', '123/udp']);
  });

  it('a port free over TCP and UDP says so; with no port at all, it hints at --udp', async () => {
    expect(await ports({ port: 9 }, { run: bySwitch })).toContain('Nothing listens on port 9.');
    const empty: Runner = async (command) => (command === 'ss' ? ({ kind: 'exited', code: 0, stdout: '', stderr: '' } as RunResult) : { kind: 'missing', command });
    expect(await ports({}, { run: empty })).toContain('No listening sockets found. (add --udp to see UDP sockets)');
    expect(await ports({ lang: 'ja' }, { run: empty })).toContain('待ち受け中のソケットは見つかりませんでした。 (UDP のソケットも見るには --udp を付けてください)');
    expect(await ports({ udp: true }, { run: empty })).not.toContain('--udp');
  });

  it('a TCP listener on the port is shown without asking UDP', async () => {
    const out = await ports({ port: 2525 }, { run: bySwitch });
    expect(out).not.toContain('over TCP');
    expect(out).toMatch(/│ tcp\s+│ 127\.0\.0\.1\s+│ 2525\s+│ SMTP \(l7lab\)/);
  });
});
