import type { Socket } from 'node:net';
import { SocketReader } from './socket-reader.js';

/**
 * A raw HTTP client for the socket tests: writes bytes as given (pipelined, trickled, broken)
 * and waits, bounded, until what it has read satisfies a test or the server closes.
 */
export class HttpReader extends SocketReader {
  constructor(socket: Socket) {
    super(socket);
  }

  send(text: string): void {
    this.socket.write(text);
  }

  /** How many responses have arrived so far (status lines at the start of a message). */
  get statuses(): number[] {
    return [...this.text.matchAll(/(?:^|\n)HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
  }

  /** Wait until `done(text)` or the socket closes, at most `ms` (then return what there is). */
  async until(done: (text: string) => boolean, ms = 5000): Promise<string> {
    const deadline = Date.now() + ms;
    while (!done(this.text) && !this.closed && Date.now() < deadline) await this.pause(deadline - Date.now());
    return this.text;
  }
}
