import { describe, expect, it } from 'vitest';
import { parsePasswd, parseProcNet, procAddressBytes, socketInode } from '../../../src/ports/proc.js';
import { readProcSockets, type FileRead, type ProcFs } from '../../../src/ports/proc-reader.js';
import type { Runner } from '../../../src/ports/exec.js';
import { probe } from '../../../src/ports/prober.js';
import { fixture, rows } from './fixtures.js';

describe('parseProcNet (recorded on little-endian x86-64)', () => {
  it('tcp: LISTEN rows with the socket owner uid and inode', () => {
    expect(parseProcNet(fixture('linux/proc-net-tcp.txt'), 'tcp', 4, 'LE').map((s) => [s.address, s.port, s.uid, s.inode])).toEqual([
      ['192.0.2.2', 5432, 0, 48738],
      ['127.0.0.1', 2525, 65534, 49553],
      ['0.0.0.0', 8080, 0, 48737],
      ['0.0.0.0', 2024, 0, 1587],
      ['0.0.0.0', 3306, 0, 48745],
    ]);
  });

  it('tcp6: each 32-bit word byte-swapped', () => {
    expect(parseProcNet(fixture('linux/proc-net-tcp6.txt'), 'tcp', 6, 'LE').map((s) => [s.address, s.port, s.dualStack])).toEqual([
      ['fd00::2', 6379, false],
      ['::', 2143, null],
      ['::1', 2110, false],
    ]);
  });

  it('udp: unconnected sockets (state 07, no peer) only; the connected client is skipped', () => {
    expect(parseProcNet(fixture('linux/proc-net-udp.txt'), 'udp', 4, 'LE').map((s) => `${s.address}:${s.port}`)).toEqual(['0.0.0.0:5353', '127.0.0.1:123']);
    expect(parseProcNet(fixture('linux/proc-net-udp6.txt'), 'udp', 6, 'LE').map((s) => `${s.address}:${s.port}`)).toEqual([':::5353', '::1:161']);
  });

  it('skips connections (ESTABLISHED 01, TIME_WAIT 06) between listeners, whatever the line ends', () => {
    const row = (sl: number, st: string, inode: number) => `  ${sl}: 0100007F:09DD 0100007F:D431 ${st} 00000000:00000000 00:00000000 00000000  1000        0 ${inode} 1`;
    const text = [row(0, '01', 5), row(1, '06', 0), row(2, '0A', 77).replace('0100007F:D431', '00000000:0000'), row(3, '06', 0)].join('\r\n');
    expect(parseProcNet(text, 'tcp', 4, 'LE').map((s) => [s.address, s.port, s.inode])).toEqual([['127.0.0.1', 2525, 77]]);
    // State 0A in UDP's table is not "unconnected" (07): nothing listens there.
    expect(parseProcNet(text, 'udp', 4, 'LE')).toEqual([]);
  });

  it('reads the same address on a big-endian machine, where the words are printed in order', () => {
    const line = '   0: 7F000001:09DD 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 77 1';
    expect(parseProcNet(line, 'tcp', 4, 'BE')).toMatchObject([{ address: '127.0.0.1', port: 2525, uid: 1000, inode: 77 }]);
  });
});

describe('proc helpers', () => {
  it('procAddressBytes rejects what is not 8 or 32 hex digits', () => {
    expect(procAddressBytes('0100007', 'LE')).toBeNull();
    expect(procAddressBytes('0100007G', 'LE')).toBeNull();
    expect([...(procAddressBytes('0100007F', 'LE') ?? [])]).toEqual([127, 0, 0, 1]);
  });

  it('socketInode reads socket links only', () => {
    expect(socketInode('socket:[22733]')).toBe(22733);
    expect(socketInode('pipe:[22733]')).toBeNull();
    expect(socketInode('/dev/null')).toBeNull();
  });

  it('parsePasswd maps uid to the first name given that uid', () => {
    const users = parsePasswd('root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/:/usr/sbin/nologin\ntoor:x:0:0::/:/bin/sh\n# comment\n');
    expect([...users]).toEqual([
      [0, 'root'],
      [65534, 'nobody'],
    ]);
  });
});

/** A /proc as recorded in proc-pids.txt (pid, owner uid, comm, socket inodes) plus the /proc/net fixtures. */
function recordedProc(overrides: Record<string, FileRead> = {}): ProcFs {
  const files = new Map<string, string>([
    ['/proc/net/tcp', fixture('linux/proc-net-tcp.txt')],
    ['/proc/net/tcp6', fixture('linux/proc-net-tcp6.txt')],
    ['/proc/net/udp', fixture('linux/proc-net-udp.txt')],
    ['/proc/net/udp6', fixture('linux/proc-net-udp6.txt')],
    ['/etc/passwd', 'root:x:0:0::/root:/bin/bash\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n'],
  ]);
  const fds = new Map<string, string[]>();
  const owners = new Map<string, number>();
  for (const line of fixture('linux/proc-pids.txt').trim().split('\n')) {
    const [head = '', inodes = ''] = line.split('\t');
    const [pid = '', uid = '', ...comm] = head.split(' ');
    files.set(`/proc/${pid}/comm`, `${comm.join(' ')}\n`);
    owners.set(`/proc/${pid}`, Number(uid));
    fds.set(pid, inodes.split(' ').map((inode) => `socket:[${inode}]`));
  }
  return {
    read: (path) => overrides[path] ?? (files.has(path) ? { ok: true, text: files.get(path) as string } : { ok: false, code: 'missing', detail: 'ENOENT' }),
    list: (path) => (path === '/proc' ? [...fds.keys(), 'self', 'net'] : (fds.get(path.split('/')[2] ?? '')?.map((_, i) => String(i + 3)) ?? [])),
    link: (path) => {
      const [, , pid = '', , fd = ''] = path.split('/');
      return fds.get(pid)?.[Number(fd) - 3] ?? null;
    },
    ownerUid: (path) => owners.get(path) ?? null,
  };
}

describe('readProcSockets', () => {
  it('matches socket inodes to every process holding them, with comm and user', () => {
    const r = readProcSockets(recordedProc(), { udp: false, endian: 'LE' });
    expect(r).toEqual({
      ok: true,
      sockets: rows(
        ['tcp', 4, '192.0.2.2', 5432, 16032, 'python3', 'root', false],
        ['tcp', 4, '192.0.2.2', 5432, 16074, 'worker', 'root', false],
        ['tcp', 4, '127.0.0.1', 2525, 16031, 'mail srv', 'nobody', false],
        ['tcp', 4, '0.0.0.0', 8080, 16032, 'python3', 'root', false],
        ['tcp', 4, '0.0.0.0', 8080, 16074, 'worker', 'root', false],
        // No process here holds inode 1587: the pid stays unknown, the socket's owner uid names the user.
        ['tcp', 4, '0.0.0.0', 2024, null, null, 'root', false],
        ['tcp', 4, '0.0.0.0', 3306, 16032, 'python3', 'root', false],
        ['tcp', 4, '0.0.0.0', 3306, 16074, 'worker', 'root', false],
        ['tcp', 6, 'fd00::2', 6379, 16032, 'python3', 'root', false],
        ['tcp', 6, 'fd00::2', 6379, 16074, 'worker', 'root', false],
        ['tcp', 6, '::', 2143, 16031, 'mail srv', 'nobody', null],
        ['tcp', 6, '::1', 2110, 16031, 'mail srv', 'nobody', false],
      ),
    });
  });

  it('adds UDP when asked', () => {
    const r = readProcSockets(recordedProc(), { udp: true, endian: 'LE' });
    expect(r.ok && r.sockets.filter((s) => s.protocol === 'udp').map((s) => `${s.address}:${s.port}/${s.pid}`)).toEqual([
      '0.0.0.0:5353/16032',
      '0.0.0.0:5353/16074',
      '127.0.0.1:123/16032',
      '127.0.0.1:123/16074',
      ':::5353/16032',
      ':::5353/16074',
      '::1:161/16032',
      '::1:161/16074',
    ]);
  });

  it('is "missing" without /proc/net/tcp (not Linux), "denied" when it may not be read', () => {
    expect(readProcSockets(recordedProc({ '/proc/net/tcp': { ok: false, code: 'missing', detail: 'ENOENT' } }), { udp: false })).toMatchObject({ ok: false, code: 'missing' });
    expect(readProcSockets(recordedProc({ '/proc/net/tcp': { ok: false, code: 'denied', detail: 'EACCES' } }), { udp: false })).toMatchObject({ ok: false, code: 'denied' });
  });

  it('works without IPv6 (/proc/net/tcp6 absent)', () => {
    const r = readProcSockets(recordedProc({ '/proc/net/tcp6': { ok: false, code: 'missing', detail: 'ENOENT' } }), { udp: false, endian: 'LE' });
    expect(r.ok && r.sockets.every((s) => s.family === 4)).toBe(true);
  });
});

describe('probe on Linux reads /proc first', () => {
  it('answers from /proc without running any tool, and leaves a dual-stack wildcard untold', async () => {
    const calls: string[] = [];
    const run: Runner = async (command) => {
      calls.push(command);
      return { kind: 'missing', command };
    };
    const r = await probe({ backend: 'auto' }, { platform: 'linux', run, fs: recordedProc(), euid: 0 });
    expect(calls).toEqual([]);
    expect(r).toMatchObject({ ok: true, backend: 'proc', skipped: [], root: true });
    if (!r.ok) return;
    expect(r.sockets.find((s) => s.port === 2525)).toMatchObject({ pid: 16031, process: 'mail srv', user: 'nobody' });
    expect(r.sockets.find((s) => s.port === 2143)?.dualStack).toBeNull();
  });

  it('goes to ss when the caller shows dual-stack, since /proc cannot tell it', async () => {
    const calls: string[] = [];
    const run: Runner = async (command) => {
      calls.push(command);
      return { kind: 'exited', code: 0, stdout: fixture('linux/ss-tcp.txt'), stderr: '' };
    };
    const r = await probe({ backend: 'auto', dualStack: true }, { platform: 'linux', run, fs: recordedProc(), euid: 0 });
    expect(calls).toEqual(['ss']);
    expect(r).toMatchObject({ ok: true, backend: 'ss' });
  });
});
