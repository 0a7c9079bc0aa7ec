import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { loadLabCertificate, type LabCertificate } from '../../src/tls/lab-cert.js';
import { SocketReader } from './socket-reader.js';

/**
 * Shared by the TLS tests: a lab certificate made once in a temporary directory, and a raw
 * line client that can upgrade its own socket to TLS the way a real client does after
 * STARTTLS/STLS (trusting only the lab certificate).
 */
export interface TlsFixture {
  cert: LabCertificate;
  /** What a server takes as its `tls` option. */
  pair: { cert: string; key: string };
  dir: string;
}

/** The lab certificate made in `dir` (a scratch() dir: it goes with the dir). */
export async function makeTlsFixture(dir: string): Promise<TlsFixture> {
  const cert = await loadLabCertificate({ dir });
  return { cert, pair: { cert: cert.cert, key: cert.key }, dir };
}

export class LineClient extends SocketReader {
  /** Set once the client's side of the handshake is done. */
  tls: TLSSocket | null = null;

  private constructor(
    socket: Socket,
    private readonly ca: string,
  ) {
    super(socket);
  }

  static open(port: number, ca: string, opts: { implicit?: boolean } = {}): Promise<LineClient> {
    return new Promise((resolve, reject) => {
      if (opts.implicit) {
        const s = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
          const c = new LineClient(s, ca);
          c.tls = s;
          resolve(c);
        });
        s.once('error', reject);
        return;
      }
      const s = netConnect({ host: '127.0.0.1', port }, () => resolve(new LineClient(s, ca)));
      s.once('error', reject);
    });
  }

  send(text: string): void {
    this.socket.write(text);
  }

  /** Lines up to and including the first that `last` accepts (5 s at most). */
  async until(last: (line: string) => boolean): Promise<string[]> {
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const lines = this.text.split('\r\n');
      const end = lines.findIndex((l, i) => i < lines.length - 1 && last(l));
      if (end >= 0) {
        this.text = lines.slice(end + 1).join('\r\n');
        return lines.slice(0, end + 1);
      }
      if (this.closed) throw new Error(`closed; got ${JSON.stringify(this.text)}`);
      await this.pause(200);
    }
    throw new Error(`no matching line; got ${JSON.stringify(this.text)}`);
  }

  /** The client side of the handshake over the same TCP connection, checking the lab certificate. */
  upgrade(): Promise<TLSSocket> {
    const raw = this.socket;
    raw.removeAllListeners('data');
    raw.removeAllListeners('close');
    return new Promise((resolve, reject) => {
      const s = tlsConnect({ socket: raw, ca: this.ca, servername: 'localhost' }, () => {
        this.socket = s;
        this.tls = s;
        this.attach(s);
        resolve(s);
      });
      s.once('error', reject);
    });
  }

  /** What arrived and was not read yet. */
  get pending(): string {
    return this.text;
  }

  close(): void {
    this.socket.destroy();
  }
}

export const smtpEnd = (l: string) => /^\d{3}( |$)/.test(l);
