import { describe, expect, it } from 'vitest';
import type { RunResult, Runner } from '../../../src/ports/exec.js';
import type { ProcFs } from '../../../src/ports/proc-reader.js';
import { autoOrder, probe, type ProbeDeps } from '../../../src/ports/prober.js';
import { fixture } from './fixtures.js';

const SS = fixture('linux/ss-tcp.txt');
const LSOF = fixture('linux/lsof-tcp.txt');
const NETSTAT = fixture('linux/netstat.txt');
const exited = (stdout: string, code = 0, stderr = ''): RunResult => ({ kind: 'exited', code, stdout, stderr });

/** A runner that answers per tool and records what was run. */
function fakeRunner(answers: Record<string, RunResult>): Runner & { calls: string[] } {
  const calls: string[] = [];
  const run = (async (command: string, args: readonly string[]) => {
    calls.push(`${command} ${args.join(' ')}`);
    return answers[command] ?? { kind: 'missing', command };
  }) as Runner & { calls: string[] };
  run.calls = calls;
  return run;
}

/** A /proc without /proc/net (so the proc backend is "missing") but with owners for pids. */
const NO_PROC: ProcFs = {
  read: (path) =>
    path === '/etc/passwd'
      ? { ok: true, text: 'root:x:0:0::/:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n' }
      : { ok: false, code: 'missing', detail: 'ENOENT' },
  list: () => [],
  link: () => null,
  ownerUid: (path) => (path === '/proc/16031' ? 65534 : path.startsWith('/proc/160') ? 0 : null),
};

function deps(run: Runner, over: Partial<ProbeDeps> = {}): ProbeDeps {
  return { platform: 'linux', run, fs: NO_PROC, euid: 0, ...over };
}

describe('autoOrder', () => {
  it.each([
    ['linux', ['proc', 'ss', 'lsof', 'netstat']],
    ['darwin', ['lsof', 'netstat']],
    ['win32', ['netstat']],
    ['freebsd', ['lsof']],
  ] as const)('%s: %j', (platform, order) => {
    expect(autoOrder(platform)).toEqual(order);
  });

  it('puts ss, which can tell a dual-stack wildcard, before /proc on Linux when the caller shows it', () => {
    expect(autoOrder('linux', true)).toEqual(['ss', 'proc', 'lsof', 'netstat']);
    expect(autoOrder('darwin', true)).toEqual(['lsof', 'netstat']);
  });
});

describe('probe', () => {
  it('uses ss first on Linux when dual-stack is shown, with never-resolving flags, and fills users from /proc/<pid>', async () => {
    const run = fakeRunner({ ss: exited(SS) });
    const r = await probe({ udp: false, dualStack: true }, deps(run));
    expect(run.calls).toEqual(['ss -H -ltnp']);
    expect(r).toMatchObject({ ok: true, backend: 'ss', source: 'ss -H -ltnp', root: true, partial: true, skipped: [] });
    if (!r.ok) return;
    expect(r.sockets.find((s) => s.port === 2525)).toMatchObject({ pid: 16031, process: 'mail srv', user: 'nobody' });
    expect(r.sockets.find((s) => s.port === 2024)).toMatchObject({ pid: null, user: null });
  });

  it('falls back past a missing ss and a missing /proc to lsof, saying why', async () => {
    const run = fakeRunner({ lsof: exited(LSOF) });
    const r = await probe({}, deps(run));
    expect(r).toMatchObject({ ok: true, backend: 'lsof', source: 'lsof +c 0 -nP -w -iTCP -sTCP:LISTEN' });
    if (!r.ok) return;
    expect(r.skipped.map((a) => [a.backend, a.reason])).toEqual([
      ['proc', 'missing'],
      ['ss', 'missing'],
    ]);
    expect(r.partial).toBe(false);
  });

  it.each([
    ['a timeout', { kind: 'timeout', command: 'lsof', ms: 5000 } as RunResult, 'timeout'],
    ['a permission error', exited('', 1, 'lsof: WARNING: can\'t stat(): Permission denied'), 'denied'],
    ['a spawn refused', { kind: 'denied', command: 'lsof', detail: 'EACCES' } as RunResult, 'denied'],
    ['an unknown option', exited('', 1, 'lsof: unsupported option: +c'), 'failed'],
  ])('falls back from lsof on %s to netstat', async (_, lsof, reason) => {
    const run = fakeRunner({ lsof, netstat: exited(NETSTAT) });
    const r = await probe({}, deps(run));
    expect(r).toMatchObject({ ok: true, backend: 'netstat', source: 'netstat -W -ltnp' });
    expect(r.ok && r.skipped.at(-1)).toMatchObject({ backend: 'lsof', reason });
  });

  it('takes lsof exit 1 with no output as "nothing listens", not as a failure', async () => {
    const run = fakeRunner({ lsof: exited('', 1) });
    const r = await probe({ backend: 'lsof' }, deps(run));
    expect(r).toMatchObject({ ok: true, backend: 'lsof', sockets: [] });
  });

  it('runs lsof twice for --udp (with -sTCP:LISTEN lsof drops UDP) and merges both', async () => {
    const calls: string[] = [];
    const run: Runner = async (command, args) => {
      calls.push(`${command} ${args.join(' ')}`);
      return exited(args.includes('-iUDP') ? fixture('linux/lsof-udp.txt') : LSOF);
    };
    const r = await probe({ backend: 'lsof', udp: true }, deps(run));
    expect(calls).toEqual(['lsof +c 0 -nP -w -iTCP -sTCP:LISTEN', 'lsof +c 0 -nP -w -iUDP']);
    // 12 TCP rows less the dup()ed 2525; 10 UDP rows less the two connected clients.
    expect(r.ok && r.sockets.filter((s) => s.protocol === 'tcp')).toHaveLength(11);
    expect(r.ok && r.sockets.filter((s) => s.protocol === 'udp')).toHaveLength(8);
  });

  it('tries a named backend alone and reports its failure', async () => {
    const run = fakeRunner({ lsof: exited(LSOF) });
    const r = await probe({ backend: 'ss' }, deps(run));
    expect(r).toEqual({ ok: false, attempts: [{ backend: 'ss', reason: 'missing', detail: 'ss is not installed' }] });
    expect(run.calls).toEqual(['ss -H -ltnp']);
  });

  it('fails with every attempt when nothing works', async () => {
    const r = await probe({}, deps(fakeRunner({})));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.attempts.map((a) => a.backend)).toEqual(['proc', 'ss', 'lsof', 'netstat']);
  });

  it('marks the answer partial when not root, even if every row has a pid', async () => {
    const r = await probe({ backend: 'lsof' }, deps(fakeRunner({ lsof: exited(fixture('linux/lsof-nonroot.txt')) }), { euid: 1000 }));
    expect(r).toMatchObject({ ok: true, root: false, partial: true });
  });

  it('on macOS reads netstat -anv per protocol; on Windows netstat -ano, UDP only with --udp', async () => {
    const mac = fakeRunner({ netstat: exited(fixture('macos/netstat-tcp-process-pid.txt')) });
    const r = await probe({ backend: 'netstat' }, deps(mac, { platform: 'darwin', euid: 501 }));
    expect(mac.calls).toEqual(['netstat -anv -p tcp']);
    expect(r.ok && r.sockets.map((s) => s.port)).toEqual([2525, 3000, 5000, 49152]);

    const win = fakeRunner({ netstat: exited(fixture('windows/netstat-ano.txt')) });
    const tcpOnly = await probe({}, deps(win, { platform: 'win32', euid: null }));
    expect(win.calls).toEqual(['netstat -ano']);
    expect(tcpOnly).toMatchObject({ ok: true, backend: 'netstat', root: null, partial: false });
    expect(tcpOnly.ok && tcpOnly.sockets.every((s) => s.protocol === 'tcp')).toBe(true);
    const withUdp = await probe({ udp: true }, deps(win, { platform: 'win32', euid: null }));
    expect(withUdp.ok && withUdp.sockets.filter((s) => s.protocol === 'udp')).toHaveLength(4);
  });

  it('says a backend does not exist on a platform instead of running it', async () => {
    const run = fakeRunner({});
    const r = await probe({ backend: 'proc' }, deps(run, { platform: 'darwin' }));
    expect(r).toMatchObject({ ok: false, attempts: [{ backend: 'proc', reason: 'unsupported' }] });
    expect(run.calls).toEqual([]);
  });
});
