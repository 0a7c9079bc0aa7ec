// IMAP benchmark: l7lab's server against Dovecot's imapd on the same 10,000-message Maildir.
// Each run is one session: connect + greeting + LOGIN + SELECT INBOX, then
// `FETCH 1:* (UID FLAGS RFC822.SIZE)`, `UID SEARCH UNSEEN`, `FETCH 1:100 (BODY.PEEK[])`, LOGOUT.
// Nothing changes the mailbox (PEEK, no STORE), so every run sees the same state. The first run
// of each server warms caches and indexes and is not counted; rows are medians. Each server's
// memory (RSS of its whole process tree) is read while one session has the mailbox selected.
// Only 127.0.0.1 is ever a target; every wait is bounded in time.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const HOST = '127.0.0.1';
const COUNT = 10_000;
const BODIES = 100;
const USER = 'bob';
const PASSWORD = 'builder';
const IO_TIMEOUT_MS = 30_000;
const DOVECOT = '/usr/sbin/dovecot';
/** Every third message is \Seen, so UID SEARCH UNSEEN has real work and a checkable answer. */
const isSeen = (i) => i % 3 === 0;

// ---- the mailbox ----

/** A deterministic ~1.7 KB message with CRLF line ends. */
function makeMessage(i) {
  const head = [
    `Return-Path: <sender${i % 97}@example.com>`,
    `From: Sender ${i % 97} <sender${i % 97}@example.com>`,
    'To: Bob <bob@example.com>',
    `Subject: Benchmark message number ${i}`,
    `Date: Tue, 1 Jul 2025 10:${String(i % 60).padStart(2, '0')}:00 +0000`,
    `Message-ID: <bench.${i}@l7lab.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=us-ascii',
  ];
  const body = [];
  let size = head.join('\r\n').length + 4;
  for (let n = 0; size < 1700; n++) {
    const line = `Line ${n} of message ${i}: the quick brown fox jumps over the lazy dog.`;
    body.push(line);
    size += line.length + 2;
  }
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${body.join('\r\n')}\r\n`);
}

/** Messages in cur/ with S=/W= sizes and the Maildir info `:2,S` for \Seen ones. */
function writeMaildir(dir, messages, owner) {
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
  messages.forEach((raw, i) => {
    const n = i + 1;
    const file = join(dir, 'cur', `1751364000.M${String(n).padStart(5, '0')}P1.bench,S=${raw.length},W=${raw.length}:2,${isSeen(n) ? 'S' : ''}`);
    writeFileSync(file, raw);
    if (owner) chownSync(file, owner.uid, owner.gid);
  });
}

// ---- a minimal IMAP client ----

class Client {
  constructor(socket) {
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    this.wake = null;
    this.ended = false;
    this.tag = 0;
    socket.on('data', (d) => {
      this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
      this.wake?.();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }

  static open(port) {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: HOST, port });
      socket.setNoDelay(true);
      socket.once('connect', () => resolve(new Client(socket)));
      socket.once('error', reject);
    });
  }

  /** Wait until `done(buf)` returns a length, then take that many bytes. */
  async take(done) {
    const deadline = performance.now() + IO_TIMEOUT_MS;
    for (;;) {
      const n = done(this.buf);
      if (n > 0) {
        const reply = this.buf.subarray(0, n);
        this.buf = this.buf.subarray(n);
        return reply;
      }
      if (this.ended) throw new Error('the server closed the connection');
      const left = deadline - performance.now();
      if (left <= 0) throw new Error('no reply in time');
      await new Promise((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          this.wake = null;
          resolve();
        };
      });
    }
  }

  greeting() {
    return this.take((b) => {
      const i = b.indexOf('\r\n');
      return i < 0 ? 0 : i + 2;
    });
  }

  /**
   * Everything up to and including the tagged reply: lines, skipping over literals so a
   * message body that happens to contain "a1 OK" cannot end the response early.
   */
  async cmd(line) {
    const tag = `b${++this.tag}`;
    this.socket.write(`${tag} ${line}\r\n`);
    let pos = 0;
    const mark = Buffer.from(`${tag} `);
    const reply = await this.take((b) => {
      for (;;) {
        const eol = b.indexOf('\r\n', pos);
        if (eol < 0) return 0;
        const lit = /\{(\d+)\}$/.exec(b.toString('latin1', Math.max(pos, eol - 12), eol));
        if (lit) {
          const end = eol + 2 + Number(lit[1]);
          if (b.length < end) return 0;
          pos = end;
          continue;
        }
        const start = pos;
        pos = eol + 2;
        if (b.subarray(start, start + mark.length).equals(mark)) return pos;
      }
    });
    const text = reply.toString('latin1');
    const last = text.slice(text.lastIndexOf(`${tag} `));
    if (!last.startsWith(`${tag} OK`)) throw new Error(`${line.split(' ')[0]} failed: ${last.slice(0, 120).trim()}`);
    return text;
  }

  close() {
    this.socket.destroy();
  }
}

/** Log in and select; returns the client, still selected. */
async function openSelected(port) {
  const c = await Client.open(port);
  const greeting = (await c.greeting()).toString('latin1');
  if (!greeting.startsWith('* OK')) throw new Error(`greeting: ${greeting.trim()}`);
  await c.cmd(`LOGIN ${USER} ${PASSWORD}`);
  const selected = await c.cmd('SELECT INBOX');
  if (!selected.includes(`* ${COUNT} EXISTS`)) throw new Error(`SELECT did not report ${COUNT} EXISTS`);
  return c;
}

/** One measured session; also checks the answers, so a broken server cannot look fast. */
async function session(port, sizes) {
  const t0 = performance.now();
  const c = await openSelected(port);
  try {
    const t1 = performance.now();
    const all = await c.cmd('FETCH 1:* (UID FLAGS RFC822.SIZE)');
    const t2 = performance.now();
    const unseen = await c.cmd('UID SEARCH UNSEEN');
    const t3 = performance.now();
    const bodies = await c.cmd(`FETCH 1:${BODIES} (BODY.PEEK[])`);
    const t4 = performance.now();
    await c.cmd('LOGOUT').catch(() => undefined);
    const fetched = all.match(/^\* \d+ FETCH /gm)?.length ?? 0;
    if (fetched !== COUNT) throw new Error(`FETCH 1:* gave ${fetched} responses, expected ${COUNT}`);
    if (!all.includes(`RFC822.SIZE ${sizes[COUNT - 1]}`)) throw new Error('FETCH 1:* is missing the last RFC822.SIZE');
    const hits = (/^\* SEARCH(.*)$/m.exec(unseen)?.[1] ?? '').trim().split(/\s+/).filter(Boolean).length;
    const expected = sizes.filter((_, i) => !isSeen(i + 1)).length;
    if (hits !== expected) throw new Error(`UID SEARCH UNSEEN found ${hits}, expected ${expected}`);
    const octets = sizes.slice(0, BODIES).reduce((a, b) => a + b, 0);
    if (bodies.length < octets || (bodies.match(/BODY\[\] \{/g)?.length ?? 0) !== BODIES) throw new Error('FETCH BODY.PEEK[] did not return every body');
    return { select: t1 - t0, fetchAll: t2 - t1, search: t3 - t2, bodies: t4 - t3 };
  } finally {
    c.close();
  }
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// ---- memory: RSS of a process and its descendants (Linux /proc) ----

function rssTreeMb(rootPid) {
  if (!existsSync('/proc/self/status')) return null;
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) if (!tree.has(pid) && tree.has(ppid)) (tree.add(pid), (grew = true));
  }
  let kb = 0;
  for (const pid of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** The server's memory while one session holds the 10,000-message mailbox selected. */
async function memoryWhileSelected(target) {
  const c = await openSelected(target.port);
  try {
    await c.cmd('FETCH 1:* (UID FLAGS RFC822.SIZE)');
    return rssTreeMb(target.pid);
  } finally {
    c.close();
  }
}

/**
 * Warm each server up once (not counted), then alternate their sessions, so a machine busy
 * with something else slows both alike. A peer that fails is dropped with the reason; ours
 * failing is a real failure.
 */
async function measure(targets, sizes, reps, ctx) {
  const runs = targets.map(() => []);
  const failed = targets.map(() => null);
  const once = async (i) => {
    if (failed[i]) return;
    try {
      runs[i].push(await session(targets[i].port, sizes));
    } catch (err) {
      if (i === 0) throw err;
      failed[i] = err instanceof Error ? err.message : String(err);
      ctx.log(`imap: ${targets[i].name} failed: ${failed[i]}`);
    }
  };
  for (let i = 0; i < targets.length; i++) await once(i);
  for (const r of runs) r.length = 0;
  for (let rep = 0; rep < reps; rep++) for (let i = 0; i < targets.length; i++) await once(i);
  const out = [];
  for (let i = 0; i < targets.length; i++) {
    if (failed[i]) {
      out.push({ error: failed[i] });
      continue;
    }
    const m = Object.fromEntries(['select', 'fetchAll', 'search', 'bodies'].map((k) => [k, median(runs[i].map((x) => x[k]))]));
    m.memory = await memoryWhileSelected(targets[i]).catch(() => null);
    out.push(m);
  }
  return out;
}

// ---- l7lab ----

/**
 * The l7lab server runs in a child process of its own, as `l7lab serve` would and as Dovecot
 * does, so the benchmark's client never shares an event loop with the server it measures.
 * It serves the Maildir written here through MaildirStore, or loads the same files into a
 * MemoryStore when MaildirStore cannot open it. It prints one JSON line once it listens.
 */
const CHILD = `
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const [root, user, password, host] = process.argv.slice(1);
const dist = (p) => new URL(p, process.env.L7LAB_DIST).href;
const { createImapServer } = await import(dist('protocols/imap/server.js'));
const { Accounts } = await import(dist('protocols/accounts.js'));
let store, storeName = 'MaildirStore', why = '';
try {
  const { MaildirStore } = await import(dist('mailstore/maildir.js'));
  store = new MaildirStore(root);
  await store.list(user, 'INBOX');
} catch (err) {
  why = String(err && err.message || err);
  const { MemoryStore } = await import(dist('mailstore/memory.js'));
  store = new MemoryStore();
  storeName = 'MemoryStore';
  const cur = join(root, user, 'cur');
  for (const name of readdirSync(cur).sort()) {
    await store.append(user, 'INBOX', readFileSync(join(cur, name)), name.endsWith('S') ? ['\\\\Seen'] : []);
  }
}
const count = (await store.list(user, 'INBOX')).length;
const server = createImapServer({ store, accounts: new Accounts([[user, password]]) });
const { port } = await server.listen(0, host);
process.stdout.write(JSON.stringify({ port, storeName, count, why }) + '\\n');
process.on('SIGTERM', () => server.close(500).then(() => process.exit(0)));
`;

function stopChild(child) {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
}

async function startOurs(messages, dir, ctx) {
  const root = join(dir, 'l7lab');
  writeMaildir(join(root, USER), messages, null);
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, root, USER, PASSWORD, HOST], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, L7LAB_DIST: new URL('../dist/', import.meta.url).href },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const stop = stopChild(child);
  const ready = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), 120_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve(JSON.parse(out.split('\n')[0]));
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  if (!ready) {
    await stop();
    throw new Error(`the l7lab IMAP server did not start: ${err.trim().split('\n').slice(-3).join(' | ')}`);
  }
  if (ready.why) ctx.log(`imap: MaildirStore unavailable (${ready.why}); using MemoryStore`);
  if (ready.count !== COUNT) throw new Error(`the l7lab store holds ${ready.count} messages, expected ${COUNT}`);
  return { port: ready.port, pid: child.pid, storeName: ready.storeName, stop };
}

// ---- Dovecot ----

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Who Dovecot runs as: never root. As root we drop to nobody with setpriv. */
function dovecotIdentity() {
  const me = userInfo();
  if (me.uid !== 0) {
    const group = execFileSync('id', ['-gn'], { encoding: 'utf8' }).trim();
    return { user: me.username, group, uid: me.uid, gid: me.gid, wrap: [] };
  }
  const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
  const group = execFileSync('id', ['-gn', 'nobody'], { encoding: 'utf8' }).trim();
  return { user: 'nobody', group, uid, gid, wrap: ['setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups'] };
}

function dovecotConfig(dir, port, who) {
  return `# l7lab benchmark: a throwaway standalone imapd, nothing shared with a system instance
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = ${HOST}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:${dir}/mail/%u
default_internal_user = ${who.user}
default_internal_group = ${who.group}
default_login_user = ${who.user}
first_valid_uid = ${Math.min(who.uid, 500)}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
}
service imap-login {
  inet_listener imap {
    address = ${HOST}
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`;
}

async function waitForGreeting(port, child) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with code ${child.exitCode}`);
    try {
      const c = await Client.open(port);
      const g = (await c.greeting()).toString('latin1');
      c.close();
      if (g.startsWith('* OK')) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('dovecot did not answer within 10 s');
}

async function startDovecot(messages, dir) {
  if (!existsSync(DOVECOT) || !existsSync('/usr/lib/dovecot/imap')) return { error: 'Dovecot imapd is not installed (Debian: dovecot-imapd)' };
  const version = execFileSync(DOVECOT, ['--version'], { encoding: 'utf8' }).trim().split(' ')[0];
  const who = dovecotIdentity();
  const base = join(dir, 'dovecot');
  for (const d of ['run', 'state', 'mail']) mkdirSync(join(base, d), { recursive: true });
  const owner = { uid: who.uid, gid: who.gid };
  writeMaildir(join(base, 'mail', USER), messages, who.wrap.length ? owner : null);
  const port = await freePort();
  writeFileSync(join(base, 'dovecot.conf'), dovecotConfig(base, port, who));
  writeFileSync(join(base, 'users'), `${USER}:{PLAIN}${PASSWORD}:${who.uid}:${who.gid}::${base}/mail/${USER}\n`);
  // The unprivileged user must be able to reach the temp directory (mkdtemp makes it 0700).
  if (who.wrap.length) chmodSync(dir, 0o755);
  if (who.wrap.length) for (const p of ['', 'run', 'state', 'mail', `mail/${USER}`, ...['cur', 'new', 'tmp'].map((s) => `mail/${USER}/${s}`), 'dovecot.conf', 'users']) chownSync(join(base, p), owner.uid, owner.gid);
  const argv = [...who.wrap, DOVECOT, '-F', '-c', join(base, 'dovecot.conf')];
  const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const stop = stopChild(child);
  try {
    await waitForGreeting(port, child);
  } catch (err) {
    await stop();
    const log = existsSync(join(base, 'dovecot.log')) ? readFileSync(join(base, 'dovecot.log'), 'utf8') : '';
    return { error: `${err.message}; ${(stderr + log).trim().split('\n').slice(-2).join(' | ')}` };
  }
  return { port, pid: child.pid, stop, name: `Dovecot imapd ${version}` };
}

// ---- the contract ----

export async function run(ctx) {
  const reps = ctx.quick ? 3 : 9;
  const dir = mkdtempSync(join(tmpdir(), 'l7lab-bench-imap-'));
  const cleanups = [];
  try {
    ctx.log(`imap: generating ${COUNT} messages`);
    const messages = Array.from({ length: COUNT }, (_, i) => makeMessage(i + 1));
    const sizes = messages.map((m) => m.length);
    const avg = Math.round(sizes.reduce((a, b) => a + b, 0) / COUNT);

    const ours = await startOurs(messages, dir, ctx);
    cleanups.push(ours.stop);
    const targets = [{ name: `l7lab (${ours.storeName})`, port: ours.port, pid: ours.pid }];
    let peerName = 'Dovecot imapd';
    let peerNote = '';
    const dc = await startDovecot(messages, dir);
    if (dc.error) {
      peerNote = `peer not run: ${dc.error}`;
      ctx.log(`imap: ${peerNote}`);
    } else {
      cleanups.push(dc.stop);
      peerName = dc.name;
      targets.push({ name: peerName, port: dc.port, pid: dc.pid });
    }
    ctx.log(`imap: measuring ${targets.map((t) => t.name).join(' and ')}, ${reps} sessions each`);
    const [o, measured] = await measure(targets, sizes, reps, ctx);
    const p = measured && !measured.error ? measured : null;
    if (measured?.error) peerNote = `peer failed: ${measured.error}`;
    const note = [`${COUNT} messages of ~${avg} octets, median of ${reps} sessions; l7lab on ${ours.storeName}`, peerNote].filter(Boolean).join('; ');
    const row = (name, key, unit = 'ms') => ({ group: 'imap', case: name, ours: o[key], peer: p ? p[key] : null, peerName, unit, better: 'lower', note });
    return [
      row('connect + LOGIN + SELECT INBOX', 'select'),
      row(`FETCH 1:* (UID FLAGS RFC822.SIZE), ${COUNT} responses`, 'fetchAll'),
      row('UID SEARCH UNSEEN', 'search'),
      row(`FETCH 1:${BODIES} (BODY.PEEK[])`, 'bodies'),
      {
        ...row('server memory (RSS of its processes) with the mailbox selected', 'memory', 'MB'),
        note: `${note}; Node.js alone takes ~40-50 MB before any mail is loaded`,
      },
    ];
  } finally {
    for (const stop of cleanups.reverse()) await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
