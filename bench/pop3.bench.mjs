// POP3 benchmark: l7lab's server against Dovecot's pop3d on the same 10,000-message maildrop.
// Each run is one session: login (connect, greeting, USER, PASS), STAT, LIST, RETR of 100
// messages one after another, QUIT without DELE (so the maildrop never changes). The first
// runs of each server warm caches, indexes and the JIT and are not counted; rows are medians.
// Only 127.0.0.1 is ever a target; every wait is bounded in time.
import { performance } from 'node:perf_hooks';
import { LineClient, lineLength } from './lib/line-client.mjs';
import { alternate, medians } from './lib/stats.mjs';
import { versusDovecot } from './lib/versus-dovecot.mjs';

const COUNT = 10_000;
const RETRS = 100;
const USER = 'bob';
const PASSWORD = 'builder';
/** Maildir unique parts M0..M9999, no flags. */
const MAILDIR = { id: (i) => String(i), flags: () => '' };

// ---- a minimal POP3 client ----

class Client extends LineClient {
  /** A multi-line reply (RFC 1939 3), or a single -ERR line. */
  async multi() {
    let from = 0;
    const reply = await this.take((b) => {
      if (b.length >= 4 && b.subarray(0, 4).toString() === '-ERR') return lineLength(b);
      const end = b.indexOf('\r\n.\r\n', Math.max(0, from - 4));
      from = b.length;
      return end < 0 ? 0 : end + 5;
    });
    return reply.toString('latin1');
  }

  async cmd(line, multi = false) {
    this.socket.write(`${line}\r\n`);
    const reply = multi ? await this.multi() : await this.line();
    if (!reply.startsWith('+OK')) throw new Error(`${line.split(' ')[0]} failed: ${reply.slice(0, 120).trim()}`);
    return reply;
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

/** Sessions per server before measuring: caches, Dovecot's index and V8's JIT reach their steady state. */
const WARMUP = 3;

/** Warm up, then alternate the servers' sessions (see alternate); medians per step, or { error } for a dropped peer. */
async function measureAll(targets, sizes, reps, ctx) {
  const results = await alternate({ targets, warmup: WARMUP, reps, session: (t) => session(t.port, sizes), group: 'pop3', log: ctx.log });
  return results.map((r) => (r.error ? r : medians(r.samples, ['login', 'stat', 'list', 'retr'])));
}

// ---- the contract ----

export async function run(ctx) {
  const measure = (targets, sizes, reps) => measureAll(targets, sizes, reps, ctx);
  const r = await versusDovecot({ protocol: 'pop3', ctx, count: COUNT, user: USER, password: PASSWORD, dotted: true, maildir: MAILDIR, measure });
  const row = (name, key) => ({ group: 'pop3', case: name, ours: r.ours[key], peer: r.peer ? r.peer[key] : null, peerName: r.peerName, unit: 'ms', better: 'lower', note: r.note });
  return [
    row('login (connect, greeting, USER, PASS)', 'login'),
    row('STAT', 'stat'),
    row(`LIST (${COUNT} lines)`, 'list'),
    row(`RETR x${RETRS}, one after another`, 'retr'),
  ];
}
