import type { StoredTranscript } from './types.js';

/**
 * A kept transcript in little memory, for the memory store (issue 19: the store holds at most
 * 1.5x the bytes it stores). `serve` keeps one per captured message, and its events repeat: every
 * message of a connection carries the same setup (greeting, EHLO) and mostly the same command
 * lines. So each event is kept as its JSON text without its `time`, one shared string per distinct
 * text (interned), and the time as milliseconds after the transcript's first: a message's
 * transcript costs its few new lines and an array, not a deep copy of every event object.
 * What comes back is what was saved, as fresh objects (JSON values, as the Maildir store keeps
 * them): a caller can neither change what is kept nor see another caller's changes.
 */
export interface PackedTranscript {
  readonly lang: string;
  /** The first time (ms since the epoch), or NaN when no event has a time that packs. */
  readonly base: number;
  /** Per event: its JSON text (without the time when the time packs), then the time's offset from `base`, or null. */
  readonly items: ReadonlyArray<string | number | null>;
}

/**
 * Distinct texts seen lately (event texts, addresses): one shared string each. Bounded: when full
 * it starts over (what is kept keeps its strings).
 */
const INTERNED_MAX = 4096;
const interned = new Map<string, string>();

export function intern(text: string): string {
  const seen = interned.get(text);
  if (seen !== undefined) return seen;
  if (interned.size >= INTERNED_MAX) interned.clear();
  const own = flat(text);
  interned.set(own, own);
  return own;
}

/**
 * The same text in one piece of its own. A string cut from another (an address from its command
 * line) or joined from pieces (JSON.stringify's result) can keep all of them alive; decoded
 * afresh it keeps nothing. Text UTF-8 cannot carry (a lone surrogate) is kept as it is.
 */
function flat(text: string): string {
  const own = Buffer.from(text, 'utf8').toString('utf8');
  return own === text ? own : text;
}

/** The milliseconds an ISO time stands for, when toISOString gives that same text back; else null. */
function isoMillis(time: string): number | null {
  const ms = Date.parse(time);
  return Number.isFinite(ms) && new Date(ms).toISOString() === time ? ms : null;
}

// The events of one step share their time string: it is parsed once.
let lastTime: unknown;
let lastMs: number | null = null;

/**
 * One event as its JSON text without its time (when the time packs and comes last, as every
 * emitted event's does) and the time in ms; else its whole text and null. Into `texts[i]`, `ms[i]`.
 */
function packEvent(event: object, i: number, texts: string[], ms: Array<number | null>): void {
  const json = JSON.stringify(event);
  const time = (event as { time?: unknown }).time;
  if (typeof time === 'string' && time !== lastTime) {
    lastTime = time;
    lastMs = isoMillis(time);
  }
  // An ISO time has nothing JSON escapes, so the field's text is known exactly.
  const tail = typeof time === 'string' && lastMs !== null ? `,"time":"${time}"}` : null;
  if (tail === null || !json.endsWith(tail)) {
    texts[i] = intern(json);
    ms[i] = null;
    return;
  }
  texts[i] = intern(`${json.slice(0, json.length - tail.length)}}`);
  ms[i] = lastMs;
}

/**
 * The last transcript packed, by its first event. Every transcript of a session starts with the
 * session's setup events, the same objects each time (events are never changed once emitted,
 * transcript.ts), so those are packed once per session, not once per message. Bounded.
 */
interface Packed {
  events: readonly object[];
  texts: string[];
  ms: Array<number | null>;
}
const HEADS_MAX = 256;
const heads = new Map<object, Packed>();

function packEvents(events: readonly object[]): Packed {
  const first = events[0];
  const prev = first === undefined ? undefined : heads.get(first);
  const texts = new Array<string>(events.length);
  const ms = new Array<number | null>(events.length);
  let i = 0;
  if (prev) {
    const n = Math.min(events.length, prev.events.length);
    for (; i < n && events[i] === prev.events[i]; i++) {
      texts[i] = prev.texts[i] as string;
      ms[i] = prev.ms[i] ?? null;
    }
  }
  for (; i < events.length; i++) packEvent(events[i] as object, i, texts, ms);
  const packed = { events, texts, ms };
  if (first !== undefined) {
    if (!prev && heads.size >= HEADS_MAX) heads.clear();
    heads.set(first, packed);
  }
  return packed;
}

export function packTranscript(transcript: StoredTranscript): PackedTranscript {
  const { texts, ms } = packEvents(transcript.events);
  const items = new Array<string | number | null>(texts.length * 2);
  let base = Number.NaN;
  for (let i = 0; i < texts.length; i++) {
    const t = ms[i] ?? null;
    if (t !== null && Number.isNaN(base)) base = t;
    items[2 * i] = texts[i] as string;
    items[2 * i + 1] = t === null ? null : t - base;
  }
  return { lang: transcript.lang, base, items };
}

export function unpackTranscript(packed: PackedTranscript): StoredTranscript {
  const events: object[] = [];
  const { items, base } = packed;
  for (let i = 0; i < items.length; i += 2) {
    const event = JSON.parse(items[i] as string) as Record<string, unknown>;
    const offset = items[i + 1];
    if (typeof offset === 'number') event.time = new Date(base + offset).toISOString();
    events.push(event);
  }
  return { lang: packed.lang, events };
}
