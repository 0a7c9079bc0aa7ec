import type { LineEvent, TranscriptEvent, TranscriptHub } from '../protocols/transcript.js';

/**
 * Ties a client's connections to the lab server's own transcript: the server knows the
 * session state after each line and which knowledge explains it. Every line event names its
 * session and the client's port (the server's remote port), so a connection is found by its
 * local port and its events never mix with another session's, whatever their text.
 */
export interface EventSource {
  /** Every line event of the connection from `localPort` since the last call. */
  take(localPort: number): LineEvent[];
}

/** A session's queue is dropped past this many untaken events (a connection nobody reads). */
const MAX_QUEUED = 10_000;

export class HubLink implements EventSource {
  /** The session last seen on each client port (a port the OS reuses maps to the newer session). */
  private readonly sessionByPort = new Map<number, string>();
  private readonly queues = new Map<string, LineEvent[]>();
  private readonly detach: () => void;

  constructor(hub: TranscriptHub) {
    this.detach = hub.add((event) => this.onEvent(event));
  }

  private onEvent(event: TranscriptEvent): void {
    if (event.event === 'disconnect') {
      // Lines still queued stay takeable; a session that never had one is forgotten.
      if (this.queues.get(event.session)?.length === 0) this.queues.delete(event.session);
      return;
    }
    if (event.event !== 'line') return;
    this.sessionByPort.set(event.port, event.session);
    let queue = this.queues.get(event.session);
    if (!queue) this.queues.set(event.session, (queue = []));
    if (queue.length < MAX_QUEUED) queue.push(event);
  }

  take(localPort: number): LineEvent[] {
    const session = this.sessionByPort.get(localPort);
    if (session === undefined) return [];
    const queue = this.queues.get(session);
    if (!queue || queue.length === 0) return [];
    this.queues.set(session, []);
    return queue;
  }

  close(): void {
    this.detach();
  }
}
