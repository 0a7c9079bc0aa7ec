import { describe, expect, it } from 'vitest';
import { parseTarget, showTarget } from '../../../src/practice/target.js';

describe('--connect host:port', () => {
  it.each([
    ['127.0.0.1:2525', { host: '127.0.0.1', port: 2525 }],
    ['localhost:25', { host: 'localhost', port: 25 }],
    ['mail.example.com:587', { host: 'mail.example.com', port: 587 }],
    ['[::1]:2143', { host: '::1', port: 2143 }],
    [' [fe80::1%eth0]:110 ', { host: 'fe80::1%eth0', port: 110 }],
  ])('%j', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });

  it.each(['', 'localhost', ':25', 'host:', 'host:0', 'host:65536', 'host:99999', '::1:2143', 'a b:25', 'host:25x', '[::1]'])('rejects %j', (text) => {
    expect(parseTarget(text)).toBeNull();
  });

  it('shows IPv6 in brackets', () => {
    expect(showTarget({ host: '::1', port: 1 })).toBe('[::1]:1');
    expect(showTarget({ host: '127.0.0.1', port: 1 })).toBe('127.0.0.1:1');
  });
});
