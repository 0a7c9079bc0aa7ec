import { describe, expect, it } from 'vitest';
import { parseNetstatLinux } from '../../../src/ports/netstat-linux.js';
import { parseNetstatMacos } from '../../../src/ports/netstat-macos.js';
import { parseNetstatWindows } from '../../../src/ports/netstat-windows.js';
import { fixture, rows } from './fixtures.js';

const MAIL = 'mail srv';

describe('parseNetstatLinux', () => {
  it('reads netstat -W -ltnup: unbracketed IPv6, empty UDP state, a program name with a space', () => {
    expect(parseNetstatLinux(fixture('linux/netstat.txt'))).toEqual(
      rows(
        ['tcp', 4, '192.0.2.2', 5432, 16032, 'python3', null, false],
        ['tcp', 4, '127.0.0.1', 2525, 16031, MAIL, null, false],
        ['tcp', 4, '0.0.0.0', 8080, 16032, 'python3', null, false],
        ['tcp', 4, '0.0.0.0', 2024, null, null, null, false],
        ['tcp', 4, '0.0.0.0', 3306, 16032, 'python3', null, false],
        ['tcp', 6, 'fd00::2', 6379, 16032, 'python3', null, false],
        ['tcp', 6, '::', 2143, 16031, MAIL, null, null],
        ['tcp', 6, '::1', 2110, 16031, MAIL, null, false],
        ['udp', 4, '0.0.0.0', 5353, 16032, 'python3', null, false],
        ['udp', 4, '127.0.0.1', 123, 16032, 'python3', null, false],
        ['udp', 6, '::', 5353, 16032, 'python3', null, null],
        ['udp', 6, '::1', 161, 16032, 'python3', null, false],
      ),
    );
  });

  it('as a non-root user shows "-" for other users\' processes: pid and name stay null', () => {
    const parsed = parseNetstatLinux(fixture('linux/netstat-nonroot.txt'));
    expect(parsed).toHaveLength(12);
    expect(parsed.filter((r) => r.pid !== null).map((r) => [r.port, r.pid, r.process])).toEqual([
      [2525, 16031, MAIL],
      [2143, 16031, MAIL],
      [2110, 16031, MAIL],
    ]);
  });

  it('skips rows in other states and lines that are not rows', () => {
    const text = 'Active Internet connections (servers and established)\ntcp 0 0 127.0.0.1:5000 127.0.0.1:6000 ESTABLISHED 9/node\n';
    expect(parseNetstatLinux(text)).toEqual([]);
  });
});

describe('parseNetstatMacos', () => {
  it.each([
    [
      'macos/netstat-tcp-pid-epid.txt',
      rows(
        ['tcp', 4, '127.0.0.1', 2525, 900, null, null, false],
        ['tcp', 6, '::', 22, 1, null, null, true],
        ['tcp', 6, '::1', 631, 612, null, null, false],
        ['tcp', 4, '127.0.0.1', 631, 612, null, null, false],
      ),
    ],
    [
      'macos/netstat-tcp-gencnt.txt',
      rows(
        ['tcp', 4, '127.0.0.1', 8080, 18432, null, null, false],
        ['tcp', 6, '::', 8080, 18432, null, null, false],
        ['tcp', 6, '::', 5432, 501, null, null, true],
      ),
    ],
    [
      'macos/netstat-tcp-process-pid.txt',
      rows(
        ['tcp', 4, '127.0.0.1', 2525, 900, 'node', null, false],
        ['tcp', 6, '::', 49152, 742, 'rapportd', null, true],
        ['tcp', 6, '::1', 3000, 1207, 'Code Helper (Pl', null, false],
        ['tcp', 6, 'fe80::1%lo0', 5000, 516, 'ControlCenter', null, false],
      ),
    ],
    [
      'macos/netstat-udp-pid-epid.txt',
      rows(
        ['udp', 4, '0.0.0.0', 5353, 381, null, null, false],
        ['udp', 6, '::', 5353, 381, null, null, false],
        ['udp', 6, '::', 137, 1, null, null, true],
      ),
    ],
    [
      'macos/netstat-udp-process-pid.txt',
      rows(['udp', 4, '0.0.0.0', 5353, 381, 'mDNSResponder', null, false], ['udp', 6, '::1', 6000, 1207, 'Code Helper', null, false]),
    ],
  ])('%s', (name, expected) => {
    expect(parseNetstatMacos(fixture(name))).toEqual(expected);
  });

  it('without a header it still finds the listeners, but names no owner', () => {
    expect(parseNetstatMacos('tcp4 0 0 *.4242 *.* LISTEN 131072 131072 77 0')).toEqual(rows(['tcp', 4, '0.0.0.0', 4242, null, null, null, false]));
  });
});

describe('parseNetstatWindows', () => {
  it('reads netstat -ano (CRLF): listeners by peer port 0, unbound UDP by `*:*`, no process names', () => {
    expect(parseNetstatWindows(fixture('windows/netstat-ano.txt'))).toEqual(
      rows(
        ['tcp', 4, '0.0.0.0', 135, 1024, null, null, false],
        ['tcp', 4, '0.0.0.0', 445, 4, null, null, false],
        ['tcp', 4, '127.0.0.1', 2525, 5120, null, null, false],
        ['tcp', 4, '192.168.1.30', 139, 4, null, null, false],
        ['tcp', 6, '::', 135, 1024, null, null, null],
        ['tcp', 6, '::1', 2110, 5120, null, null, false],
        ['udp', 4, '0.0.0.0', 5353, 2200, null, null, false],
        ['udp', 4, '127.0.0.1', 1900, 3312, null, null, false],
        ['udp', 6, '::', 5353, 2200, null, null, null],
        ['udp', 6, 'fe80::1c2d:3e4f:5a6b:7c8d%12', 546, 1500, null, null, false],
      ),
    );
  });

  it('finds listeners on a German Windows, where the state reads ABHÖREN', () => {
    expect(parseNetstatWindows(fixture('windows/netstat-ano-de.txt')).map((r) => `${r.protocol} ${r.address} ${r.port} ${r.pid}`)).toEqual([
      'tcp 0.0.0.0 135 1024',
      'tcp 127.0.0.1 2525 5120',
      'tcp :: 445 4',
      'udp 0.0.0.0 5353 2200',
    ]);
  });
});
