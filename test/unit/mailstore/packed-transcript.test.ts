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

  it('keeps one copy of the bytes for every recipient, each read its own copy', async () => {
    const store = new MemoryStore();
    await store.deliver({ from: 'a@b', to: ['bob@b', 'carol@b'] }, Buffer.from('Subject: s\r\n\r\nx\r\n'));
    const bob = await store.read('bob', 'INBOX', 1);
    bob.fill(0x41);
    expect((await store.read('carol', 'INBOX', 1)).toString()).toBe('Subject: s\r\n\r\nx\r\n');
    expect((await store.read('bob', 'INBOX', 1)).toString()).toBe('Subject: s\r\n\r\nx\r\n');
  });
});
