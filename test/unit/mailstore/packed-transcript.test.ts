import { describe, expect, it } from 'vitest';
import { packTranscript, unpackTranscript } from '../../../src/mailstore/packed-transcript.js';
import { MemoryStore } from '../../../src/mailstore/memory.js';

const line = (direction: string, text: string, time: string) => ({ event: 'line', protocol: 'smtp', session: 'smtp-7', port: 40000, direction, text, state: 'GREETED', knowledge: { key: 'k', params: { n: 1 } }, time });

describe('packed transcripts (the memory store keeps them small)', () => {
  it('gives back every event as it was saved: times, events without one, nested values', () => {
    const events = [
      { event: 'connect', protocol: 'smtp', session: 'smtp-7', remote: '127.0.0.1:40000' },
      line('server', '220 hi', '2026-01-02T03:04:05.006Z'),
      line('client', 'EHLO x', '2026-01-02T03:04:05.999Z'),
      line('server', '250 ok', '2026-01-02T03:04:05.999Z'),
      { event: 'message', protocol: 'smtp', session: 'smtp-7', ids: ['abc'], from: 'a@b', to: ['c@d', 'é@d'], size: 12 },
      line('server', '250 queued', '2026-01-03T00:00:00.000Z'),
    ];
    expect(unpackTranscript(packTranscript({ lang: 'ja', events }))).toEqual({ lang: 'ja', events });
  });

  it('packs the transcripts of one session that share their setup events, each as it was saved', () => {
    const head = [line('server', '220 hi', '2026-01-02T03:04:05.006Z'), line('client', 'EHLO x', '2026-01-02T03:04:05.010Z')];
    const first = [...head, line('client', 'MAIL FROM:<a@b>', '2026-01-02T03:04:06.000Z'), line('server', '250 one', '2026-01-02T03:04:06.000Z')];
    const second = [...head, line('client', 'MAIL FROM:<c@d>', '2026-01-02T03:04:07.000Z')];
    const shorter = [head[0]!];
    const packed = [first, second, shorter, first].map((events) => packTranscript({ lang: 'en', events }));
    expect(packed.map((p) => unpackTranscript(p).events)).toEqual([first, second, shorter, first]);
  });

  it('gives back each message of a session whose lines differ only in an id or a size, and texts holding U+0001', () => {
    const head = [line('server', '220 hi', '2026-01-02T03:04:05.006Z'), line('client', 'EHLO x', '2026-01-02T03:04:05.010Z')];
    const message = (n: number) => [
      ...head,
      { event: 'message', protocol: 'smtp', session: 'smtp-7', ids: [`id${n}0000abcd`], from: 'a@b', to: ['c@d'], size: 2000 + n },
      line('server', `250 2.0.0 Ok: queued as ${(0xabc00 + n).toString(16).toUpperCase()}`, `2026-01-02T03:05:0${n}.000Z`),
      line('client', n === 3 ? 'QUIT \u0001,2,3' : 'QUIT', `2026-01-02T03:05:0${n}.500Z`),
      line('server', n === 2 ? 'a reply that shares nothing with the others at all' : '221 bye', `2026-01-02T03:05:0${n}.501Z`),
    ];
    const sessions = [1, 2, 3, 4, 5].map(message);
    const packed = sessions.map((events) => packTranscript({ lang: 'en', events }));
    expect(packed.map((p) => unpackTranscript(p).events)).toEqual(sessions);
    // Made at its final length: every place holds a string (an array sized too long has holes).
    for (const p of packed) expect(Array.from(p, (slot) => typeof slot)).toEqual(new Array(p.length).fill('string'));
  });

  it('tells apart events of one session that differ only deep inside, in key order, or in a value that is not plain JSON', () => {
    const head = line('server', '220 hi', '2026-01-02T03:04:05.006Z');
    const variants: object[] = [
      { event: 'x', session: 'smtp-7', knowledge: { key: 'k', params: { list: [1, 2] } }, time: '2026-01-02T03:04:06.000Z' },
      { event: 'x', session: 'smtp-7', knowledge: { key: 'k', params: { list: [1, 2] } }, time: '2026-01-02T03:04:07.000Z' },
      { event: 'x', session: 'smtp-7', knowledge: { key: 'k', params: { list: [1, 3] } }, time: '2026-01-02T03:04:08.000Z' },
      { session: 'smtp-7', event: 'x', knowledge: { key: 'k', params: { list: [1, 3] } }, time: '2026-01-02T03:04:09.000Z' },
      { session: 'smtp-7', event: 'x', knowledge: { key: 'k', params: { list: [1, 3] } }, time: 'not a time' },
      { session: 'smtp-7', event: 'x', knowledge: { key: 'k', params: { list: [1, 3] } }, at: new Date(5), time: '2026-01-02T03:04:10.000Z' },
      { session: 'smtp-7', event: 'x', knowledge: { key: 'k', params: { list: [1, 3] } }, at: new Date(6), time: '2026-01-02T03:04:11.000Z' },
    ];
    const saved = variants.map((v) => [head, v]);
    const packed = saved.map((events) => packTranscript({ lang: 'en', events }));
    expect(packed.map((p) => unpackTranscript(p).events)).toEqual(JSON.parse(JSON.stringify(saved)));
  });

  it('keeps a time that is not in toISOString form as it was written', () => {
    const events = [line('server', '220 hi', '2026-01-02 03:04:05'), line('client', 'QUIT', 'yesterday')];
    expect(unpackTranscript(packTranscript({ lang: 'en', events })).events).toEqual(events);
  });

  it('hands out fresh objects: changing what was saved or what came back changes nothing kept', async () => {
    const store = new MemoryStore();
    const [d] = await store.deliver({ from: 'a@b', to: ['bob@b'] }, Buffer.from('Subject: a\r\n\r\nx\r\n'));
    const id = d!.meta.id;
    const event = line('client', 'MAIL FROM:<a@b>', '2026-01-02T03:04:05.006Z');
    await store.saveTranscript(id, { lang: 'en', events: [event] });
    event.text = 'changed';
    const back = await store.transcript(id);
    expect(back?.events).toEqual([{ ...event, text: 'MAIL FROM:<a@b>' }]);
    (back?.events[0] as { text: string }).text = 'changed again';
    expect(((await store.transcript(id))?.events[0] as { text: string }).text).toBe('MAIL FROM:<a@b>');
  });

  it('keeps every octet as it was given, 8-bit and NUL included', async () => {
    const store = new MemoryStore();
    const raw = Buffer.concat([Buffer.from('Subject: all octets\r\n\r\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\r\n')]);
    const [d] = await store.deliver({ from: 'a@b', to: ['bob@b'] }, raw);
    expect(d!.meta.size).toBe(raw.length);
    expect((await store.read('bob', 'INBOX', 1)).equals(raw)).toBe(true);
    const appended = await store.append('bob', 'INBOX', raw);
    expect((await store.read('bob', 'INBOX', appended.uid)).equals(raw)).toBe(true);
  });

  it('gives back every message as it was stored, many small ones side by side and large ones, after others are removed', async () => {
    const store = new MemoryStore();
    const body = (i: number, size: number) => Buffer.from(`Subject: m${i}\r\n\r\n${String(i % 10).repeat(size)}\r\n`);
    const sizes = Array.from({ length: 700 }, (_, i) => (i === 350 ? 300_000 : i === 351 ? 2_000_000 : 1500 + (i % 7) * 100));
    for (const [i, size] of sizes.entries()) await store.deliver({ from: 'a@b', to: ['bob@b'] }, body(i, size));
    await store.remove('bob', 'INBOX', [1, 2, 3, 352]);
    const left = await store.list('bob', 'INBOX');
    expect(left).toHaveLength(696);
    for (const meta of left) {
      const want = body(meta.uid - 1, sizes[meta.uid - 1]!);
      expect(meta.size).toBe(want.length);
      expect((await store.read('bob', 'INBOX', meta.uid)).equals(want)).toBe(true);
    }
  });

  it('keeps one copy of the bytes for every recipient, each read its own copy', async () => {
    const store = new MemoryStore();
    await store.deliver({ from: 'a@b', to: ['bob@b', 'carol@b'] }, Buffer.from('Subject: s\r\n\r\nx\r\n'));
    const bob = await store.read('bob', 'INBOX', 1);
    bob.fill(0x41);
    expect((await store.read('carol', 'INBOX', 1)).toString()).toBe('Subject: s\r\n\r\nx\r\n');
    expect((await store.read('bob', 'INBOX', 1)).toString()).toBe('Subject: s\r\n\r\nx\r\n');
  });
});
