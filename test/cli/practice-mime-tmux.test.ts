import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scratch } from '../support/scratch.js';
import { tmuxPanes } from '../support/tmux-panes.js';

/**
 * `:qp` and `:word` typed in `l7lab practice smtp` in a real terminal (tmux on a socket of
 * its own, -L): Tab completes them, they answer at once, and nothing reaches the server.
 */
const { tempDir } = scratch('l7lab-mime-tmux-');
const { tmux, screen, start, lastLine, until, typeLine, closeAll } = tmuxPanes({ socket: 'l7lab-h2-mime', cols: 120, rows: 50, home: tempDir, lang: 'C.UTF-8' });

afterEach(closeAll);

let hasTmux = true;
try {
  execFileSync('tmux', ['-V']);
} catch {
  hasTmux = false;
}

beforeAll(() => {
  expect(hasTmux, 'tmux is needed for this test').toBe(true);
  expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
});

describe('practice smtp: the MIME helpers in a real terminal', () => {
  it(':qp and :word encode and decode, Tab completes :word, and the server never sees them', async () => {
    start('mime', ['practice', 'smtp']);
    const prompt = () => lastLine('mime') === 'smtp CONNECTED>';
    await until('the first prompt', 'mime', prompt);

    typeLine('mime', ':qp price = 5');
    await until(':qp answered', 'mime', () => screen('mime').includes('price =3D 5') && prompt());
    expect(screen('mime')).toMatch(/= -> =3D +"=" starts an escape, so it is escaped itself \(rule 1\)/);

    typeLine('mime', ':qp -d Caf=C3=A9=');
    await until(':qp -d answered', 'mime', () => screen('mime').includes('decoded (quoted-printable, RFC 2045 6.7): Café') && prompt());
    expect(screen('mime')).toContain('1 soft line break(s) ("=" at a line end) removed (rule 5)');

    tmux('send-keys', '-t', 'mime', '-l', ':wo');
    tmux('send-keys', '-t', 'mime', 'Tab');
    await until(':wo<Tab> -> :word', 'mime', () => lastLine('mime') === 'smtp CONNECTED> :word');
    // `--`: typed text that starts with "-" is not a flag of send-keys.
    tmux('send-keys', '-t', 'mime', '-l', '--', '-q a_b c');
    tmux('send-keys', '-t', 'mime', 'Enter');
    await until(':word -q answered', 'mime', () => screen('mime').includes('=?UTF-8?Q?a=5Fb_c?=') && prompt());

    typeLine('mime', ':word -d =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=');
    await until(':word -d answered', 'mime', () => screen('mime').includes('decoded: テスト') && prompt());
    expect(screen('mime')).toContain('(charset ISO-2022-JP, B = base64 (RFC 2047 4.1))');

    typeLine('mime', ':help');
    await until('the helper list', 'mime', () => screen('mime').includes(':word [-q|-d] <text>') && prompt());
    expect(screen('mime')).toContain(':qp [-d] <text>');
    // Helpers never go out: no client line was sent.
    expect(screen('mime')).not.toMatch(/C: :/);
    tmux('send-keys', '-t', 'mime', 'C-d');
    await until('the exit', 'mime', () => screen('mime').includes('EXIT=0'));
  });
});
