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

/** The milliseconds an ISO time stands for, when toISOString gives that same text back; else null. */
function isoMillis(time: string): number | null {
  const ms = Date.parse(time);
  return Number.isFinite(ms) && new Date(ms).toISOString() === time ? ms : null;
}

// The events of one step share their time string: it is parsed once.
let lastTime: unknown;
let lastMs: number | null = null;

/** One event as its JSON text without its time (when the time packs and comes last, as every emitted event's does), and that time in ms or null. */
function eventText(event: object): { text: string; ms: number | null } {
  const json = JSON.stringify(event);
  const time = (event as { time?: unknown }).time;
  if (typeof time === 'string' && time !== lastTime) {
    lastTime = time;
    lastMs = isoMillis(time);
  }
  // An ISO time has nothing JSON escapes, so the field's text is known exactly.
  const tail = typeof time === 'string' && lastMs !== null ? `,"time":"${time}"}` : null;
  if (tail === null || !json.endsWith(tail)) return { text: json, ms: null };
  return { text: `${json.slice(0, json.length - tail.length)}}`, ms: lastMs };
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
  // Flattened: a slice of `text` would keep the whole text alive.
  return flat(`${PATCH}${head},${tail},${text.slice(head, text.length - tail)}`);
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

/** The slots of event `i`, and the base of place i updated when the text is kept whole. */
function slotsOf(event: object, i: number, prev: Packed | undefined, bases: string[]): { slots: readonly string[]; ms: number | null } {
  const { text, ms } = eventText(event);
  const known = interned.get(text);
  if (known !== undefined) return { slots: [known], ms };
  const base = prev?.bases[i];
  const patch = patchOf(base, text);
  if (base !== undefined && patch !== null) return { slots: [base, patch], ms };
  const own = intern(text);
  bases[i] = own;
  return { slots: [own], ms };
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
    const one = slotsOf(events[i] as object, i, prev, bases);
    slots[i] = one.slots;
    ms[i] = one.ms;
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
  let out = base === null ? '' : base.toString(36);
  for (const t of ms) out += t === null || base === null ? ',' : `,${(t - base).toString(36)}`;
  return out;
}

export function packTranscript(transcript: StoredTranscript): PackedTranscript {
  const { slots, ms } = packEvents(transcript.events);
  const out: string[] = [intern(transcript.lang), flat(packTimes(ms))];
  for (const s of slots) for (const part of s) out.push(part);
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
