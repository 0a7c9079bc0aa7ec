// Durable ingest: `l7lab serve` on a Maildir (every message fsynced, then its directory, before
// the 250) against Dovecot's LMTP server delivering into a Maildir (its default mail_fsync =
// optimized: the file, then new/, before the reply; see bench/lib/dovecot.mjs), in one run.
// The same ~2 KB message goes to bob over 1 and 20 concurrent sessions that each keep their
// connection, from the same client (bench/lib/lmtp-client.mjs: SMTP to ours, LMTP to Dovecot).
// Rounds alternate between the servers so a busy machine slows both alike; rows are medians.
// Afterwards each Maildir must hold every message sent, so a server that drops mail cannot
// look fast. Each server's peak RSS (its whole process tree, sampled) is a row of its own.
// Only 127.0.0.1 is ever a target; every run is bounded in count and in time.
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDovecot } from './lib/dovecot.mjs';
import { deliverLoad } from './lib/lmtp-client.mjs';
import { samplePeak } from './lib/proc-memory.mjs';
import { startServe } from './lib/serve-command.mjs';
import { median } from './lib/stats.mjs';

const SIZE = 2048;
const ENVELOPE = { from: 'alice@example.com', to: 'bob@example.com' };
const CASES = [
  { sessions: 1, messages: 400 },
  { sessions: 20, messages: 2000 },
];
const WARMUP = 50;

/** A 2 KB text/plain message (CRLF lines of at most 76 octets), the same bytes for both servers. */
function message() {
  const head = ['From: Alice <alice@example.com>', 'To: Bob <bob@example.com>', 'Subject: durable ingest', 'Message-ID: <ingest@l7lab.example>', 'Date: Tue, 1 Jul 2025 10:00:00 +0000', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=us-ascii'];
  let text = `${head.join('\r\n')}\r\n\r\n`;
  for (let n = 0; text.length + 78 <= SIZE; n++) text += `${`line ${n}: the quick brown fox jumps over the lazy dog `.padEnd(76, '.')}\r\n`;
  // A last, shorter line makes it exactly SIZE octets.
  if (SIZE - text.length > 2) text += `${'end'.padEnd(SIZE - text.length - 2, '.')}\r\n`;
  return Buffer.from(text, 'latin1');
}

/** Files in a Maildir's new/ and cur/: the messages it holds. */
function heldIn(maildir) {
  return ['new', 'cur'].reduce((n, sub) => n + readdirSync(join(maildir, sub)).filter((f) => !f.startsWith('.')).length, 0);
}

/** Our server: `l7lab serve --store <tmp>`; bob's Maildir is <store>/bob under its home (its cwd). */
async function startOursTarget() {
  const s = await startServe('maildir');
  const home = readlinkSync(`/proc/${s.pid}/cwd`);
  return { name: 'l7lab serve (Maildir)', dialect: 'smtp', port: s.port, pid: s.pid, maildir: join(home, 'mail', 'bob'), stop: s.stop };
}

async function startPeerTarget(dir, log) {
  const dc = await startDovecot({ protocol: 'lmtp', dir, user: 'bob', password: 'builder', messages: [], maildir: {} });
  if (dc.error) {
    log(`ingest: peer not run: ${dc.error}`);
    return { error: dc.error };
  }
  return { name: dc.name, dialect: 'lmtp', port: dc.port, pid: dc.pid, maildir: dc.maildir, stop: dc.stop };
}

/** One round of a case against one target: msg/s, and the peak RSS seen meanwhile folded into t.peak. */
async function round(t, c, raw) {
  const sampler = samplePeak(t.pid);
  try {
    const seconds = await deliverLoad({ port: t.port, dialect: t.dialect, sessions: c.sessions, messages: c.messages, raw, envelope: ENVELOPE });
    t.sent += c.messages;
    return c.messages / seconds;
  } finally {
    const peak = sampler.stop();
    if (peak !== null) t.peak = Math.max(t.peak ?? 0, peak);
  }
}

/** Warm up, then `reps` alternating rounds per case; per target, the median msg/s per case. */
async function measure(targets, cases, reps, raw, log) {
  const rates = targets.map(() => cases.map(() => []));
  for (const t of targets) {
    t.sent = 0;
    await round(t, { sessions: 1, messages: WARMUP }, raw);
  }
  for (const [ci, c] of cases.entries()) {
    for (let rep = 0; rep < reps; rep++) {
      for (const [ti, t] of targets.entries()) {
        if (t.error) continue;
        try {
          rates[ti][ci].push(await round(t, c, raw));
        } catch (err) {
          if (ti === 0) throw err;
          t.error = err instanceof Error ? err.message : String(err);
          log(`ingest: ${t.name} failed: ${t.error}`);
        }
      }
    }
  }
  for (const t of targets) {
    if (t.error) continue;
    const held = heldIn(t.maildir);
    if (held !== t.sent) throw new Error(`${t.name} acknowledged ${t.sent} messages but its Maildir holds ${held}`);
  }
  return rates.map((perCase, ti) => (targets[ti].error ? null : perCase.map(median)));
}

export async function run(ctx) {
  const reps = ctx.quick ? 1 : 3;
  const cases = ctx.quick ? CASES.map((c) => ({ ...c, messages: c.messages / 4 })) : CASES;
  const raw = message();
  const dir = mkdtempSync(join(tmpdir(), 'l7lab-bench-ingest-'));
  const targets = [];
  try {
    targets.push(await startOursTarget());
    const peer = await startPeerTarget(dir, ctx.log);
    if (!peer.error) targets.push(peer);
    ctx.log(`ingest: ${targets.map((t) => t.name).join(' and ')}, ${reps} round(s) per case`);
    const [ours, theirs] = await measure(targets, cases, reps, raw, ctx.log);
    const peerTarget = targets[1];
    const peerName = peerTarget?.name ?? 'Dovecot lmtpd';
    const why = peer.error ? `peer not run: ${peer.error}` : peerTarget?.error ? `peer failed: ${peerTarget.error}` : '';
    const note = [`${raw.length}-octet messages, fsync on both; median of ${reps} round(s)`, why].filter(Boolean).join('; ');
    const rows = cases.map((c, i) => ({
      group: 'ingest',
      case: `durable ingest (Maildir, fsync), ${c.sessions} session${c.sessions > 1 ? 's' : ''}, ${c.messages} messages`,
      ours: ours[i],
      peer: theirs ? theirs[i] : null,
      peerName,
      unit: 'msg/s',
      better: 'higher',
      note,
    }));
    const peakPeer = theirs && peerTarget ? peerTarget.peak ?? null : null;
    rows.push({ group: 'ingest', case: 'peak RSS during ingest (whole process tree)', ours: targets[0].peak ?? null, peer: peakPeer, peerName, unit: 'MB', better: 'lower', note: `sampled every 50 ms; ${note}` });
    return rows;
  } finally {
    for (const t of targets.reverse()) await t.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
