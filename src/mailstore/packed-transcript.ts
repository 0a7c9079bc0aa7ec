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

/** Distinct event texts seen lately. Bounded: when full it starts over (kept transcripts keep their strings). */
const INTERNED_MAX = 4096;
const interned = new Map<string, string>();

function intern(text: string): string {
  const seen = interned.get(text);
  if (seen !== undefined) return seen;
  if (interned.size >= INTERNED_MAX) interned.clear();
  interned.set(text, text);
  return text;
}

/** The milliseconds an ISO time stands for, when toISOString gives that same text back; else null. */
function isoMillis(time: string): number | null {
  const ms = Date.parse(time);
  return Number.isFinite(ms) && new Date(ms).toISOString() === time ? ms : null;
}

export function packTranscript(transcript: StoredTranscript): PackedTranscript {
  const items: Array<string | number | null> = [];
  let base = Number.NaN;
  // The events of one step share their time string: parse it once.
  let lastTime: unknown;
  let lastMs: number | null = null;
  for (const event of transcript.events) {
    const time = (event as { time?: unknown }).time;
    if (typeof time === 'string' && time !== lastTime) {
      lastTime = time;
      lastMs = isoMillis(time);
    }
    if (typeof time !== 'string' || lastMs === null) {
      items.push(intern(JSON.stringify(event)), null);
      continue;
    }
    if (Number.isNaN(base)) base = lastMs;
    const { time: _time, ...rest } = event as { time: string };
    items.push(intern(JSON.stringify(rest)), lastMs - base);
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
