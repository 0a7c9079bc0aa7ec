// IMAP benchmark: l7lab's server against Dovecot's imapd on the same 10,000-message Maildir.
// Each run is one session: connect + greeting + LOGIN + SELECT INBOX, then
// `FETCH 1:* (UID FLAGS RFC822.SIZE)`, `UID SEARCH UNSEEN`, `FETCH 1:100 (BODY.PEEK[])`, LOGOUT.
// Nothing changes the mailbox (PEEK, no STORE), so every run sees the same state. The first run
// of each server warms caches and indexes and is not counted; rows are medians. Each server's
// memory (RSS of its whole process tree) is read while one session has the mailbox selected.
// Only 127.0.0.1 is ever a target; every wait is bounded in time.
import { performance } from 'node:perf_hooks';
import { LineClient } from './lib/line-client.mjs';
import { rssTreeMb } from './lib/proc-memory.mjs';
import { alternate, medians } from './lib/stats.mjs';
import { versusDovecot } from './lib/versus-dovecot.mjs';

const COUNT = 10_000;
const BODIES = 100;
const USER = 'bob';
const PASSWORD = 'builder';
/** Every third message is \Seen, so UID SEARCH UNSEEN has real work and a checkable answer. */
const isSeen = (i) => i % 3 === 0;
/** Maildir unique parts M00001..M10000, and the info `:2,S` for \Seen ones. */
const MAILDIR = { id: (i) => String(i + 1).padStart(5, '0'), flags: (i) => (isSeen(i + 1) ? 'S' : '') };

// ---- a minimal IMAP client ----

class Client extends LineClient {
  constructor(socket) {
    super(socket);
    this.tag = 0;
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
}

/** Log in and select; returns the client, still selected. */
async function openSelected(port) {
  const c = await Client.open(port);
  const greeting = await c.line();
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

// ---- memory ----

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
 * Warm each server up once (not counted), then alternate their sessions (see alternate);
 * medians per step plus memory, or { error } for a dropped peer.
 */
async function measureAll(targets, sizes, reps, ctx) {
  const results = await alternate({ targets, warmup: 1, reps, session: (t) => session(t.port, sizes), group: 'imap', log: ctx.log });
  const out = [];
  for (let i = 0; i < targets.length; i++) {
    if (results[i].error) {
      out.push(results[i]);
      continue;
    }
    const m = medians(results[i].samples, ['select', 'fetchAll', 'search', 'bodies']);
    m.memory = await memoryWhileSelected(targets[i]).catch(() => null);
    out.push(m);
  }
  return out;
}

// ---- the contract ----

export async function run(ctx) {
  const measure = (targets, sizes, reps) => measureAll(targets, sizes, reps, ctx);
  const r = await versusDovecot({ protocol: 'imap', ctx, count: COUNT, user: USER, password: PASSWORD, dotted: false, maildir: MAILDIR, measure });
  const row = (name, key, unit = 'ms') => ({ group: 'imap', case: name, ours: r.ours[key], peer: r.peer ? r.peer[key] : null, peerName: r.peerName, unit, better: 'lower', note: r.note });
  return [
    row('connect + LOGIN + SELECT INBOX', 'select'),
    row(`FETCH 1:* (UID FLAGS RFC822.SIZE), ${COUNT} responses`, 'fetchAll'),
    row('UID SEARCH UNSEEN', 'search'),
    row(`FETCH 1:${BODIES} (BODY.PEEK[])`, 'bodies'),
    {
      ...row('server memory (RSS of its processes) with the mailbox selected', 'memory', 'MB'),
      note: `${r.note}; Node.js alone takes ~40-50 MB before any mail is loaded`,
    },
  ];
}
