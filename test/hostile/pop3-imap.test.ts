import { readdirSync, realpathSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MaildirStore } from '../../src/mailstore/maildir/store.js';
import { MemoryStore } from '../../src/mailstore/memory.js';
import { IMAP_MAX_NESTING } from '../../src/limits.js';
import { cleanup, lab, othersServed, portOf, Raw } from './helpers.js';
import { scratch } from '../support/scratch.js';

/** Hostile POP3 and IMAP input over real sockets (issue 9); each case checks the others are still served. */
const { tempDir } = scratch('l7lab-hostile-', cleanup);

const msg = (subject: string) => Buffer.from(`From: alice@example.com\r\nTo: bob@example.com\r\nSubject: ${subject}\r\n\r\nbody ${subject}\r\n`);

async function seeded() {
  const store = new MemoryStore();
  for (const s of ['one', 'two', 'three']) await store.deliver({ from: 'alice@example.com', to: ['bob@example.com'] }, msg(s));
  return { store, l: await lab({ store }) };
}

async function pop3Login(port: number): Promise<Raw> {
  const c = await Raw.open(port);
  await c.line();
  expect(await c.pop('USER bob')).toMatch(/^\+OK/);
  expect(await c.pop('PASS builder')).toMatch(/^\+OK/);
  return c;
}

describe('POP3', () => {
  it('commands in the wrong state get -ERR and change nothing', async () => {
    const { l, store } = await seeded();
    const c = await Raw.open(portOf(l, 'pop3'));
    await c.line();
    for (const cmd of ['STAT', 'LIST', 'RETR 1', 'DELE 1', 'UIDL', 'TOP 1 0', 'RSET', 'NOOP', 'PASS builder']) expect(await c.pop(cmd), cmd).toMatch(/^-ERR/);
    expect(await c.pop('USER bob')).toMatch(/^\+OK/);
    expect(await c.pop('PASS builder')).toMatch(/^\+OK/);
    for (const cmd of ['USER bob', 'PASS builder', 'APOP bob 0123456789abcdef0123456789abcdef', 'AUTH PLAIN']) expect(await c.pop(cmd), cmd).toMatch(/^-ERR/);
    expect(await c.pop('QUIT')).toMatch(/^\+OK/);
    expect(await store.list('bob', 'INBOX')).toHaveLength(3);
    await othersServed(l);
  });

  it('RETR/DELE of a deleted or out-of-range number is -ERR; the maildrop stays as it was', async () => {
    const { l, store } = await seeded();
    const c = await pop3Login(portOf(l, 'pop3'));
    expect(await c.pop('DELE 2')).toMatch(/^\+OK/);
    for (const cmd of ['RETR 2', 'DELE 2', 'TOP 2 0', 'LIST 2', 'UIDL 2', 'RETR 0', 'RETR 4', 'DELE 4', 'RETR -1', 'RETR 99999999999999999999', 'DELE 1x', 'RETR']) {
      expect(await c.pop(cmd), cmd).toMatch(/^-ERR/);
    }
    expect(await c.pop('STAT')).toMatch(/^\+OK 2 /);
    expect(await c.pop('RSET')).toMatch(/^\+OK/);
    expect(await c.pop('STAT')).toMatch(/^\+OK 3 /);
    expect(await c.pop('QUIT')).toMatch(/^\+OK/);
    expect(await store.list('bob', 'INBOX')).toHaveLength(3);
    await othersServed(l);
  });

  it('a second session on a locked maildrop gets [IN-USE]; the first keeps working', async () => {
    const { l } = await seeded();
    const port = portOf(l, 'pop3');
    const first = await pop3Login(port);
    const second = await Raw.open(port);
    await second.line();
    expect(await second.pop('USER bob')).toMatch(/^\+OK/);
    expect(await second.pop('PASS builder')).toMatch(/^-ERR \[IN-USE\]/);
    expect(await first.pop('STAT')).toMatch(/^\+OK 3 /);
    await othersServed(l);
  });
});

async function imapLogin(port: number): Promise<Raw> {
  const c = await Raw.open(port);
  await c.line();
  expect(await c.imap('l', 'LOGIN bob builder')).toMatch(/^l OK/m);
  return c;
}

/** Every line the server wrote, split at CRLF only: none may hold another CR, LF or a NUL. */
function expectCleanLines(text: string): void {
  expect(text.endsWith('\r\n')).toBe(true);
  for (const line of text.slice(0, -2).split('\r\n')) expect(line, JSON.stringify(line)).not.toMatch(/[\r\n\0]/);
}

describe('IMAP', () => {
  it('a synchronising literal announcing 10 GB is refused at once; its bytes never run as commands', async () => {
    const { l, store } = await seeded();
    const c = await imapLogin(portOf(l, 'imap'));
    c.write(`a APPEND INBOX {${10 * 1024 ** 3}}\r\n`);
    expect(await c.imapTagged('a')).toMatch(/^a (NO|BAD) /m);
    expect(c.text).toBe('');
    c.write('x CREATE Evil\r\n');
    expect(await c.imapTagged('x')).toMatch(/^x OK/m);
    expect(await store.listMailboxes('bob')).toEqual(['Evil', 'INBOX']);
    expect(await store.list('bob', 'INBOX')).toHaveLength(3);
    await othersServed(l);
  });

  it('{0} is an empty string wherever a literal may stand', async () => {
    const { l } = await seeded();
    const c = await Raw.open(portOf(l, 'imap'));
    await c.line();
    c.write('a LOGIN {0}\r\n');
    await c.until(/^\+/m);
    c.take();
    c.write(' builder\r\n');
    expect(await c.imapTagged('a')).toMatch(/^a (NO|BAD) /m);
    expect(await c.imap('b', 'LOGIN bob builder')).toMatch(/^b OK/m);
    c.write('c SELECT {0+}\r\n\r\n');
    expect(await c.imapTagged('c')).toMatch(/^c (NO|BAD) /m);
    await othersServed(l);
  });

  it('NUL, CR and LF inside literals never split or corrupt a response line', async () => {
    const { l } = await seeded();
    const c = await Raw.open(portOf(l, 'imap'));
    await c.line();
    const nasty = 'a\rb\0c\nd';
    c.write(`a LOGIN {${nasty.length}+}\r\n${nasty} x\r\n`);
    c.write(`b LOGIN bob builder\r\n`);
    for (const [tag, cmd] of [
      ['c', 'SELECT'],
      ['d', 'CREATE'],
      ['e', 'STATUS'],
      ['f', 'DELETE'],
    ] as const) {
      c.write(`${tag} ${cmd} {${nasty.length}+}\r\n${nasty}${cmd === 'STATUS' ? ' (MESSAGES)' : ''}\r\n`);
    }
    c.write(`g LIST "" {${nasty.length}+}\r\n${nasty}\r\n`);
    c.write(`h FETCH 1 (BODY[HEADER.FIELDS ({${nasty.length}+}\r\n${nasty})])\r\n`);
    const text = await c.imapTagged('h');
    expectCleanLines(text);
    expect(text).toMatch(/^b OK/m);
    expect(text).toMatch(/^d (NO|BAD) /m);
    await othersServed(l);
  });

  it('tags with "+" or "*" get an untagged BAD, never a reply that looks like a continuation or data', async () => {
    const { l } = await seeded();
    const c = await Raw.open(portOf(l, 'imap'));
    await c.line();
    for (const bad of ['+ NOOP', 'a+b NOOP', '* NOOP', 'a*b NOOP', '+', '*']) {
      c.write(`${bad}\r\n`);
      const reply = await c.line();
      expect(reply, bad).toMatch(/^\* BAD /);
    }
    expect(await c.imap('ok', 'NOOP')).toMatch(/^ok OK/m);
    await othersServed(l);
  });

  it(`parentheses nested past ${IMAP_MAX_NESTING} are refused without a crash`, async () => {
    const { l } = await seeded();
    const c = await imapLogin(portOf(l, 'imap'));
    await c.imap('s', 'SELECT INBOX');
    for (const depth of [IMAP_MAX_NESTING + 1, 1000, 4000]) {
      expect(await c.imap('n', `SEARCH ${'('.repeat(depth)}ALL${')'.repeat(depth)}`)).toMatch(/^n BAD /m);
      expect(await c.imap('m', `FETCH 1 ${'('.repeat(depth)}FLAGS${')'.repeat(depth)}`)).toMatch(/^m BAD /m);
    }
    expect(await c.imap('ok', `SEARCH ${'('.repeat(5)}ALL${')'.repeat(5)}`)).toMatch(/^\* SEARCH 1 2 3\r\nok OK/m);
    await othersServed(l);
  });
});

/** Every path under `dir`, relative to it. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return [relative(base, p), ...(e.isDirectory() ? walk(p, base) : [])];
  });
}

describe('names that could climb out of the Maildir', () => {
  it('mailbox names with "..", "/", "~" or NUL are refused; SMTP accounts are escaped; nothing is made outside the root', async () => {
    const outer = realpathSync(tempDir());
    const root = join(outer, 'store');
    const l = await lab({ store: new MaildirStore(root) });
    const c = await imapLogin(portOf(l, 'imap'));
    // ("x/" is allowed: a trailing delimiter declares a parent, RFC 3501 6.3.3.)
    const names = ['..', '../evil', 'a/../../evil', '/etc', '/', 'a//b', '~root', '~/evil', '.', 'a/./b', '*', '%', 'a\0b', '..\0/x'];
    for (const [i, name] of names.entries()) {
      const tag = `c${i}`;
      const reply = await c.imap(tag, `CREATE {${Buffer.byteLength(name)}+}\r\n${name}`);
      expect(reply, JSON.stringify(name)).toMatch(new RegExp(`^${tag} (NO|BAD) `, 'm'));
      expect(await c.imap(`r${i}`, `RENAME INBOX {${Buffer.byteLength(name)}+}\r\n${name}`)).toMatch(new RegExp(`^r${i} (NO|BAD) `, 'm'));
    }
    expect(await c.imap('ok', 'CREATE Work/Old')).toMatch(/^ok OK/m);
    expect(await c.imap('ls', 'LIST "" *')).not.toMatch(/evil|etc|root/);
    // SMTP: a quoted local part may hold "/" and ".."; it becomes an escaped directory name.
    const s = await Raw.open(portOf(l, 'smtp'));
    await s.smtp();
    await s.smtpCmd('EHLO client.example');
    await s.smtpCmd('MAIL FROM:<alice@example.com>');
    const rcpt = await s.smtpCmd('RCPT TO:<"../../evil"@example.com>');
    if (rcpt.startsWith('250')) {
      expect(await s.smtpCmd('DATA')).toMatch(/^354/);
      s.write('Subject: climb\r\n\r\nx\r\n.\r\n');
      expect(await s.smtp()).toMatch(/^(250|5\d\d) /);
    }
    expect(readdirSync(outer)).toEqual(['store']);
    for (const p of walk(root)) {
      expect(p.split('/')).not.toContain('..');
      expect(p).not.toMatch(/evil$|\0/);
    }
    await othersServed(l);
  });
});
