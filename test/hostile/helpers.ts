import type { Socket } from 'node:net';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { expect } from 'vitest';
import { startLab, type Lab, type LabOptions } from '../../src/lab.js';
import type { Protocol } from '../../src/protocol.js';
import { connectLoopback, SocketReader } from '../support/socket-reader.js';

/**
 * Shared by the hostile-input tests: a raw client over a real socket on 127.0.0.1 (exact
 * bytes out, text in, every wait bounded), a lab tracker closed after each test, and the
 * check each case ends with: a fresh session on every server is still served.
 */
export class Raw extends SocketReader {
  static async open(port: number, opts: { read?: boolean } = {}): Promise<Raw> {
    const s = await connectLoopback(port, (sock) => {
      openSockets.add(sock);
      sock.on('close', () => openSockets.delete(sock));
    });
    const raw = new Raw(s);
    if (opts.read === false) s.pause();
    return raw;
  }

  /** Wait until the received text (from `from`) matches; throws after `ms` or on close. */
  async until(needle: string | RegExp, ms = 5_000, from = 0): Promise<string> {
    const deadline = Date.now() + ms;
    const found = () => {
      const t = this.text.slice(from);
      return typeof needle === 'string' ? t.includes(needle) : needle.test(t);
    };
    while (!found()) {
      if (this.closed) throw new Error(`closed while waiting for ${String(needle)}; got ${JSON.stringify(this.text.slice(-400))}`);
      if (Date.now() > deadline) throw new Error(`no ${String(needle)} in ${ms} ms; got ${JSON.stringify(this.text.slice(-400))}`);
      await this.pause(50);
    }
    return this.text;
  }

  /** Take everything received so far, so the next wait starts clean. */
  take(): string {
    const t = this.text;
    this.text = '';
    return t;
  }

  write(data: string | Buffer): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** Write and wait for the socket to accept it all (respects backpressure). */
  async writeAll(data: Buffer): Promise<void> {
    if (!this.socket.write(data)) await new Promise<void>((resolve) => this.socket.once('drain', resolve));
  }

  /** The next whole SMTP reply (lines up to `ddd ` ), consumed. */
  async smtp(ms = 5_000): Promise<string> {
    const re = /^(?:\d{3}-[^\r\n]*\r\n)*\d{3}(?: [^\r\n]*)?\r\n/;
    await this.until(re, ms);
    const m = re.exec(this.text) as RegExpExecArray;
    this.text = this.text.slice(m[0].length);
    return m[0];
  }

  /** Send one SMTP command line and return its whole reply. */
  async smtpCmd(line: string): Promise<string> {
    this.write(`${line}\r\n`);
    return this.smtp();
  }

  /** The next CRLF-ended line, consumed (POP3 single-line replies, IMAP greetings). */
  async line(ms = 5_000): Promise<string> {
    await this.until('\r\n', ms);
    const i = this.text.indexOf('\r\n');
    const l = this.text.slice(0, i);
    this.text = this.text.slice(i + 2);
    return l;
  }

  async pop(line: string): Promise<string> {
    this.write(`${line}\r\n`);
    return this.line();
  }

  /** Send an IMAP command; returns every line up to and including its tagged status, consumed. */
  async imap(tag: string, rest: string, ms = 5_000): Promise<string> {
    this.write(`${tag} ${rest}\r\n`);
    return this.imapTagged(tag, ms);
  }

  async imapTagged(tag: string, ms = 5_000): Promise<string> {
    const re = new RegExp(`(?:^|\\r\\n)${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} [^\\r\\n]*\\r\\n`);
    await this.until(re, ms);
    const m = re.exec(this.text) as RegExpExecArray;
    const end = m.index + m[0].length;
    const out = this.text.slice(0, end);
    this.text = this.text.slice(end);
    return out;
  }

  /** Resolves once the server has closed the connection (bounded). */
  async gone(ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.closed && Date.now() < deadline) await this.pause(50);
    if (!this.closed) throw new Error(`still open after ${ms} ms; got ${JSON.stringify(this.text.slice(-300))}`);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

const openSockets = new Set<Socket>();
const labs: Lab[] = [];

/** Call from afterEach: destroy every test socket, close every lab. */
export async function cleanup(): Promise<void> {
  for (const s of openSockets) s.destroy();
  openSockets.clear();
  await Promise.all(labs.splice(0).map((l) => l.close()));
}

export async function lab(opts: LabOptions = {}): Promise<Lab> {
  const l = await startLab({ host: '127.0.0.1', ...opts });
  labs.push(l);
  return l;
}

export function portOf(l: Lab, p: Protocol): number {
  const a = l.endpoints[p];
  if (!a) throw new Error(`${p} is not running`);
  return a.port;
}

/** A fresh session on each running server gets its greeting and a normal answer. */
export async function othersServed(l: Lab): Promise<void> {
  const checks: Array<Promise<void>> = [];
  if (l.endpoints.smtp) {
    checks.push(
      (async () => {
        const c = await Raw.open(portOf(l, 'smtp'));
        expect(await c.smtp()).toMatch(/^220 /);
        expect(await c.smtpCmd('EHLO other.example')).toMatch(/^250-/);
        expect(await c.smtpCmd('NOOP')).toMatch(/^250 /);
        expect(await c.smtpCmd('QUIT')).toMatch(/^221 /);
        c.destroy();
      })(),
    );
  }
  if (l.endpoints.pop3) {
    checks.push(
      (async () => {
        const c = await Raw.open(portOf(l, 'pop3'));
        expect(await c.line()).toMatch(/^\+OK /);
        expect(await c.pop('NOOP')).toMatch(/^-ERR/); // wrong state, but answered
        expect(await c.pop('QUIT')).toMatch(/^\+OK/);
        c.destroy();
      })(),
    );
  }
  if (l.endpoints.imap) {
    checks.push(
      (async () => {
        const c = await Raw.open(portOf(l, 'imap'));
        expect(await c.line()).toMatch(/^\* OK /);
        expect(await c.imap('z1', 'NOOP')).toMatch(/z1 OK/);
        expect(await c.imap('z2', 'LOGOUT')).toMatch(/z2 OK/);
        c.destroy();
      })(),
    );
  }
  await Promise.all(checks);
}

/** A real garbage collector, so heap measurements count only what is still referenced. */
export function gcNow(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g();
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Live memory of this process (heap plus Buffers), after a full collection. */
export function liveBytes(): number {
  gcNow();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
