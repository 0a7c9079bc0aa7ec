import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scratch } from '../support/scratch.js';
import { tmuxPanes } from '../support/tmux-panes.js';

/**
 * `l7lab practice dns` in a real terminal 80 columns wide (tmux on a socket of its own, -L): Tab
 * completes a record type, a question is answered section by section with its bytes annotated,
 * wrong input gets one line, NXDOMAIN is explained; in English and Japanese.
 */
const { tempDir } = scratch('l7lab-dns-tmux-');
const { tmux, screen, rows, start, lastLine, until, typeLine, closeAll } = tmuxPanes({ socket: 'l7lab-h4-dns', cols: 80, rows: 50, home: tempDir, lang: 'C.UTF-8' });

afterEach(closeAll);

beforeAll(() => {
  expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
});

describe('practice dns in a real terminal at 80 columns', () => {
  it('English: Tab completes MX, the answer is explained, the hex rows fit, wrong input and NXDOMAIN are explained', async () => {
    start('en', ['practice', 'dns']);
    await until('the first prompt', 'en', () => lastLine('en') === 'dns>');
    tmux('send-keys', '-t', 'en', '-l', 'M');
    tmux('send-keys', '-t', 'en', 'Tab');
    await until('M<Tab> -> MX', 'en', () => lastLine('en') === 'dns> MX');
    typeLine('en', ' example.test @127.0.0.4');
    await until('the MX answer', 'en', () => screen('en').includes('S: example.test. 300 IN MX 10 mail.example.test.'));
    const text = screen('en');
    expect(text).toMatch(/MX record in the answer section \(RFC 1035 4\.1\.3\)\. A mail exchanger/);
    // A hex row is one terminal row: it is the same whether soft wraps are joined or not.
    const qname = '000c  07 65 78 61 6d 70 6c 65  qname = example.test.';
    expect(text).toContain(qname);
    expect(rows('en')).toContain(qname);
    typeLine('en', 'MX');
    await until('the no-name error', 'en', () => screen('en').includes('which name? type MX and a name, e.g. MX example.test'));
    typeLine('en', 'nope.example.test @127.0.0.4');
    await until('NXDOMAIN explained', 'en', () => /does not exist, for any type\. Resolvers may remember this\s+"no" for 60 s/.test(screen('en')));
    expect(screen('en')).not.toMatch(/\n\s+at .*\.js:\d+/);
    tmux('send-keys', '-t', 'en', 'C-d');
    await until('exit 0', 'en', () => screen('en').includes('EXIT=0'));
  });

  it('Japanese: the greeting, a wrong line and NXDOMAIN in Japanese', async () => {
    start('ja', ['practice', 'dns', '--lang', 'ja']);
    await until('the first prompt', 'ja', () => lastLine('ja') === 'dns>');
    expect(screen('ja')).toContain('組み込みラボの DNS です');
    typeLine('ja', 'MXX example.test');
    await until('the two-names error', 'ja', () => screen('ja').includes('「MXX」と「example.test」はどちらも名前として読まれます'));
    typeLine('ja', 'nope.example.test @127.0.0.4');
    await until('NXDOMAIN in Japanese', 'ja', () => screen('ja').includes('nope.example.test. は、どの型についても存在しません'));
    typeLine('ja', ':quit');
    await until('exit 0', 'ja', () => screen('ja').includes('EXIT=0'));
  });
});
