// A raw TCP client for the benchmarks: it buffers what the server sends and hands back whole
// replies, as decided by a protocol-specific `done(buf)` test. POP3 and IMAP subclass it with
// their own reply framing. Only 127.0.0.1 is ever a target; every wait is bounded in time.
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

export const HOST = '127.0.0.1';
/** How long one reply may take before the run fails rather than hangs. */
export const IO_TIMEOUT_MS = 30_000;

/** Length of the first CRLF-terminated line in `b` (CRLF included), or 0 if none yet. */
export function lineLength(b) {
  const i = b.indexOf('\r\n');
  return i < 0 ? 0 : i + 2;
}

export class LineClient {
  constructor(socket) {
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    this.wake = null;
    this.ended = false;
    socket.on('data', (d) => {
      this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
      this.wake?.();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake?.();
    });
    socket.on('error', () => undefined);
  }

  /** Connect to 127.0.0.1:port with Nagle off; resolves with an instance of the calling class. */
  static open(port) {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: HOST, port });
      socket.setNoDelay(true);
      socket.once('connect', () => resolve(new this(socket)));
      socket.once('error', reject);
    });
  }

  /** Wait until `done(buf)` returns a length, then take that many bytes (as a Buffer). */
  async take(done) {
    const deadline = performance.now() + IO_TIMEOUT_MS;
    for (;;) {
      const n = done(this.buf);
      if (n > 0) {
        const reply = this.buf.subarray(0, n);
        this.buf = this.buf.subarray(n);
        return reply;
      }
      if (this.ended) throw new Error('the server closed the connection');
      const left = deadline - performance.now();
      if (left <= 0) throw new Error('no reply in time');
      await new Promise((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          this.wake = null;
          resolve();
        };
      });
    }
  }

  /** The next CRLF-terminated line, decoded as latin1 (a greeting or a one-line reply). */
  async line() {
    return (await this.take(lineLength)).toString('latin1');
  }

  close() {
    this.socket.destroy();
  }
}
