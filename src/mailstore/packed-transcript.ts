import { isoMillis } from './iso-time.js';
import { plain, sameFields } from './same-json.js';
import type { StoredTranscript } from './types.js';

/**
 * A kept transcript in little memory, for the memory store (issue 19: the store holds at most
 * 1.5x the bytes it stores). `serve` keeps one per captured message, and its events repeat: every
 * message of a connection carries the same setup (greeting, EHLO) and mostly the same command
 * lines. So each event is kept as its JSON text without its `time`, one shared string per distinct
 * text (interned), and its time as milliseconds after the transcript's first, all times in one
 * string. A text that is new but close to the one in the same place of the session's previous
 * transcript (`250 ... queued as <id>`, the message event with its id) is kept as that earlier
 * text (shared) and a short patch. So a message's transcript costs one flat array of shared
 * strings, its times and a few patches: no object per event, no deep copy.
 * What comes back is what was saved, as fresh objects (JSON values, as the Maildir store keeps
 * them): a caller can neither change what is kept nor see another caller's changes.
 */
export type PackedTranscript = readonly string[];

/**
 * The layout of a PackedTranscript: [lang, times, ...slots]. `times` is the first time (ms since
 * the epoch, base 36) then per event its offset from it, comma-separated, empty for an event whose
 * time did not pack. A slot is an event's JSON text, or (when the next slot is a patch) the text
 * the event is patched from. A JSON text never holds U+0001 raw, so a patch is told apart by it.
 */
const LANG = 0;
const TIMES = 1;
const FIRST_SLOT = 2;
const PATCH = '\u0001';

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

// The events of one step share their time string: it is parsed once.
let lastTime: unknown;
let lastMs: number | null = null;

const TIME_FIELD = ',"time":"';
// What eventText found: out-parameters, not an object per event.
let textOut = '';
let msOut: number | null = null;

/**
 * One event as its JSON text without its time (when the time packs and comes last, as every
 * emitted event's does), into textOut, and that time in ms or null, into msOut.
 */
function eventText(event: object): void {
  const json = JSON.stringify(event);
  const time = (event as { time?: unknown }).time;
  textOut = json;
  msOut = null;
  if (typeof time !== 'string' || !timePacks(event)) return;
  // An ISO time has nothing JSON escapes, so the field's text is known exactly: `,"time":"<time>"}`.
  const cut = json.length - time.length - TIME_FIELD.length - 2;
  if (lastMs === null || cut < 1 || !json.endsWith('"}') || !json.startsWith(TIME_FIELD, cut) || !json.startsWith(time, cut + TIME_FIELD.length)) return;
  textOut = `${json.slice(0, cut)}}`;
  msOut = lastMs;
}

/** `text` as a patch of `from` (kept: head length, tail length, the middle), when they share at least half of `text`; else null. */
function patchOf(from: string | undefined, text: string): string | null {
  if (from === undefined) return null;
  const max = Math.min(from.length, text.length);
  let head = 0;
  while (head < max && from.charCodeAt(head) === text.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < max - head && from.charCodeAt(from.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)) tail++;
  if ((head + tail) * 2 < text.length) return null;
  // Joined into a string of its own: a slice of `text` would keep the whole text alive.
  return [`${PATCH}${head}`, tail, text.slice(head, text.length - tail)].join(',');
}

function unpatch(from: string, patch: string): string {
  const a = patch.indexOf(',');
  const b = patch.indexOf(',', a + 1);
  const head = Number(patch.slice(1, a));
  const tail = Number(patch.slice(a + 1, b));
  return from.slice(0, head) + patch.slice(b + 1) + from.slice(from.length - tail);
}

/**
 * The last transcript packed of a session, by its first event. Every transcript of a session
 * starts with the session's setup events, the same objects each time (events are never changed
 * once emitted, transcript.ts), so those are packed once per session, not once per message.
 * `bases[i]` is the full text last kept in place i, what a new text there is patched from. Bounded.
 */
interface Packed {
  events: readonly object[];
  /** Per event: its slots (one text, or a text and its patch). */
  slots: Array<readonly string[]>;
  ms: Array<number | null>;
  bases: string[];
}
const HEADS_MAX = 256;
const heads = new Map<object, Packed>();

/** The time of `event` packs (an ISO string, into lastMs). */
function timePacks(event: object): boolean {
  const time = (event as { time?: unknown }).time;
  if (typeof time !== 'string') return false;
  if (time !== lastTime) {
    lastTime = time;
    lastMs = isoMillis(time);
  }
  return lastMs !== null;
}

/**
 * The slots of event `i` (its time goes to msOut), and the base of place i updated when the text
 * is kept whole. An event equal but for its time to the one in the same place of the session's
 * previous transcript (the MAIL, RCPT, DATA lines and their replies of the next message) takes
 * that one's slots as they are: no JSON text made, none looked up.
 */
function slotsOf(event: object, i: number, prev: Packed | undefined, bases: string[]): readonly string[] {
  const before = prev?.events[i];
  if (before !== undefined && prev?.ms[i] != null && plain(event) && plain(before) && timePacks(event)) {
    if (sameFields(event as Record<string, unknown>, before as Record<string, unknown>, true)) {
      msOut = lastMs;
      return prev.slots[i] as readonly string[];
    }
  }
  eventText(event);
  const text = textOut;
  const known = interned.get(text);
  if (known !== undefined) return [known];
  const base = prev?.bases[i];
  const patch = patchOf(base, text);
  if (base !== undefined && patch !== null) return [base, patch];
  const own = intern(text);
  bases[i] = own;
  return [own];
}

function packEvents(events: readonly object[]): Packed {
  const first = events[0];
  const prev = first === undefined ? undefined : heads.get(first);
  const slots = new Array<readonly string[]>(events.length);
  const ms = new Array<number | null>(events.length);
  const bases = prev ? [...prev.bases] : [];
  let i = 0;
  if (prev) {
    const n = Math.min(events.length, prev.events.length);
    for (; i < n && events[i] === prev.events[i]; i++) {
      slots[i] = prev.slots[i] as readonly string[];
      ms[i] = prev.ms[i] ?? null;
    }
  }
  for (; i < events.length; i++) {
    slots[i] = slotsOf(events[i] as object, i, prev, bases);
    ms[i] = msOut;
  }
  const packed = { events, slots, ms, bases };
  if (first !== undefined) {
    if (!prev && heads.size >= HEADS_MAX) heads.clear();
    heads.set(first, packed);
  }
  return packed;
}

/** The times of a transcript in one string: the first (base 36), then each event's offset from it or nothing. */
function packTimes(ms: ReadonlyArray<number | null>): string {
  const base = ms.find((t) => t !== null) ?? null;
  const parts = new Array<string>(ms.length + 1);
  parts[0] = base === null ? '' : base.toString(36);
  for (let i = 0; i < ms.length; i++) {
    const t = ms[i] ?? null;
    parts[i + 1] = t === null || base === null ? '' : (t - base).toString(36);
  }
  // Joined: one string of its own, not a chain of pieces.
  return parts.join(',');
}

/**
 * Made at its final length, not grown by push: a grown array keeps up to half again as many
 * empty places as it holds (a heap snapshot of serve --memory after 15,000 messages: 3.10 -> 2.76 MB
 * of array storage, ~23 bytes a message; issue 19, memory store <= 1.5x).
 */
export function packTranscript(transcript: StoredTranscript): PackedTranscript {
  const { slots, ms } = packEvents(transcript.events);
  let length = FIRST_SLOT;
  for (const s of slots) length += s.length;
  const out = new Array<string>(length);
  out[LANG] = intern(transcript.lang);
  out[TIMES] = packTimes(ms);
  let at = FIRST_SLOT;
  for (const s of slots) for (const part of s) out[at++] = part;
  return out;
}

export function unpackTranscript(packed: PackedTranscript): StoredTranscript {
  const events: object[] = [];
  const times = (packed[TIMES] ?? '').split(',');
  const base = times[0] === '' ? Number.NaN : parseInt(times[0] as string, 36);
  for (let i = FIRST_SLOT; i < packed.length; i++) {
    const slot = packed[i] as string;
    const next = packed[i + 1];
    const patched = next !== undefined && next.startsWith(PATCH);
    const event = JSON.parse(patched ? unpatch(slot, next) : slot) as Record<string, unknown>;
    if (patched) i++;
    const offset = times[events.length + 1];
    if (offset) event.time = new Date(base + parseInt(offset, 36)).toISOString();
    events.push(event);
  }
  return { lang: packed[LANG] ?? '', events };
}
