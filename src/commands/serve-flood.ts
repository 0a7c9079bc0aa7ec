import { FLOOD_BURST_GAP_MS, FLOOD_MAX_HELD_EVENTS, FLOOD_SHOWN_REPEATS, FLOOD_SHOWN_SESSIONS } from '../limits.js';
import type { Lang } from '../i18n.js';
import type { Protocol } from '../protocol.js';
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
  id: string;
  remote: string;
  /** Events held back (sessions past the first of a burst), null when shown live. */
  events: TranscriptEvent[] | null;
  /** What the session did, line by line; null once too long to compare (it is then shown). */
  shape: string[] | null;
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

/** The condenser in front of one of serve's log writers; `floodCondenser` makes it a sink. */
class FloodCondenser {
  private readonly sessions = new Map<string, Held>();
  private readonly bursts = new Map<string, Burst>();

  constructor(
    private readonly write: (e: TranscriptEvent) => void,
    private readonly lang: Lang,
    private readonly clock: FloodClock,
  ) {}

  event(e: TranscriptEvent): void {
    if (e.event === 'connect') return this.connect(e.session, e.remote, e);
    const h = 'session' in e && e.session !== undefined ? this.sessions.get(e.session) : undefined;
    if (!h) return this.write(e);
    if (e.event === 'line') return this.line(h, e);
    if (e.event === 'disconnect') return this.end(h, e);
    if (e.event === 'message') this.release(h); // a captured message is always news
    this.out(h, e);
  }

  private connect(id: string, address: string, e: TranscriptEvent): void {
    const remote = address.replace(/:\d+$/, '');
    const b = this.touch(remote, e.protocol);
    b.sessions++;
    const hold = b.sessions > FLOOD_SHOWN_SESSIONS && b.shapes.size > 0;
    const h: Held = { id, remote, events: hold ? [] : null, shape: [], anyFailure: false, last: '', failed: false, inRow: 0, hidden: 0 };
    this.sessions.set(id, h);
    this.out(h, e);
  }

  private line(h: Held, e: LineEvent): void {
    const shape = lineShape(e);
    // An exchange starts at a client line; its replies belong to it.
    if (e.direction === 'client') {
      h.inRow = shape === h.last && h.failed ? h.inRow + 1 : 1;
      if (h.inRow === 1) this.flushHidden(h, e);
      h.last = shape;
    } else if ((h.failed = FAILURE.test(e.text))) h.anyFailure = true;
    h.shape?.push(shape);
    if (h.shape && h.shape.length > FLOOD_MAX_HELD_EVENTS) h.shape = null;
    if (h.events && !this.likeAShownOne(h)) this.release(h);
    if (h.inRow > FLOOD_SHOWN_REPEATS) {
      if (e.direction === 'client') h.hidden++;
      return;
    }
    this.out(h, e);
  }

  private end(h: Held, e: TranscriptEvent): void {
    this.sessions.delete(h.id);
    this.flushHidden(h, e);
    const b = this.touch(h.remote, e.protocol);
    const shape = h.shape?.join(' ') ?? null;
    if (h.events !== null && shape !== null && b.shapes.has(shape)) {
      b.repeated++;
      return;
    }
    if (h.anyFailure && shape !== null) b.shapes.add(shape);
    this.release(h);
    this.write(e);
  }

  /** The session so far did what a shown session refused something did, line for line. */
  private likeAShownOne(h: Held): boolean {
    if (h.shape === null) return false;
    const so = h.shape.join(' ');
    for (const known of this.bursts.get(h.remote)?.shapes ?? []) if (known === so || known.startsWith(`${so} `)) return true;
    return false;
  }

  private out(h: Held, e: TranscriptEvent): void {
    if (!h.events) return this.write(e);
    h.events.push(e);
    // A held session that will not end soon is shown after all: the holding is bounded.
    if (h.events.length > FLOOD_MAX_HELD_EVENTS) this.release(h);
  }

  private release(h: Held): void {
    const held = h.events ?? [];
    h.events = null;
    for (const e of held) this.write(e);
  }

  private flushHidden(h: Held, e: TranscriptEvent): void {
    if (h.hidden === 0) return;
    const text = t(this.lang, 'floodLines', { n: h.hidden, session: h.id });
    this.out(h, { event: 'notice', protocol: e.protocol, level: 'info', text });
    h.hidden = 0;
  }

  /** The burst of `remote`, begun now if the last one went quiet; its end is checked on the clock. */
  private touch(remote: string, protocol: Protocol): Burst {
    const now = this.clock.now();
    let b = this.bursts.get(remote);
    if (b && now - b.lastEvent >= FLOOD_BURST_GAP_MS) (this.endBurst(remote, protocol), (b = undefined));
    if (!b) {
      b = { sessions: 0, shapes: new Set(), repeated: 0, lastEvent: now };
      this.bursts.set(remote, b);
      this.checkLater(remote, protocol, b, FLOOD_BURST_GAP_MS);
    }
    b.lastEvent = now;
    return b;
  }

  /** One timer per burst: when it fires early (the burst went on), it waits for the rest. */
  private checkLater(remote: string, protocol: Protocol, b: Burst, ms: number): void {
    this.clock.later(() => {
      if (this.bursts.get(remote) !== b) return;
      const quiet = this.clock.now() - b.lastEvent;
      if (quiet >= FLOOD_BURST_GAP_MS) this.endBurst(remote, protocol);
      else this.checkLater(remote, protocol, b, FLOOD_BURST_GAP_MS - quiet);
    }, ms);
  }

  private endBurst(remote: string, protocol: Protocol): void {
    const b = this.bursts.get(remote);
    this.bursts.delete(remote);
    if (b && b.repeated > 0) this.write({ event: 'notice', protocol, level: 'info', text: t(this.lang, 'floodSessions', { n: b.repeated, remote }) });
  }
}

export function floodCondenser(write: (e: TranscriptEvent) => void, lang: Lang, clock: FloodClock = systemClock): (e: TranscriptEvent) => void {
  const condenser = new FloodCondenser(write, lang, clock);
  return (e) => condenser.event(e);
}
