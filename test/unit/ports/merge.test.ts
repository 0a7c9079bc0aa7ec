import { describe, expect, it } from 'vitest';
import { parseLsof } from '../../../src/ports/lsof.js';
import { compareAddresses, mergeSockets } from '../../../src/ports/merge.js';
import { parseSs } from '../../../src/ports/ss.js';
import { fixture, rows } from './fixtures.js';

describe('mergeSockets', () => {
  it('collapses one socket seen through two descriptors of one process (lsof)', () => {
    const merged = mergeSockets(parseLsof(fixture('linux/lsof-tcp.txt')));
    expect(merged.filter((s) => s.port === 2525)).toEqual(rows(['tcp', 4, '127.0.0.1', 2525, 16031, 'mail srv', 'nobody', false]));
  });

  it('keeps a socket shared by two processes as one row per pid, and sorts by port', () => {
    const merged = mergeSockets(parseSs(fixture('linux/ss-tcp-udp.txt')));
    expect(merged.map((s) => `${s.port}/${s.protocol}/${s.address}/${s.pid ?? '-'}`)).toEqual([
      '123/udp/127.0.0.1/16032',
      '123/udp/127.0.0.1/16074',
      '161/udp/::1/16032',
      '161/udp/::1/16074',
      '2024/tcp/0.0.0.0/-',
      '2110/tcp/::1/16031',
      '2143/tcp/::/16031',
      '2525/tcp/127.0.0.1/16031',
      '3306/tcp/0.0.0.0/16032',
      '3306/tcp/0.0.0.0/16074',
      '5353/udp/0.0.0.0/16032',
      '5353/udp/0.0.0.0/16074',
      '5353/udp/::/16032',
      '5353/udp/::/16074',
      '5432/tcp/192.0.2.2/16032',
      '5432/tcp/192.0.2.2/16074',
      '6379/tcp/fd00::2/16032',
      '6379/tcp/fd00::2/16074',
      '8080/tcp/0.0.0.0/16032',
      '8080/tcp/0.0.0.0/16074',
    ]);
  });

  it('keeps the same port on IPv4 and on IPv6 as two rows (two sockets)', () => {
    const merged = mergeSockets(rows(['tcp', 6, '::', 22, 1, 'sshd', 'root', false], ['tcp', 4, '0.0.0.0', 22, 1, 'sshd', 'root', false]));
    expect(merged.map((s) => s.family)).toEqual([4, 6]);
  });

  it('fills a null from a duplicate that knows the value, and never invents one', () => {
    const merged = mergeSockets(rows(['tcp', 4, '0.0.0.0', 80, 7, null, null, null], ['tcp', 4, '0.0.0.0', 80, 7, 'nginx', null, false]));
    expect(merged).toEqual(rows(['tcp', 4, '0.0.0.0', 80, 7, 'nginx', null, false]));
  });
});

describe('compareAddresses', () => {
  it('orders addresses as localeCompare does, without loading ICU for the usual characters', () => {
    const alphabet = ['0', '1', '2', '9', 'a', 'f', ':', '.', '%', 'e', 'E', 't', 'h'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const word = () => Array.from({ length: 1 + (next() % 6) }, () => alphabet[next() % alphabet.length]).join('');
    for (let i = 0; i < 2000; i++) {
      const [a, b] = [word(), word()];
      expect(Math.sign(compareAddresses(a, b)), `${a} vs ${b}`).toBe(Math.sign(a.localeCompare(b)));
    }
    expect(['::1', '127.0.0.1', '10.0.0.5', 'fe80::1%eth0', '2001:db8::1', '2001:db8:0:1::1'].sort(compareAddresses)).toEqual([
      '::1', '10.0.0.5', '127.0.0.1', '2001:db8::1', '2001:db8:0:1::1', 'fe80::1%eth0',
    ]);
  });
});
