import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { History, historyFile, worthSaving } from '../../../src/practice/history.js';
import { scratch } from '../../support/scratch.js';

const { tempDir } = scratch('l7lab-history-');

describe('history file', () => {
  it('lives in the XDG state directory, one file per protocol', () => {
    expect(historyFile('imap', { HOME: '/home/u', XDG_STATE_HOME: '/st' })).toBe('/st/l7lab/practice-history-imap');
    expect(historyFile('smtp', { HOME: '/home/u' })).toBe('/home/u/.local/state/l7lab/practice-history-smtp');
  });

  it('keeps lines across sessions, oldest first, creating the directory', async () => {
    const path = join(tempDir(), 'deep', 'dir', 'practice-history-smtp');
    const first = await History.open(path);
    expect(first.entries).toEqual([]);
    expect(await first.add('EHLO me')).toBeNull();
    await first.add('NOOP');
    await first.add('NOOP');
    const second = await History.open(path);
    expect(second.entries).toEqual(['EHLO me', 'NOOP']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('keeps only the last lines and trims a file that grew too long', async () => {
    const path = join(tempDir(), 'h');
    writeFileSync(path, Array.from({ length: 25 }, (_, i) => `NOOP ${i}\n`).join(''));
    const h = await History.open(path, 10);
    expect(h.entries).toHaveLength(10);
    expect(h.entries[0]).toBe('NOOP 15');
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(10);
    await h.add('QUIT');
    expect(h.entries).toHaveLength(10);
    expect(h.entries[9]).toBe('QUIT');
  });

  it('says once, and only once, when the file cannot be written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), '');
    // a path under a regular file can never be created
    const h = await History.open(join(dir, 'file', 'h'));
    expect(await h.add('NOOP')).toMatch(/ENOTDIR|EEXIST|not a directory/i);
    expect(await h.add('QUIT')).toBeNull();
    expect(h.entries).toEqual(['NOOP', 'QUIT']);
  });
});

describe('lines with a password are never written to disk', () => {
  it.each([
    ['smtp', 'EHLO me', true],
    ['smtp', 'AUTH PLAIN', true],
    ['smtp', 'AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', false],
    ['pop3', 'USER bob', true],
    ['pop3', 'PASS builder', false],
    ['pop3', 'pass builder', false],
    ['pop3', 'APOP bob c4c9334bac560ecc979e58001b3e22fb', false],
    ['imap', 'LOGIN bob builder', false],
    ['imap', 'a1 LOGIN bob builder', false],
    ['imap', 'a1 AUTHENTICATE PLAIN', true],
    ['imap', 'a1 AUTHENTICATE PLAIN AGJvYgBidWlsZGVy', false],
    ['imap', 'SELECT INBOX', true],
    ['smtp', ':plain alice wonderland', false],
    ['smtp', ':cram x tim secret', false],
    ['pop3', ':apop tanstaaf', false],
    ['smtp', ':b64 hello', true],
    ['smtp', '   ', false],
    // HTTP: the credential fields, also in the forms the server refuses (RFC 9112 5.1, 5.2)
    ['http', 'GET /api/messages HTTP/1.1', true],
    ['http', 'Host: 127.0.0.1', true],
    ['http', 'Authorization: Basic YWxpY2U6d29uZGVybGFuZA==', false],
    ['http', 'authorization : Basic YWxpY2U6d29uZGVybGFuZA==', false],
    ['http', 'Proxy-Authorization: Bearer abc', false],
    ['http', 'Cookie: sid=31d4d96e407aad42', false],
    ['http', ' YWxpY2U6d29uZGVybGFuZA==', false],
    ['pop3', 'AUTH PLAIN AGJvYgBidWlsZGVy', false],
  ] as const)('%s %j saved: %s', (protocol, line, expected) => {
    expect(worthSaving(line, protocol)).toBe(expected);
  });
});
