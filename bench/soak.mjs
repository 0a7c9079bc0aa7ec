#!/usr/bin/env node
// Soak test (issue 9): `l7lab serve` on a fresh Maildir, driven on all three protocols at once
// by many loopback clients for a bounded time, then a report: messages acknowledged and
// stored, errors by kind, and the server's resident memory at start and end.
// Not in CI (test/hostile/soak-short.test.ts runs a few seconds of it there).
//
//   npm run soak                       # 60 s
//   npm run soak -- --seconds 10 --json
//
// Only 127.0.0.1 is ever a target. Needs a build (npm run soak builds first).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = opt('seconds', 60);
const SENDERS = opt('smtp', 8);
const POP3 = opt('pop3', 3);
const IMAP = opt('imap', 4);
const JSON_OUT = args.includes('--json');
const REPLY_WAIT_MS = 15_000;

const bin = fileURLToPath(new URL('../bin/l7lab.js', import.meta.url));
const dist = new URL('../dist/', import.meta.url);
const errors = {};
const fail = (kind) => (errors[kind] = (errors[kind] ?? 0) + 1);
const counts = { smtpAcked: 0, pop3Sessions: 0, pop3InUse: 0, pop3Retrieved: 0, imapSessions: 0, imapFetches: 0 };

/** A line client: exact bytes out, waits for a regex over what came in (bounded). */
function client(port) {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => resolve(api));
    let text = '';
    let wake = null;
    let closed = false;
    s.setEncoding('latin1');
    s.on('data', (d) => ((text += d), wake?.()));
    s.on('close', () => ((closed = true), wake?.()));
    s.on('error', () => undefined);
    s.once('error', reject);
    const api = {
      write: (t) => s.write(t, 'latin1'),
      async until(re) {
        const deadline = Date.now() + REPLY_WAIT_MS;
        for (;;) {
          const m = re.exec(text);
          if (m) {
            text = text.slice(m.index + m[0].length);
            return m[0];
          }
          if (closed) throw Object.assign(new Error('closed'), { kind: 'closed' });
          if (Date.now() > deadline) throw Object.assign(new Error('timeout'), { kind: 'timeout' });
          await new Promise((r) => {
            wake = r;
            setTimeout(r, 200).unref();
          });
        }
      },
      close: () => s.destroy(),
    };
  });
}

const smtpReply = /^(?:\d{3}-[^\r\n]*\r\n)*(\d{3})[^\r\n]*\r\n/m;
const code = (reply) => reply.trimEnd().split('\r\n').at(-1).slice(0, 3);
const body = (id) => `Message-ID: <${id}@soak>\r\nSubject: soak ${id}\r\n\r\n${'soak line of text\r\n'.repeat(30)}`;

async function guarded(kind, run) {
  try {
    await run();
  } catch (err) {
    fail(err?.kind ? `${kind}-${err.kind}` : err?.code ? `${kind}-${err.code}` : `${kind}-${err?.message ?? err}`);
  }
}

async function smtpLoop(port, n, until, acked) {
  let i = 0;
  while (Date.now() < until) {
    await guarded('smtp', async () => {
      const c = await client(port);
      try {
        await c.until(smtpReply);
        c.write('EHLO soak.example\r\n');
        await c.until(smtpReply);
        for (let k = 0; k < 20 && Date.now() < until; k++) {
          const id = `s${n}-${i++}`;
          c.write(`MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n`);
          const replies = [await c.until(smtpReply), await c.until(smtpReply), await c.until(smtpReply)].map(code);
          if (replies.join() !== '250,250,354') return fail(`smtp-reply-${replies.join('/')}`);
          c.write(`${body(id)}.\r\n`);
          const end = code(await c.until(smtpReply));
          if (end !== '250') return fail(`smtp-reply-${end}`);
          acked.push(id);
          counts.smtpAcked++;
        }
        c.write('QUIT\r\n');
        await c.until(smtpReply);
      } finally {
        c.close();
      }
    });
  }
}

async function pop3Loop(port, until) {
  while (Date.now() < until) {
    await guarded('pop3', async () => {
      const c = await client(port);
      try {
        await c.until(/^\+OK[^\r\n]*\r\n/m);
        c.write('USER bob\r\nPASS builder\r\n');
        await c.until(/^\+OK[^\r\n]*\r\n/m);
        const login = await c.until(/^[+-][^\r\n]*\r\n/m);
        if (login.startsWith('-ERR [IN-USE]')) return void counts.pop3InUse++;
        if (!login.startsWith('+OK')) return fail('pop3-login');
        counts.pop3Sessions++;
        c.write('STAT\r\n');
        const n = Number(/^\+OK (\d+)/.exec(await c.until(/^[+-][^\r\n]*\r\n/m))?.[1] ?? 0);
        c.write('UIDL\r\n');
        await c.until(/\r\n\.\r\n/);
        for (const k of [1, Math.ceil(n / 2), n].filter((x) => x > 0)) {
          c.write(`RETR ${k}\r\n`);
          const first = await c.until(/^[+-][^\r\n]*\r\n/m);
          if (!first.startsWith('+OK')) return fail('pop3-retr');
          await c.until(/\r\n\.\r\n/);
          counts.pop3Retrieved++;
        }
        c.write('QUIT\r\n');
        await c.until(/^\+OK[^\r\n]*\r\n/m);
      } finally {
        c.close();
      }
    });
  }
}

async function imapLoop(port, n, until) {
  while (Date.now() < until) {
    await guarded('imap', async () => {
      const c = await client(port);
      const tagged = async (tag, cmd) => {
        c.write(`${tag} ${cmd}\r\n`);
        const r = await c.until(new RegExp(`^${tag} (OK|NO|BAD)[^\\r\\n]*\\r\\n`, 'm'));
        if (!r.startsWith(`${tag} OK`)) throw Object.assign(new Error(r), { kind: `${cmd.split(' ')[0]}-${r.split(' ')[1]}` });
      };
      try {
        await c.until(/^\* OK[^\r\n]*\r\n/m);
        await tagged('a', 'LOGIN bob builder');
        counts.imapSessions++;
        await tagged('b', 'SELECT INBOX');
        for (let k = 0; k < 5 && Date.now() < until; k++) {
          await tagged('c', 'UID FETCH 1:* (FLAGS RFC822.SIZE)');
          await tagged('d', 'UID FETCH 1:* (BODY.PEEK[HEADER.FIELDS (SUBJECT)])');
          await tagged('e', `UID STORE 1:* ${k % 2 ? '-' : '+'}FLAGS (\\Seen)`);
          await tagged('f', 'SEARCH UNSEEN');
          await tagged('g', 'NOOP');
          counts.imapFetches += 2;
        }
        await tagged('z', 'LOGOUT');
      } finally {
        c.close();
      }
    });
  }
}

function rssOf(pid) {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

async function startServe(root) {
  const child = spawn(process.execPath, [bin, 'serve', '--store', root, '--smtp-port', '0', '--pop3-port', '0', '--imap-port', '0', '--smtps-port', '0', '--pop3s-port', '0', '--imaps-port', '0', '--submission-port', '0', '--quiet'], {
    env: { ...process.env, NO_COLOR: '1', LANG: 'C' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ports = await new Promise((resolve, reject) => {
    const found = {};
    const t = setTimeout(() => reject(new Error('serve did not start')), 15_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /(SMTP|POP3|IMAP)\s*│\s*\S+\s*│\s*(\d+)/.exec(line);
      if (m) found[m[1].toLowerCase()] = Number(m[2]);
      if (Object.keys(found).length === 3) (clearTimeout(t), resolve(found));
    });
    child.once('exit', (c) => reject(new Error(`serve exited with ${c}`)));
  });
  return { child, ports };
}

async function main() {
  const root = join(mkdtempSync(join(tmpdir(), 'l7lab-soak-')), 'mail');
  const { child, ports } = await startServe(root);
  const rssStart = rssOf(child.pid);
  const until = Date.now() + SECONDS * 1000;
  const acked = [];
  await Promise.all([
    ...Array.from({ length: SENDERS }, (_, n) => smtpLoop(ports.smtp, n, until, acked)),
    ...Array.from({ length: POP3 }, () => pop3Loop(ports.pop3, until)),
    ...Array.from({ length: IMAP }, (_, n) => imapLoop(ports.imap, n, until)),
  ]);
  const rssEnd = rssOf(child.pid);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  const { MaildirStore } = await import(new URL('mailstore/maildir/store.js', dist).href);
  const store = new MaildirStore(root);
  const stored = new Set();
  for (const m of await store.list('bob', 'INBOX')) stored.add(/Message-ID: <([^@>]+)@soak>/.exec((await store.read('bob', 'INBOX', m.uid)).toString('latin1'))?.[1]);
  await store.close();
  const lost = acked.filter((id) => !stored.has(id));
  if (lost.length > 0) errors.lost = lost.length;
  rmSync(join(root, '..'), { recursive: true, force: true });
  const report = { seconds: SECONDS, clients: { smtp: SENDERS, pop3: POP3, imap: IMAP }, ...counts, stored: stored.size, lost: lost.length, errors, rssStart, rssEnd };
  if (JSON_OUT) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const mb = (b) => (b === null ? 'n/a' : `${(b / 1024 / 1024).toFixed(1)} MB`);
    console.log(`soak: ${SECONDS} s, ${SENDERS} SMTP + ${POP3} POP3 + ${IMAP} IMAP clients on 127.0.0.1`);
    console.log(`  SMTP acknowledged ${counts.smtpAcked}, stored ${stored.size}, lost ${lost.length}`);
    console.log(`  POP3 sessions ${counts.pop3Sessions} (${counts.pop3InUse} [IN-USE]), messages retrieved ${counts.pop3Retrieved}`);
    console.log(`  IMAP sessions ${counts.imapSessions}, fetches ${counts.imapFetches}`);
    console.log(`  errors: ${Object.keys(errors).length === 0 ? 'none' : Object.entries(errors).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`  server memory (RSS): start ${mb(rssStart)}, end ${mb(rssEnd)}`);
  }
  process.exitCode = Object.keys(errors).length === 0 ? 0 : 1;
}

main().catch((err) => {
  console.error(`soak failed: ${err.message}`);
  process.exitCode = 1;
});
