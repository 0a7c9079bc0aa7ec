import { describe, expect, it } from 'vitest';
import { parseLsof, unescapeLsof } from '../../../src/ports/lsof.js';
import { fixture, rows } from './fixtures.js';

const MAIL = 'mail srv';

describe('parseLsof', () => {
  it.each([
    [
      'linux/lsof-tcp.txt',
      rows(
        ['tcp', 4, '127.0.0.1', 2525, 16031, MAIL, 'nobody', false],
        ['tcp', 4, '127.0.0.1', 2525, 16031, MAIL, 'nobody', false],
        ['tcp', 6, '::', 2143, 16031, MAIL, 'nobody', null],
        ['tcp', 6, '::1', 2110, 16031, MAIL, 'nobody', false],
        ['tcp', 4, '0.0.0.0', 8080, 16032, 'python3', 'root', false],
        ['tcp', 4, '192.0.2.2', 5432, 16032, 'python3', 'root', false],
        ['tcp', 6, 'fd00::2', 6379, 16032, 'python3', 'root', false],
        ['tcp', 4, '0.0.0.0', 3306, 16032, 'python3', 'root', false],
        ['tcp', 4, '0.0.0.0', 8080, 16074, 'worker', 'root', false],
        ['tcp', 4, '192.0.2.2', 5432, 16074, 'worker', 'root', false],
        ['tcp', 6, 'fd00::2', 6379, 16074, 'worker', 'root', false],
        ['tcp', 4, '0.0.0.0', 3306, 16074, 'worker', 'root', false],
      ),
    ],
    [
      // The connected client socket (127.0.0.1:48811->127.0.0.1:9) is no listener.
      'linux/lsof-udp.txt',
      rows(
        ['udp', 4, '0.0.0.0', 5353, 16032, 'python3', 'root', false],
        ['udp', 6, '::', 5353, 16032, 'python3', 'root', null],
        ['udp', 4, '127.0.0.1', 123, 16032, 'python3', 'root', false],
        ['udp', 6, '::1', 161, 16032, 'python3', 'root', false],
        ['udp', 4, '0.0.0.0', 5353, 16074, 'worker', 'root', false],
        ['udp', 6, '::', 5353, 16074, 'worker', 'root', null],
        ['udp', 4, '127.0.0.1', 123, 16074, 'worker', 'root', false],
        ['udp', 6, '::1', 161, 16074, 'worker', 'root', false],
      ),
    ],
    [
      // As user nobody, lsof lists only nobody's own processes: root's listeners are simply absent.
      'linux/lsof-nonroot.txt',
      rows(
        ['tcp', 4, '127.0.0.1', 2525, 16031, MAIL, 'nobody', false],
        ['tcp', 4, '127.0.0.1', 2525, 16031, MAIL, 'nobody', false],
        ['tcp', 6, '::', 2143, 16031, MAIL, 'nobody', null],
        ['tcp', 6, '::1', 2110, 16031, MAIL, 'nobody', false],
      ),
    ],
    [
      'macos/lsof-tcp.txt',
      rows(
        ['tcp', 6, '::', 22, 1, 'launchd', 'root', null],
        ['tcp', 4, '0.0.0.0', 22, 1, 'launchd', 'root', false],
        ['tcp', 4, '127.0.0.1', 5432, 501, 'postgres', '_postgres', false],
        ['tcp', 6, '::1', 5432, 501, 'postgres', '_postgres', false],
        ['tcp', 6, '::1', 631, 612, 'cupsd', 'root', false],
        ['tcp', 4, '127.0.0.1', 631, 612, 'cupsd', 'root', false],
        ['tcp', 4, '0.0.0.0', 49152, 742, 'rapportd', 'alice', false],
        ['tcp', 6, '::', 49152, 742, 'rapportd', 'alice', null],
        ['tcp', 4, '127.0.0.1', 2525, 900, 'node', 'alice', false],
        ['tcp', 4, '127.0.0.1', 2525, 900, 'node', 'alice', false],
        ['tcp', 4, '192.168.1.20', 7000, 1207, 'Code Helper (Plugin)', 'alice', false],
        ['tcp', 6, 'fe80:4::aede:48ff:fe00:1122', 7000, 516, 'ControlCenter', 'alice', false],
      ),
    ],
    [
      // `*:*` (not bound to a port yet) and `a->b` (a connected client) wait for nothing.
      'macos/lsof-udp.txt',
      rows(
        ['udp', 4, '0.0.0.0', 137, 1, 'launchd', 'root', false],
        ['udp', 4, '0.0.0.0', 5353, 381, 'mDNSResponder', '_mdnsresponder', false],
        ['udp', 6, '::', 5353, 381, 'mDNSResponder', '_mdnsresponder', null],
      ),
    ],
  ])('%s', (name, expected) => {
    expect(parseLsof(fixture(name))).toEqual(expected);
  });

  // Without +c 0 lsof cuts COMMAND to 9 characters, escapes counted: what it printed is what we say.
  it('keeps the 9-character COMMAND of the classic command as printed (mail\\x20s -> "mail s")', () => {
    const parsed = parseLsof(fixture('linux/lsof-classic.txt'));
    expect(parsed.filter((r) => r.pid === 16031).map((r) => r.process)).toEqual(['mail s', 'mail s', 'mail s', 'mail s']);
    expect(parsed).toHaveLength(12);
  });

  it('reads nothing from an empty answer or from a header alone', () => {
    expect(parseLsof('')).toEqual([]);
    expect(parseLsof('COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\n')).toEqual([]);
  });

  it('skips TCP rows in a state other than LISTEN (an lsof run without -sTCP:LISTEN)', () => {
    const text = 'COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME\nnode 9 me 20u IPv4 1 0t0 TCP 127.0.0.1:5000->127.0.0.1:6000 (ESTABLISHED)\n';
    expect(parseLsof(text)).toEqual([]);
  });
});

describe('unescapeLsof', () => {
  it.each([
    ['mail\\x20srv', 'mail srv'],
    ['plain', 'plain'],
    ['\\xe3\\x83\\xa1\\xe3\\x83\\xbc\\xe3\\x83\\xab', 'メール'],
    ['tab\\x09end', 'tab\tend'],
  ])('%s -> %s', (input, output) => {
    expect(unescapeLsof(input)).toBe(output);
  });
});
