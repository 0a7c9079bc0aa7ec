import type { LineEvent } from '../protocols/transcript.js';
import type { EventSource } from './hub-link.js';

/**
 * One client connection's side of the conversation: each line it sent and each line it
 * received, paired with the server's transcript event for it. Events come from the session
 * the connection's port names (hub-link.ts), and pair by position, never by comparing text:
 * - a reply line takes the next server event; an event the server sent as one summarised
 *   chunk (a message body, a literal) covers its `wireLines` lines, and explains none of them
 *   (its summary is not what the wire shows). Events whose lines have not been read yet (a
 *   wait that stopped at the line it was looking for) wait for the next exchange.
 * - a sent line takes the next client event. Message content (SMTP DATA lines, IMAP literal
 *   lines) may have none: the server reads a literal as one count of octets and may keep DATA
 *   lines out of its transcript. When fewer events came than lines were sent, the events go
 *   to the other lines (the command, the final dot) and content lines get none.
 */
export interface SentLine {
  text: string;
  /** Part of a message the server may read without an event per line (see above). */
  content?: boolean;
}

export interface Paired {
  client: Array<LineEvent | undefined>;
  server: Array<LineEvent | undefined>;
  /** The session state after the last paired line (null: no event, or not the lab). */
  state: string | null;
}

/** A message's lines as sent: content, then the final dot (RFC 5321 4.1.1.4) that ends it. */
export function messageLines(wire: readonly string[]): SentLine[] {
  return wire.map((text, i) => (i < wire.length - 1 ? { text, content: true } : { text }));
}

/** Bounded: server events still waiting for their lines (a client that stopped reading). */
const MAX_WAITING = 10_000;

export class Conversation {
  /** Server events whose lines have not been received yet. */
  private waiting: LineEvent[] = [];
  /** Lines still to come of a summarised chunk whose event is already used. */
  private chunkLeft = 0;

  /** `source` null: not the lab, no events (a server the user named). */
  constructor(
    private readonly source: EventSource | null,
    private readonly localPort: () => number,
  ) {}

  /** Pair one exchange: the lines sent (none for a greeting or a push) and the lines received. */
  pair(sent: ReadonlyArray<string | SentLine>, received: readonly string[]): Paired {
    const events = this.source?.take(this.localPort()) ?? [];
    const lines = sent.map((l) => (typeof l === 'string' ? { text: l } : l));
    const client = pairClient(lines, events.filter((e) => e.direction === 'client'));
    this.waiting.push(...events.filter((e) => e.direction === 'server'));
    const server = this.pairServer(received.length);
    const last = [...client, ...server].reverse().find((e) => e !== undefined && e.state !== '');
    return { client, server, state: last?.state ?? null };
  }

  /** Forget what the server said so far: lines this conversation never saw (read elsewhere). */
  skip(): void {
    this.source?.take(this.localPort());
    this.waiting = [];
    this.chunkLeft = 0;
  }

  private pairServer(count: number): Array<LineEvent | undefined> {
    const out: Array<LineEvent | undefined> = [];
    let used = 0;
    for (;;) {
      // Lines of a summarised chunk (perhaps begun in an earlier, cut-short reply) have no event of their own.
      for (; this.chunkLeft > 0 && out.length < count; this.chunkLeft--) out.push(undefined);
      if (out.length >= count || used >= this.waiting.length) break;
      const event = this.waiting[used++] as LineEvent;
      if (event.wireLines === undefined) out.push(event);
      else this.chunkLeft = event.wireLines;
    }
    this.waiting = this.waiting.slice(used, used + MAX_WAITING);
    while (out.length < count) out.push(undefined);
    return out;
  }
}

function pairClient(lines: readonly SentLine[], events: readonly LineEvent[]): Array<LineEvent | undefined> {
  if (events.length >= lines.length) return lines.map((_, i) => events[i]);
  let next = 0;
  return lines.map((l) => (l.content ? undefined : events[next++]));
}
