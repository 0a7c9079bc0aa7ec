import { describe, expect, it } from 'vitest';
import { stepEvents } from '../../../src/protocols/step-events.js';
import { TranscriptHub, heard, type TranscriptEvent } from '../../../src/protocols/transcript.js';
import { session as httpSession } from '../http/fixtures.js';

const where = { protocol: 'http' as const, session: httpSession(), port: 4000, secure: false };
const frame = { kind: 'line' as const, line: Buffer.from('GET / HTTP/1.1'), crlf: true };
const step = { out: ['HTTP/1.1 200 OK', 'Content-Length: 2', '', { raw: Buffer.from('ok'), summary: '[body: 2 octets]' }], client: { text: 'GET / HTTP/1.1' } };

describe('stepEvents and a hub nobody listens to', () => {
  it('a hub without listeners is not heard; with one it is, from the next step on', () => {
    const hub = new TranscriptHub();
    expect(heard(hub.emit)).toBe(false);
    const off = hub.add(() => undefined);
    expect(heard(hub.emit)).toBe(true);
    off();
    expect(heard(hub.emit)).toBe(false);
    // Any other sink (a plain function) is always heard.
    expect(heard(() => undefined)).toBe(true);
    expect(heard(undefined)).toBe(false);
  });

  it('writes the same bytes whether or not anyone listens, and builds events only for a listener', () => {
    const hub = new TranscriptHub();
    const quiet = Buffer.concat(stepEvents(hub.emit, where, step, frame));
    const events: TranscriptEvent[] = [];
    hub.add((e) => events.push(e));
    const loud = Buffer.concat(stepEvents(hub.emit, where, step, frame));
    expect(quiet.toString()).toBe('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    expect(loud.equals(quiet)).toBe(true);
    expect(events.map((e) => (e.event === 'line' ? `${e.direction} ${e.text}` : e.event))).toEqual([
      'client GET / HTTP/1.1',
      'server HTTP/1.1 200 OK',
      'server Content-Length: 2',
      'server ',
      'server [body: 2 octets]',
    ]);
  });
});

describe('HttpSession.lineNow', () => {
  it('handles the request line and field lines at once; only the empty line waits for the app', async () => {
    const s = httpSession();
    const crlf = { crlf: true };
    expect(s.lineNow(Buffer.from('GET / HTTP/1.1'), crlf)).not.toBeInstanceOf(Promise);
    expect(s.lineNow(Buffer.from('Host: a'), crlf)).not.toBeInstanceOf(Promise);
    const last = s.lineNow(Buffer.from(''), crlf);
    expect(last).toBeInstanceOf(Promise);
    expect((await last).out[0]).toBe('HTTP/1.1 200 OK');
  });

  it('a bad field line is refused at once, with 400 and a close', () => {
    const s = httpSession();
    s.lineNow(Buffer.from('GET / HTTP/1.1'), { crlf: true });
    const step = s.lineNow(Buffer.from('Host : a'), { crlf: true });
    expect(step).not.toBeInstanceOf(Promise);
    expect((step as { out: unknown[]; close?: boolean }).out[0]).toBe('HTTP/1.1 400 Bad Request');
    expect((step as { close?: boolean }).close).toBe(true);
  });
});
