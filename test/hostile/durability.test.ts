import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { nodeIo, type MaildirIo } from '../../src/mailstore/maildir/io.js';
import { BIN as bin, SERVE_ANY_PORTS } from '../support/bin.js';
import { scratch } from '../support/scratch.js';
import { cleanup, lab, othersServed, portOf, Raw, sleep } from './helpers.js';

/**
 * Faults and durability (issue 9): `l7lab serve` killed with SIGKILL while clients send
 * loses no acknowledged message and leaves nothing half-written in new/; a failing disk
 * makes SMTP answer 451/452 and lose nothing; POP3 and IMAP changes across sessions.
 */
const { children, tempDir } = scratch('l7lab-durable-', cleanup);

const body = (id: string) => `Subject: ${id}\r\nMessage-ID: <${id}@test>\r\n\r\n${'line of content\r\n'.repeat(40)}END ${id}\r\n`;

/** Sends messages one after another until stopped; returns the ids that got 250. */
async function sender(port: number, name: string, stop: () => boolean): Promise<string[]> {
  const acked: string[] = [];
  const c = await Raw.open(port);
  try {
    await c.smtp();
    await c.smtpCmd('EHLO sender.example');
    for (let i = 0; i < 10_000 && !stop(); i++) {
      const id = `${name}-${i}`;
      c.write(`MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n`);
      for (let r = 0; r < 3; r++) await c.smtp();
      c.write(`${body(id)}.\r\n`);
      if ((await c.smtp()).startsWith('250 ')) acked.push(id);
    }
  } catch {
    // the server was killed under us: what was acknowledged so far is what counts
  }
  return acked;
}

describe('serve killed with SIGKILL while clients send', () => {
  it('every message that got 250 is in the store; new/ and cur/ hold only whole messages', async () => {
    const root = join(tempDir(), 'mail');
    const child = spawn(process.execPath, [bin, 'serve', '--store', root, ...SERVE_ANY_PORTS, '--json-log'], {
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    children.push(child);
    const port = await new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('serve did not listen')), 10_000);
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        const e = JSON.parse(line) as { event: string; protocol?: string; port?: number; tls?: boolean };
        if (e.event === 'listening' && e.protocol === 'smtp' && !e.tls) (clearTimeout(t), resolve(e.port as number));
      });
    });
    let killed = false;
    const senders = [0, 1, 2, 3].map((n) => sender(port, `s${n}`, () => killed));
    await sleep(1_500);
    child.kill('SIGKILL');
    killed = true;
    const acked = (await Promise.all(senders)).flat();
    expect(acked.length).toBeGreaterThan(10);
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));

    // Whole files only where readers look (tmp/ may hold a delivery cut short: maildir.html).
    const inbox = join(root, 'bob');
    for (const sub of ['new', 'cur']) {
      for (const f of readdirSync(join(inbox, sub))) {
        const text = readFileSync(join(inbox, sub, f), 'latin1');
        expect(text, `${sub}/${f}`).toMatch(/\r\nEND (s\d-\d+)\r\n$/);
      }
    }
    const store = new MaildirStore(root);
    try {
      const metas = await store.list('bob', 'INBOX');
      const ids = new Set<string>();
      for (const m of metas) ids.add((/Subject: (\S+)/.exec((await store.read('bob', 'INBOX', m.uid)).toString('latin1')) ?? [])[1] ?? '');
      for (const id of acked) expect(ids.has(id), id).toBe(true);
      const uids = metas.map((m) => m.uid);
      expect(uids).toEqual([...new Set(uids)].sort((a, b) => a - b));
      // A later delivery to the reopened store gets a fresh, higher UID: no repair needed.
      const [d] = await store.deliver({ from: 'a@example.com', to: ['bob@example.com'] }, Buffer.from(body('after')));
      expect(d?.meta.uid).toBeGreaterThan(Math.max(0, ...uids));
    } finally {
      await store.close();
    }
  });
});

/** nodeIo, except that writes fail with `code` while `failing` is set. */
function faultyIo(): { io: MaildirIo; fail(code: string | null): void } {
  let code: string | null = null;
  const err = () => Object.assign(new Error(`${code}: injected`), { code });
  return {
    fail: (c) => (code = c),
    io: {
      ...nodeIo,
      writeDurable: (path, data, mtime) => (code ? Promise.reject(err()) : nodeIo.writeDurable(path, data, mtime)),
      moveIn: (from, to) => (code ? Promise.reject(err()) : nodeIo.moveIn(from, to)),
      syncDir: (path) => (code === 'EIO' ? Promise.reject(err()) : nodeIo.syncDir(path)),
    },
  };
}

describe('a full or read-only disk', () => {
  it('SMTP answers 452 (full) and 451 (read-only, I/O error), loses nothing, and the servers stay up', async () => {
    const root = join(tempDir(), 'mail');
    const faults = faultyIo();
    const store = new MaildirStore(root, { io: faults.io });
    await store.deliver({ from: 'a@example.com', to: ['bob@example.com'] }, Buffer.from(body('before')));
    const l = await lab({ store });
    const c = await Raw.open(portOf(l, 'smtp'));
    await c.smtp();
    await c.smtpCmd('EHLO client.example');
    const send = async (id: string) => {
      await c.smtpCmd('MAIL FROM:<alice@example.com>');
      await c.smtpCmd('RCPT TO:<bob@example.com>');
      await c.smtpCmd('DATA');
      c.write(`${body(id)}.\r\n`);
      return c.smtp();
    };
    for (const [code, reply] of [
      ['ENOSPC', /^452 4\.3\.1 /],
      ['EDQUOT', /^452 4\.3\.1 /],
      ['EROFS', /^451 4\.3\.0 /],
      ['EACCES', /^451 4\.3\.0 /],
      ['EIO', /^451 4\.3\.0 /],
    ] as const) {
      faults.fail(code);
      expect(await send(code), code).toMatch(reply);
      await othersServed(l);
    }
    faults.fail(null);
    expect(await send('after')).toMatch(/^250 /);
    const subjects = await Promise.all(
      (await store.list('bob', 'INBOX')).map(async (m) => /Subject: (\S+)/.exec((await store.read('bob', 'INBOX', m.uid)).toString())?.[1]),
    );
    expect(subjects).toEqual(['before', 'after']);
    for (const sub of ['tmp', 'new', 'cur']) for (const f of readdirSync(join(root, 'bob', sub))) expect(readFileSync(join(root, 'bob', sub, f), 'latin1')).toMatch(/END (before|after)\r\n$/);
  });
});

describe('changes across sessions on a Maildir', () => {
  it('POP3: a connection dropped after DELE deletes nothing', async () => {
    const store = new MaildirStore(join(tempDir(), 'mail'));
    for (const id of ['a', 'b']) await store.deliver({ from: 'x@example.com', to: ['bob@example.com'] }, Buffer.from(body(id)));
    const l = await lab({ store });
    const c = await Raw.open(portOf(l, 'pop3'));
    await c.line();
    await c.pop('USER bob');
    await c.pop('PASS builder');
    expect(await c.pop('DELE 1')).toMatch(/^\+OK/);
    expect(await c.pop('DELE 2')).toMatch(/^\+OK/);
    c.destroy();
    // The lock is released once the server has seen the drop; the next login must work.
    let stat = '';
    for (let i = 0; i < 50 && !stat.startsWith('+OK 2 '); i++) {
      const d = await Raw.open(portOf(l, 'pop3'));
      await d.line();
      await d.pop('USER bob');
      if ((await d.pop('PASS builder')).startsWith('+OK')) stat = await d.pop('STAT');
      d.destroy();
      if (!stat) await sleep(50);
    }
    expect(stat).toMatch(/^\+OK 2 /);
    expect(await store.list('bob', 'INBOX')).toHaveLength(2);
  });

  it('IMAP: EXPUNGE is seen by a second session, and two concurrent +FLAGS both stick', async () => {
    const store = new MaildirStore(join(tempDir(), 'mail'));
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) await store.deliver({ from: 'x@example.com', to: ['bob@example.com'] }, Buffer.from(body(id)));
    const l = await lab({ store });
    const open = async () => {
      const c = await Raw.open(portOf(l, 'imap'));
      await c.line();
      await c.imap('l', 'LOGIN bob builder');
      await c.imap('s', 'SELECT INBOX');
      return c;
    };
    const [a, b] = await Promise.all([open(), open()]);
    // Both sessions change the same messages at the same moment, each with its own flag.
    for (let n = 1; n <= 5; n++) {
      a.write(`fa${n} STORE ${n} +FLAGS (\\Flagged)\r\n`);
      b.write(`fb${n} STORE ${n} +FLAGS (\\Seen)\r\n`);
    }
    await Promise.all([a.imapTagged('fa5'), b.imapTagged('fb5')]);
    const metas = await store.list('bob', 'INBOX');
    for (const m of metas.slice(0, 5)) expect([...m.flags].sort(), `uid ${m.uid}`).toEqual(['\\Flagged', '\\Seen']);
    expect(await a.imap('d', 'STORE 6 +FLAGS (\\Deleted)')).toMatch(/^d OK/m);
    expect(await a.imap('x', 'EXPUNGE')).toMatch(/^\* 6 EXPUNGE\r\n/m);
    expect(await b.imap('n', 'NOOP')).toMatch(/^\* 6 EXPUNGE\r\n/m);
    expect(await b.imap('f', 'FETCH 1:* (FLAGS)')).toMatch(/^\* 5 FETCH/m);
    expect(await store.list('bob', 'INBOX')).toHaveLength(5);
  });
});
