// The skeleton of a benchmark of l7lab against Dovecot on one mailbox: a temp directory, the
// messages, our server and Dovecot's started on the same Maildir, the measurement, the note
// the rows carry, and cleanup whatever happens. A Dovecot that cannot start or fails mid-way
// leaves its rows' peer empty with the reason in the note; ours failing is a real failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOurs } from './child-server.mjs';
import { startDovecot } from './dovecot.mjs';
import { makeMessages } from './maildrop.mjs';
import { peakTreeMb } from './proc-memory.mjs';

/** Each server's peak RSS over the whole run (VmHWM of its processes), for every row's note. */
function peakNote(targets, withPeer) {
  const mb = (t) => {
    const peak = peakTreeMb(t.pid);
    return peak === null ? '?' : peak.toFixed(0);
  };
  if (peakTreeMb(targets[0].pid) === null) return '';
  return `peak RSS ${mb(targets[0])} MB${withPeer && targets[1] ? ` (Dovecot's processes still running: ${mb(targets[1])} MB)` : ''}`;
}

/**
 * options: { protocol ('pop3' | 'imap'), ctx (the runner's { log, quick }), count, user,
 * password, dotted (see makeMessage), maildir (see writeMaildir), measure(targets, sizes,
 * reps) resolving with one result per target, { error } for a dropped peer }.
 * Resolves with { ours, peer (null when not measured), peerName, note, reps }.
 */
export async function versusDovecot({ protocol, ctx, count, user, password, dotted, maildir, measure }) {
  const reps = ctx.quick ? 3 : 9;
  const dir = mkdtempSync(join(tmpdir(), `l7lab-bench-${protocol}-`));
  const cleanups = [];
  try {
    ctx.log(`${protocol}: generating ${count} messages`);
    const { messages, sizes, avg } = makeMessages(count, { dotted });
    const mailbox = { protocol, messages, maildir, dir, user, password };
    const ours = await startOurs({ ...mailbox, count, log: ctx.log });
    cleanups.push(ours.stop);
    const targets = [{ name: `l7lab (${ours.storeName})`, port: ours.port, pid: ours.pid }];
    let peerName = `Dovecot ${protocol}d`;
    let peerNote = '';
    const dc = await startDovecot(mailbox);
    if (dc.error) {
      peerNote = `peer not run: ${dc.error}`;
      ctx.log(`${protocol}: ${peerNote}`);
    } else {
      cleanups.push(dc.stop);
      peerName = dc.name;
      targets.push({ name: peerName, port: dc.port, pid: dc.pid });
    }
    ctx.log(`${protocol}: measuring ${targets.map((t) => t.name).join(' and ')}, ${reps} sessions each`);
    const [o, measured] = await measure(targets, sizes, reps);
    const peer = measured && !measured.error ? measured : null;
    if (measured?.error) peerNote = `peer failed: ${measured.error}`;
    const note = [`${count} messages of ~${avg} octets, median of ${reps} sessions; l7lab on ${ours.storeName}`, peakNote(targets, peer !== null), peerNote].filter(Boolean).join('; ');
    return { ours: o, peer, peerName, note, reps };
  } finally {
    for (const stop of cleanups.reverse()) await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
