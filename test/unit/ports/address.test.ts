import { describe, expect, it } from 'vitest';
import { classifyScope, formatIpv6, normaliseHost, splitColon, splitDot } from '../../../src/ports/address.js';

describe('splitColon', () => {
  it.each([
    ['127.0.0.1:2525', { host: '127.0.0.1', port: 2525 }],
    ['[::1]:2110', { host: '::1', port: 2110 }],
    ['*:2143', { host: '*', port: 2143 }],
    [':::2143', { host: '::', port: 2143 }],
    ['fd00::2:6379', { host: 'fd00::2', port: 6379 }],
    ['127.0.0.53%lo:53', { host: '127.0.0.53%lo', port: 53 }],
    ['[fe80::1]%eth0:546', { host: 'fe80::1%eth0', port: 546 }],
    ['[fe80::1%12]:546', { host: 'fe80::1%12', port: 546 }],
    ['0.0.0.0:*', { host: '0.0.0.0', port: null }],
    ['*:*', { host: '*', port: null }],
  ])('%s', (text, want) => {
    expect(splitColon(text)).toEqual(want);
  });

  it.each(['', '2525', 'host:http', '1.2.3.4:70000', ':25'])('rejects %j', (text) => {
    expect(splitColon(text)).toBeNull();
  });
});

describe('splitDot', () => {
  it.each([
    ['127.0.0.1.2525', { host: '127.0.0.1', port: 2525 }],
    ['*.22', { host: '*', port: 22 }],
    ['::1.631', { host: '::1', port: 631 }],
    ['fe80::1%lo0.5000', { host: 'fe80::1%lo0', port: 5000 }],
    ['*.*', { host: '*', port: null }],
  ])('%s', (text, want) => {
    expect(splitDot(text)).toEqual(want);
  });
});

describe('normaliseHost', () => {
  it.each([
    ['*', 4, '0.0.0.0'],
    ['*', 6, '::'],
    ['FD00::2', 6, 'fd00::2'],
    ['*%eth0', 4, '0.0.0.0%eth0'],
    ['fe80::1%lo0', 6, 'fe80::1%lo0'],
  ] as const)('%s (IPv%i) -> %s', (host, family, want) => {
    expect(normaliseHost(host, family)).toBe(want);
  });
});

describe('classifyScope', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.0.0.53%lo', 'loopback'],
    ['127.1.2.3', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['0.0.0.0', 'all'],
    ['::', 'all'],
    ['192.0.2.2', 'interface'],
    ['fd00::2', 'interface'],
    ['fe80::1%eth0', 'interface'],
    // A wildcard tied to one device (SO_BINDTODEVICE) reaches that device's network only.
    ['0.0.0.0%eth0', 'interface'],
  ] as const)('%s is %s', (address, scope) => {
    expect(classifyScope(address)).toBe(scope);
  });
});

describe('formatIpv6', () => {
  const bytes = (...b: number[]) => Uint8Array.from(b);
  it.each([
    [bytes(...Array(15).fill(0), 1), '::1'],
    [bytes(...Array(16).fill(0)), '::'],
    [bytes(0xfd, 0, ...Array(13).fill(0), 2), 'fd00::2'],
    [bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1), '2001:db8:0:1::1'],
    // RFC 5952 4.2.2: a single zero group is not shortened to ::
    [bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1), '2001:db8:0:1:1:1:1:1'],
    [bytes(...Array(10).fill(0), 0xff, 0xff, 127, 0, 0, 1), '::ffff:127.0.0.1'],
  ])('%s -> %s', (b, want) => {
    expect(formatIpv6(b)).toBe(want);
  });
});
