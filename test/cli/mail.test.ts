import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { scratch } from '../support/scratch.js';

/** The built bin run as a user runs it, on a Maildir filled through MaildirStore. */
const bin = fileURLToPath(new URL('../../bin/l7lab.js', import.meta.url));

interface Ran {
  code: number;
  stdout: Buffer;
  stderr: string;
}

function l7lab(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  const base: NodeJS.ProcessEnv = { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1', FORCE_COLOR: '' };
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env: { ...base, ...env }, timeout: 15_000, encoding: 'buffer' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr: stderr.toString('utf8') });
    });
  });
}

const MULTIPART = Buffer.from(
  [
    'From: =?UTF-8?B?5bGx55Sw?= <yamada@example.jp>',
    'To: Bob <bob@example.com>',
    'Cc: carol@example.org',
    'Subject: =?UTF-8?Q?Quarterly_r=C3=A9port?=',
    'Date: Tue, 04 Jun 2024 10:00:00 +0900',
    'Message-ID: <q2@example.jp>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Hello Bob,=0Athe r=C3=A9port is attached.',
    '--b1',
    'Content-Type: application/pdf; name="q2.pdf"',
    'Content-Disposition: attachment; filename="q2.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from('%PDF-1.4 not really a pdf, 37 bytes').toString('base64'),
    '--b1--',
    '',
  ].join('\r\n'),
);
const PLAIN = Buffer.from('From: a@example.com\r\nTo: alice@example.com\r\nSubject: plain one\r\n\r\nJust text.\r\n');

const { tempDir } = scratch('l7lab-mail-cli-');
let parent: string;
let root: string;

beforeAll(() => {
  expect(existsSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url))), 'run `npm run build` first').toBe(true);
});

beforeEach(() => {
  parent = tempDir();
  root = join(parent, 'store');
});

async function fill(): Promise<{ bob: string; alice: string }> {
  const store = new MaildirStore(root);
  try {
    const [bob] = await store.deliver({ from: 'yamada@example.jp', to: ['bob@example.com'] }, MULTIPART);
    const [alice] = await store.deliver({ from: 'a@example.com', to: ['alice@example.com'] }, PLAIN);
    await store.setFlags('alice', 'INBOX', alice!.meta.uid, ['\\Seen']);
    return { bob: bob!.meta.id, alice: alice!.meta.id };
  } finally {
    await store.close();
  }
}

describe('l7lab mail', () => {
  it('says in one line that an empty (or missing) store has no mail, and prints [] for --json', async () => {
    const r = await l7lab(['mail', 'list', '--store', root]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString().trim().split('\n')).toHaveLength(1);
    expect(r.stdout.toString()).toContain('No captured mail');
    const j = await l7lab(['mail', 'list', '--store', root, '--json']);
    expect(JSON.parse(j.stdout.toString())).toEqual([]);
  });

  it('lists captured messages across accounts: id, from, to, subject, size, read or not', async () => {
    const ids = await fill();
    // Not a terminal: $COLUMNS sets the width (80 without it, see below).
    const r = await l7lab(['mail', 'list', '--store', root], { COLUMNS: '200' });
    expect(r.code).toBe(0);
    const out = r.stdout.toString();
    const bobRow = out.split('\n').find((l) => l.includes(ids.bob)) ?? '';
    expect(bobRow).toContain('Quarterly réport');
    expect(bobRow).toContain('yamada@example.jp');
    expect(bobRow).toContain('bob@example.com');
    expect(bobRow).toMatch(/\sno$/);
    const aliceRow = out.split('\n').find((l) => l.includes(ids.alice)) ?? '';
    expect(aliceRow).toContain('plain one');
    expect(aliceRow).toContain(`${PLAIN.length} B`);
    expect(aliceRow).toMatch(/\syes$/);
    expect(out).toContain('2 message(s), 1 unread');
    // The header names bob and carol, the envelope bob only: nothing marked.
    expect(out).not.toContain('+');
  });

  it('fits 80 columns when not told otherwise, cutting long cells with …', async () => {
    const ids = await fill();
    const r = await l7lab(['mail', 'list', '--store', root], { COLUMNS: '' });
    const lines = r.stdout.toString().split('\n').filter((l) => l.includes(ids.bob) || l.includes(ids.alice) || l.startsWith('id'));
    expect(lines).toHaveLength(3);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
    expect(lines.find((l) => l.includes(ids.bob))).toContain('…');
  });

  it('--json gives one object per message', async () => {
    const ids = await fill();
    const r = await l7lab(['mail', 'list', '--store', root, '--json']);
    const rows = JSON.parse(r.stdout.toString()) as Array<Record<string, unknown>>;
    // Both arrived in the same millisecond, perhaps: compare without relying on the order.
    const got = rows.map((x) => [x.id, x.account, x.mailbox, x.size, x.read, x.subject]).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(got).toEqual([
      [ids.alice, 'alice', 'INBOX', PLAIN.length, true, 'plain one'],
      [ids.bob, 'bob', 'INBOX', MULTIPART.length, false, 'Quarterly réport'],
    ]);
  });

  it('show <id prefix> prints the headers, the decoded text and the attachments', async () => {
    const ids = await fill();
    const r = await l7lab(['mail', 'show', ids.bob.slice(0, 6), '--store', root]);
    expect(r.code).toBe(0);
    const out = r.stdout.toString();
    expect(out).toMatch(/^From:\s+"山田" <yamada@example\.jp>$/m);
    expect(out).toMatch(/^Cc:\s+carol@example\.org$/m);
    expect(out).toMatch(/^Subject:\s+Quarterly réport$/m);
    expect(out).toMatch(/^Message-ID:\s+<q2@example\.jp>$/m);
    expect(out).toContain('Hello Bob,\nthe réport is attached.');
    expect(out).toMatch(/^ {2}q2\.pdf {2}application\/pdf {2}\d+ B$/m);
    expect(out).not.toContain('JVBERi0');
  });

  it('show --json carries the decoded text and the attachment list', async () => {
    const ids = await fill();
    const r = await l7lab(['mail', 'show', ids.bob, '--store', root, '--json']);
    const j = JSON.parse(r.stdout.toString()) as { text: string; attachments: Array<{ filename: string; contentType: string; size: number }> };
    expect(j.text).toBe('Hello Bob,\nthe réport is attached.');
    expect(j.attachments).toEqual([{ filename: 'q2.pdf', contentType: 'application/pdf', size: Buffer.from('%PDF-1.4 not really a pdf, 37 bytes').length }]);
  });

  it('show --raw prints the stored bytes exactly', async () => {
    const ids = await fill();
    const r = await l7lab(['mail', 'show', ids.bob, '--store', root, '--raw']);
    expect(r.code).toBe(0);
    expect(r.stdout.equals(MULTIPART)).toBe(true);
  });

  it('an unknown id fails with one line and exit 1; an ambiguous prefix says so', async () => {
    await fill();
    const r = await l7lab(['mail', 'show', 'nothere', '--store', root]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no message with id "nothere"');
    // 18 messages, 16 hex digits: some first digit is shared (pigeonhole).
    const store = new MaildirStore(root);
    for (let i = 0; i < 16; i++) await store.deliver({ from: 'a@b', to: ['dave@x'] }, PLAIN);
    const firsts = (await store.list('dave', 'INBOX')).map((m) => m.id[0]).concat([(await store.list('bob', 'INBOX'))[0]!.id[0], (await store.list('alice', 'INBOX'))[0]!.id[0]]);
    await store.close();
    const shared = firsts.find((c, i) => firsts.indexOf(c) !== i) as string;
    const amb = await l7lab(['mail', 'show', shared, '--store', root]);
    expect(amb.code).toBe(1);
    expect(amb.stderr).toMatch(/id "[0-9a-f]" matches \d+ messages/);
  });

  it('clear without a terminal needs --yes; with it, every message is gone from disk', async () => {
    await fill();
    const refused = await l7lab(['mail', 'clear', '--store', root]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(readdirSync(join(root, 'bob', 'new'))).toHaveLength(1);
    const r = await l7lab(['mail', 'clear', '--yes', '--store', root]);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toContain('Removed 2 message(s)');
    for (const acc of ['alice', 'bob']) {
      expect(readdirSync(join(root, acc, 'new'))).toEqual([]);
      expect(readdirSync(join(root, acc, 'cur'))).toEqual([]);
    }
    const after = await l7lab(['mail', 'list', '--store', root, '--json']);
    expect(JSON.parse(after.stdout.toString())).toEqual([]);
  });

  it('lists while another process keeps delivering (as beside a running serve)', async () => {
    const N = 150;
    const maildir = new URL('../../dist/mailstore/maildir/store.js', import.meta.url).href;
    const script = `const { MaildirStore } = await import(${JSON.stringify(maildir)});
      const s = new MaildirStore(process.argv[1]);
      for (let i = 0; i < ${N}; i++) await s.deliver({ from: 'w@x', to: ['bob@x'] }, Buffer.from('Subject: n' + i + '\\r\\n\\r\\nbody\\r\\n'));
      await s.close();`;
    const writer = new Promise<number>((resolve) => {
      execFile(process.execPath, ['--input-type=module', '-e', script, root], { timeout: 60_000 }, (err) => resolve(err ? 1 : 0));
    });
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await l7lab(['mail', 'list', '--store', root, '--json']);
      expect(r.code, r.stderr).toBe(0);
      counts.push((JSON.parse(r.stdout.toString()) as unknown[]).length);
    }
    expect(await writer).toBe(0);
    const final = JSON.parse((await l7lab(['mail', 'list', '--store', root, '--json'])).stdout.toString()) as Array<{ uid: number; subject: string }>;
    expect(final).toHaveLength(N);
    expect(new Set(final.map((m) => m.uid)).size).toBe(N);
    expect(final.map((m) => m.uid).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    for (const [i, c] of counts.entries()) expect(c).toBeGreaterThanOrEqual(i === 0 ? 0 : (counts[i - 1] as number));
  });

  it('speaks Japanese with --lang ja', async () => {
    await fill();
    const r = await l7lab(['mail', 'list', '--store', root, '--lang', 'ja']);
    expect(r.stdout.toString()).toContain('件名');
    expect(r.stdout.toString()).toContain('2 通 (未読 1 通)');
  });
});
