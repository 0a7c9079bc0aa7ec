// POP3 benchmark: l7lab's server against Dovecot's pop3d on the same 10,000-message maildrop.
// Each run is one session: login (connect, greeting, USER, PASS), STAT, LIST, RETR of 100
// messages one after another, QUIT without DELE (so the maildrop never changes). The first
// runs of each server warm caches, indexes and the JIT and are not counted; rows are medians.
// Only 127.0.0.1 is ever a target; every wait is bounded in time.
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const HOST = '127.0.0.1';
const COUNT = 10_000;
const RETRS = 100;
const USER = 'bob';
const PASSWORD = 'builder';
const IO_TIMEOUT_MS = 30_000;
const DOVECOT = '/usr/sbin/dovecot';

// ---- the maildrop ----

/** A deterministic ~1.7 KB message with CRLF line ends, some body lines starting with "." (to be stuffed). */
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
    const line = n % 7 === 3 ? `.dotted line ${n} of message ${i}` : `Line ${n} of message ${i}: the quick brown fox jumps over the lazy dog.`;
    body.push(line);
    size += line.length + 2;
  }
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${body.join('\r\n')}\r\n`);
}

/**
 * Write the messages into a Maildir's cur/, sizes in the name: S= (file size) and W= (size
 * with CRLF line ends; the same here), which Dovecot trusts instead of reading every file.
 */
function writeMaildir(dir, messages, owner) {
  for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(dir, sub), { recursive: true });
  messages.forEach((raw, i) => {
    const file = join(dir, 'cur', `1751364000.M${i}P1.bench,S=${raw.length},W=${raw.length}:2,`);
    writeFileSync(file, raw);
    if (owner) chownSync(file, owner.uid, owner.gid);
  });
}

// ---- a minimal POP3 client ----

class Client {
  constructor(socket) {
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    this.wake = null;
    this.ended = false;
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

  /** Wait until `done(buf)` returns the reply length, then take that many bytes. */
  async take(done) {
    const deadline = performance.now() + IO_TIMEOUT_MS;
    for (;;) {
      const n = done(this.buf);
      if (n > 0) {
        const reply = this.buf.subarray(0, n);
        this.buf = this.buf.subarray(n);
        return reply.toString('latin1');
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

  line() {
    return this.take((b) => {
      const i = b.indexOf('\r\n');
      return i < 0 ? 0 : i + 2;
    });
  }

  /** A multi-line reply (RFC 1939 3), or a single -ERR line. */
  multi() {
    let from = 0;
    return this.take((b) => {
      if (b.length >= 4 && b.subarray(0, 4).toString() === '-ERR') {
        const i = b.indexOf('\r\n');
        return i < 0 ? 0 : i + 2;
      }
      const end = b.indexOf('\r\n.\r\n', Math.max(0, from - 4));
      from = b.length;
      return end < 0 ? 0 : end + 5;
    });
  }

  async cmd(line, multi = false) {
    this.socket.write(`${line}\r\n`);
    const reply = multi ? await this.multi() : await this.line();
    if (!reply.startsWith('+OK')) throw new Error(`${line.split(' ')[0]} failed: ${reply.slice(0, 120).trim()}`);
    return reply;
  }

  close() {
    this.socket.destroy();
  }
}

/** One measured session; also checks the answers, so a broken server cannot look fast. */
async function session(port, sizes) {
  const t0 = performance.now();
  const c = await Client.open(port);
  try {
    const greeting = await c.line();
    if (!greeting.startsWith('+OK')) throw new Error(`greeting: ${greeting.trim()}`);
    await c.cmd(`USER ${USER}`);
    await c.cmd(`PASS ${PASSWORD}`);
    const t1 = performance.now();
    const stat = await c.cmd('STAT');
    const t2 = performance.now();
    const list = await c.cmd('LIST', true);
    const t3 = performance.now();
    let retrOctets = 0;
    for (let n = 1; n <= RETRS; n++) retrOctets += (await c.cmd(`RETR ${n}`, true)).length;
    const t4 = performance.now();
    await c.cmd('QUIT');
    const total = sizes.reduce((a, b) => a + b, 0);
    if (stat.trim() !== `+OK ${COUNT} ${total}`) throw new Error(`unexpected STAT: ${stat.trim()}`);
    const listed = list.split('\r\n').length - 3;
    if (listed !== COUNT) throw new Error(`LIST gave ${listed} lines, expected ${COUNT}`);
    const expected = sizes.slice(0, RETRS).reduce((a, b) => a + b, 0);
    if (retrOctets < expected) throw new Error(`RETR returned ${retrOctets} octets, expected at least ${expected}`);
    return { login: t1 - t0, stat: t2 - t1, list: t3 - t2, retr: t4 - t3 };
  } finally {
    c.close();
  }
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Sessions per server before measuring: caches, Dovecot's index and V8's JIT reach their steady state. */
const WARMUP = 3;

/**
 * Warm each server up (not counted), then alternate their sessions, so a machine busy with
 * something else slows both alike and the ratio stays fair. A peer that fails mid-way is
 * dropped with the reason; ours failing is a real failure.
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
      ctx.log(`pop3: ${targets[i].name} failed: ${failed[i]}`);
    }
  };
  for (let w = 0; w < WARMUP; w++) for (let i = 0; i < targets.length; i++) await once(i);
  for (const r of runs) r.length = 0;
  for (let rep = 0; rep < reps; rep++) for (let i = 0; i < targets.length; i++) await once(i);
  return runs.map((r, i) =>
    failed[i] ? { error: failed[i] } : Object.fromEntries(['login', 'stat', 'list', 'retr'].map((k) => [k, median(r.map((x) => x[k]))])),
  );
}

// ---- l7lab ----

/**
 * The l7lab server runs in a child process of its own, as `l7lab serve` would and as Dovecot
 * does, so the benchmark's client never shares an event loop with the server it measures.
 * It serves the Maildir written here through MaildirStore, or loads the same files into a
 * MemoryStore when MaildirStore is not built. It prints one JSON line once it listens.
 */
const CHILD = `
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const [root, user, password, host] = process.argv.slice(1);
const dist = (p) => new URL(p, process.env.L7LAB_DIST).href;
const { createPop3Server } = await import(dist('protocols/pop3/server.js'));
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
    await store.deliver({ from: 'sender@example.com', to: [user + '@example.com'] }, readFileSync(join(cur, name)));
  }
}
const count = (await store.list(user, 'INBOX')).length;
const server = createPop3Server({ store, accounts: new Accounts([[user, password]]) });
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
    throw new Error(`the l7lab POP3 server did not start: ${err.trim().split('\n').slice(-3).join(' | ')}`);
  }
  if (ready.why) ctx.log(`pop3: MaildirStore unavailable (${ready.why}); using MemoryStore`);
  if (ready.count !== COUNT) throw new Error(`the l7lab store holds ${ready.count} messages, expected ${COUNT}`);
  return { port: ready.port, storeName: ready.storeName, stop };
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
  return `# l7lab benchmark: a throwaway standalone pop3d, nothing shared with a system instance
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = pop3
listen = ${HOST}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
mail_location = maildir:${dir}/mail/%u
default_internal_user = ${who.user}
default_internal_group = ${who.group}
default_login_user = ${who.user}
first_valid_uid = ${Math.min(who.uid, 500)}
pop3_uidl_format = %08Xu%08Xv
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/users
}
service pop3-login {
  inet_listener pop3 {
    address = ${HOST}
    port = ${port}
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
      const g = await c.line();
      c.close();
      if (g.startsWith('+OK')) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('dovecot did not answer within 10 s');
}

async function startDovecot(messages, dir) {
  if (!existsSync(DOVECOT) || !existsSync('/usr/lib/dovecot/pop3')) return { error: 'Dovecot pop3d is not installed (Debian: dovecot-pop3d)' };
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
  return { port, stop, name: `Dovecot pop3d ${version}` };
}

// ---- the contract ----

export async function run(ctx) {
  const reps = ctx.quick ? 3 : 9;
  const dir = mkdtempSync(join(tmpdir(), 'l7lab-bench-pop3-'));
  const cleanups = [];
  try {
    ctx.log(`pop3: generating ${COUNT} messages`);
    const messages = Array.from({ length: COUNT }, (_, i) => makeMessage(i + 1));
    const sizes = messages.map((m) => m.length);
    const avg = Math.round(sizes.reduce((a, b) => a + b, 0) / COUNT);

    const ours = await startOurs(messages, dir, ctx);
    cleanups.push(ours.stop);
    const targets = [{ name: `l7lab (${ours.storeName})`, port: ours.port }];
    let peerName = 'Dovecot pop3d';
    let peerNote = '';
    const dc = await startDovecot(messages, dir);
    if (dc.error) {
      peerNote = `peer not run: ${dc.error}`;
      ctx.log(`pop3: ${peerNote}`);
    } else {
      cleanups.push(dc.stop);
      peerName = dc.name;
      targets.push({ name: peerName, port: dc.port });
    }
    ctx.log(`pop3: measuring ${targets.map((t) => t.name).join(' and ')}, ${reps} sessions each`);
    const [o, measured] = await measure(targets, sizes, reps, ctx);
    const p = measured && !measured.error ? measured : null;
    if (measured?.error) peerNote = `peer failed: ${measured.error}`;
    const note = [`${COUNT} messages of ~${avg} octets, median of ${reps} sessions; l7lab on ${ours.storeName}`, peerNote].filter(Boolean).join('; ');
    const row = (name, key) => ({ group: 'pop3', case: name, ours: o[key], peer: p ? p[key] : null, peerName, unit: 'ms', better: 'lower', note });
    return [
      row('login (connect, greeting, USER, PASS)', 'login'),
      row('STAT', 'stat'),
      row(`LIST (${COUNT} lines)`, 'list'),
      row(`RETR x${RETRS}, one after another`, 'retr'),
    ];
  } finally {
    for (const stop of cleanups.reverse()) await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
