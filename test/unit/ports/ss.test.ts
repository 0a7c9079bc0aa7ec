import { describe, expect, it } from 'vitest';
import { parseSs, parseSsUsers } from '../../../src/ports/ss.js';
import { fixture, rows } from './fixtures.js';

const MAIL = 'mail srv';

describe('parseSs', () => {
  it('reads ss -H -ltnup: one row per process, a dup()ed fd collapsing later, `*` as dual-stack', () => {
    expect(parseSs(fixture('linux/ss-tcp-udp.txt'))).toEqual(
      rows(
        ['udp', 4, '0.0.0.0', 5353, 16074, 'worker', null, false],
        ['udp', 4, '0.0.0.0', 5353, 16032, 'python3', null, false],
        ['udp', 4, '127.0.0.1', 123, 16074, 'worker', null, false],
        ['udp', 4, '127.0.0.1', 123, 16032, 'python3', null, false],
        ['udp', 6, '::', 5353, 16074, 'worker', null, false],
        ['udp', 6, '::', 5353, 16032, 'python3', null, false],
        ['udp', 6, '::1', 161, 16074, 'worker', null, false],
        ['udp', 6, '::1', 161, 16032, 'python3', null, false],
        ['tcp', 4, '192.0.2.2', 5432, 16074, 'worker', null, false],
        ['tcp', 4, '192.0.2.2', 5432, 16032, 'python3', null, false],
        ['tcp', 4, '127.0.0.1', 2525, 16031, MAIL, null, false],
        ['tcp', 4, '127.0.0.1', 2525, 16031, MAIL, null, false],
        ['tcp', 4, '0.0.0.0', 8080, 16074, 'worker', null, false],
        ['tcp', 4, '0.0.0.0', 8080, 16032, 'python3', null, false],
        ['tcp', 4, '0.0.0.0', 2024, null, null, null, false],
        ['tcp', 4, '0.0.0.0', 3306, 16074, 'worker', null, false],
        ['tcp', 4, '0.0.0.0', 3306, 16032, 'python3', null, false],
        ['tcp', 6, 'fd00::2', 6379, 16074, 'worker', null, false],
        ['tcp', 6, 'fd00::2', 6379, 16032, 'python3', null, false],
        ['tcp', 6, '::', 2143, 16031, MAIL, null, true],
        ['tcp', 6, '::1', 2110, 16031, MAIL, null, false],
      ),
    );
  });

  it('reads ss -H -ltnp (no Netid column) as TCP', () => {
    const parsed = parseSs(fixture('linux/ss-tcp.txt'), 'tcp');
    expect(parsed.every((r) => r.protocol === 'tcp')).toBe(true);
    expect(parsed.map((r) => `${r.address}:${r.port}/${r.pid ?? '-'}`)).toEqual([
      '192.0.2.2:5432/16074',
      '192.0.2.2:5432/16032',
      '127.0.0.1:2525/16031',
      '127.0.0.1:2525/16031',
      '0.0.0.0:8080/16074',
      '0.0.0.0:8080/16032',
      '0.0.0.0:2024/-',
      '0.0.0.0:3306/16074',
      '0.0.0.0:3306/16032',
      'fd00::2:6379/16074',
      'fd00::2:6379/16032',
      ':::2143/16031',
      '::1:2110/16031',
    ]);
  });

  it('as a non-root user lists every socket, with a pid only for its own processes', () => {
    const parsed = parseSs(fixture('linux/ss-nonroot.txt'));
    // 12 sockets; 2525 is listed once per descriptor of "mail srv" (merge.ts collapses those).
    expect(parsed).toHaveLength(13);
    expect(parsed.filter((r) => r.pid !== null).map((r) => r.port)).toEqual([2525, 2525, 2143, 2110]);
    expect(parsed.filter((r) => r.pid === null).every((r) => r.process === null && r.user === null)).toBe(true);
  });

  it.each([
    ['UNCONN 0 0 127.0.0.53%lo:53 0.0.0.0:*', 'udp', { address: '127.0.0.53%lo', family: 4, port: 53 }],
    ['UNCONN 0 0 [fe80::1]%eth0:546 [::]:*', 'udp', { address: 'fe80::1%eth0', family: 6, port: 546 }],
    ['LISTEN 0 5 [::ffff:127.0.0.1]:8080 *:*', 'tcp', { address: '::ffff:127.0.0.1', family: 6, port: 8080 }],
  ] as const)('reads a device-bound or mapped address: %s', (line, protocol, want) => {
    expect(parseSs(line, protocol)[0]).toMatchObject({ protocol, ...want });
  });

  it('ignores a header line, connected sockets and blank lines', () => {
    const text = 'State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nESTAB 0 0 127.0.0.1:5000 127.0.0.1:6000\n\n';
    expect(parseSs(text)).toEqual([]);
  });
});

describe('parseSsUsers', () => {
  it('reads names with spaces and parentheses, one entry per descriptor', () => {
    expect(parseSsUsers('users:(("Web Content (x)",pid=7,fd=3),("nginx",pid=8,fd=6))')).toEqual([
      { process: 'Web Content (x)', pid: 7 },
      { process: 'nginx', pid: 8 },
    ]);
  });
});
