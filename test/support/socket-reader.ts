import { connect, type Socket } from 'node:net';

/**
 * Collects what a real socket receives as text and lets a subclass sleep until more arrives
 * or the socket closes; the base of the raw line clients the socket tests speak through.
 */
export class SocketReader {
  text = '';
  closed = false;
  private wake: (() => void) | null = null;

  constructor(
    public socket: Socket,
    private readonly encoding: BufferEncoding = 'latin1',
  ) {
    this.attach(socket);
  }

  /** Collect from `socket`: at construction, and again when a TLS upgrade replaces the socket. */
  protected attach(socket: Socket): void {
    socket.on('data', (d: Buffer) => {
      this.text += d.toString(this.encoding);
      this.notify();
    });
    socket.on('close', () => {
      this.closed = true;
      this.notify();
    });
    socket.on('error', () => undefined);
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Sleep until data or close arrives, at most `ms`; the timer never holds the process open. */
  protected pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      setTimeout(resolve, ms).unref();
    });
  }
}

/** A TCP connection to 127.0.0.1:`port`, resolved once connected; `track` sees it at once, for cleanup. */
export function connectLoopback(port: number, track: (s: Socket) => void = () => undefined): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
    track(s);
  });
}
