import type { LineEvent, TranscriptEvent, TranscriptHub } from '../protocols/transcript.js';

/**
 * Ties the lesson's client connections to the server's own transcript: the server knows
 * the session state after each line and explains each line from its knowledge table.
 * A connection is found by its local port (the server sees it as the remote port).
 */
export class HubLink {
  private readonly sessionByPort = new Map<number, string>();
  private readonly queues = new Map<string, LineEvent[]>();
  private readonly detach: () => void;

  constructor(hub: TranscriptHub) {
    this.detach = hub.add((event) => this.onEvent(event));
  }

  private onEvent(event: TranscriptEvent): void {
    if (event.event === 'connect') {
      const port = Number(event.remote.slice(event.remote.lastIndexOf(':') + 1));
      if (Number.isInteger(port)) this.sessionByPort.set(port, event.session);
      this.queues.set(event.session, []);
      return;
    }
    if (event.event === 'line') this.queues.get(event.session)?.push(event);
  }

  /** Every line event of the connection from `localPort` since the last call. */
  take(localPort: number): LineEvent[] {
    const session = this.sessionByPort.get(localPort);
    if (session === undefined) return [];
    const queue = this.queues.get(session) ?? [];
    this.queues.set(session, []);
    return queue;
  }

  close(): void {
    this.detach();
  }
}
