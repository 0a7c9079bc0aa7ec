import { FLOOD_BURST_GAP_MS, FLOOD_MAX_HELD_EVENTS, FLOOD_SHOWN_REPEATS, FLOOD_SHOWN_SESSIONS } from '../limits.js';
import type { Lang } from '../i18n.js';
import type { LineEvent, TranscriptEvent } from '../protocols/transcript.js';
import { serveText as t } from './serve-texts.js';

/**
 * serve's logs (screen and --json-log) condensed under a flood: 1,000 failed logins wrote
 * 5,000+ transcript lines (issue 20). Two rules, as syslog's "last message repeated N times":
 * - sessions: from one address, the first FLOOD_SHOWN_SESSIONS of a burst are shown live and
 *   whole. A later one is held only while it does, line for line, what an already shown session
 *   that was refused something did (the same commands, the same replies); if it ends so, it is
 *   counted, not shown; the moment it differs (or captures a message) it is shown, whole and live;
 * - lines: inside a session, a command refused again and again (the same verb, a failure reply
 *   each time: guessing passwords) is shown FLOOD_SHOWN_REPEATS times, then counted; a
 *   command that succeeds (RETR 1, RETR 2, ...) is always shown.
 * Each count becomes one notice line ("... repeated 312 times from 127.0.0.1") when the burst
 * ends. A learner's session, alone or among a few, is never condensed.
 */
export interface FloodClock {
  now(): number;
  /** Run `fn` after `ms`; the condenser schedules its flush of a quiet burst with it. */
  later(fn: () => void, ms: number): void;
}

const systemClock: FloodClock = {
  now: () => Date.now(),
  later: (fn, ms) => void setTimeout(fn, ms).unref(),
};

interface Held {
  remote: string;
  /** Events held back (sessions past the first of a burst), null when shown live. */
  events: TranscriptEvent[] | null;
  shape: string[];
  /** Some reply of the session was a failure: only such sessions are counted as a flood. */
  anyFailure: boolean;
  /** In-session repeats: the shape of the last exchange, how often it came in a row, and what was not shown. */
  last: string;
  /** The last reply was a failure (4xx/5xx, -ERR, NO/BAD). */
  failed: boolean;
  inRow: number;
  hidden: number;
}

interface Burst {
  sessions: number;
  shapes: Set<string>;
  repeated: number;
  lastEvent: number;
}

/** A refusal: SMTP 4xx/5xx (RFC 5321 4.2.1), POP3 -ERR (RFC 1939 3), IMAP NO/BAD (RFC 3501 7.1). */
const FAILURE = /^(?:[45]\d\d\b|-ERR\b|\S+ (?:NO|BAD)\b)/;

/** What a line *does*, not what it says: the verb of a client line, the status of a reply. */
function lineShape(e: LineEvent): string {
  const words = e.text.trim().split(/\s+/);
  const imapTagged = e.protocol === 'imap' && words.length > 1;
  const word = (imapTagged ? words[1] : words[0]) ?? '';
  return `${e.direction === 'client' ? 'C' : 'S'}:${word.toUpperCase().slice(0, 16)}`;
}

export function floodCondenser(write: (e: TranscriptEvent) => void, lang: Lang, clock: FloodClock = systemClock): (e: TranscriptEvent) => void {
  const sessions = new Map<string, Held>();
  const bursts = new Map<string, Burst>();
  const notice = (protocol: TranscriptEvent['protocol'], text: string) => write({ event: 'notice', protocol, level: 'info', text });

  const endBurst = (remote: string, protocol: TranscriptEvent['protocol']) => {
    const b = bursts.get(remote);
    bursts.delete(remote);
    if (b && b.repeated > 0) notice(protocol, t(lang, 'floodSessions', { n: b.repeated, remote }));
  };
  const touch = (remote: string, protocol: TranscriptEvent['protocol']): Burst => {
    const now = clock.now();
    let b = bursts.get(remote);
    if (b && now - b.lastEvent > FLOOD_BURST_GAP_MS) (endBurst(remote, protocol), (b = undefined));
    if (!b) {
      b = { sessions: 0, shapes: new Set(), repeated: 0, lastEvent: now };
      bursts.set(remote, b);
    }
    b.lastEvent = now;
    const mine = b;
    clock.later(() => {
      if (bursts.get(remote) === mine && clock.now() - mine.lastEvent >= FLOOD_BURST_GAP_MS) endBurst(remote, protocol);
    }, FLOOD_BURST_GAP_MS);
    return b;
  };
  const out = (h: Held, e: TranscriptEvent) => {
    if (!h.events) return write(e);
    h.events.push(e);
    // A held session that will not end soon is shown after all: the holding is bounded.
    if (h.events.length > FLOOD_MAX_HELD_EVENTS) {
      for (const held of h.events) write(held);
      h.events = null;
    }
  };

  const line = (h: Held, e: LineEvent) => {
    const shape = lineShape(e);
    // An exchange starts at a client line; its replies belong to it.
    if (e.direction === 'client') {
      h.inRow = shape === h.last && h.failed ? h.inRow + 1 : 1;
      if (h.inRow === 1) flushHidden(h, e);
      h.last = shape;
    }
    else if ((h.failed = FAILURE.test(e.text))) h.anyFailure = true;
    h.shape.push(shape);
    if (h.events && !isPrefixOfKnown(h)) release(h);
    if (h.inRow > FLOOD_SHOWN_REPEATS) {
      if (e.direction === 'client') h.hidden++;
      return;
    }
    out(h, e);
  };
  const flushHidden = (h: Held, e: TranscriptEvent) => {
    if (h.hidden === 0) return;
    const text = t(lang, 'floodLines', { n: h.hidden, session: 'session' in e ? String(e.session) : '' });
    out(h, { event: 'notice', protocol: e.protocol, level: 'info', text });
    h.hidden = 0;
  };

  const isPrefixOfKnown = (h: Held): boolean => {
    const so = h.shape.join(' ');
    for (const known of bursts.get(h.remote)?.shapes ?? []) if (known === so || known.startsWith(`${so} `)) return true;
    return false;
  };
  const release = (h: Held) => {
    const held = h.events ?? [];
    h.events = null;
    for (const e of held) write(e);
  };

  const end = (h: Held, e: TranscriptEvent, id: string) => {
    sessions.delete(id);
    flushHidden(h, e);
    const b = touch(h.remote, e.protocol);
    const shape = h.shape.join(' ');
    if (h.events !== null && b.shapes.has(shape)) {
      b.repeated++;
      return;
    }
    if (h.anyFailure) b.shapes.add(shape);
    release(h);
    write(e);
  };

  return (e) => {
    if (e.event === 'connect') {
      const remote = e.remote.replace(/:\d+$/, '');
      const b = touch(remote, e.protocol);
      b.sessions++;
      const hold = b.sessions > FLOOD_SHOWN_SESSIONS && b.shapes.size > 0;
      const h: Held = { remote, events: hold ? [] : null, shape: [], anyFailure: false, last: '', failed: false, inRow: 0, hidden: 0 };
      sessions.set(e.session, h);
      return out(h, e);
    }
    const id = 'session' in e ? e.session : undefined;
    const h = id === undefined ? undefined : sessions.get(id);
    if (!h || id === undefined) return write(e);
    if (e.event === 'line') return line(h, e);
    if (e.event === 'disconnect') return end(h, e, id);
    if (e.event === 'message') release(h); // a captured message is always news
    out(h, e);
  };
}
