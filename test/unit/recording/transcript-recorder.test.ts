import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/mailstore/memory.js';
import { recordedTranscript, transcriptRecorder, type RecordedTranscript } from '../../../src/recording/transcript-recorder.js';
import { TRANSCRIPT_MAX_MESSAGE_EVENTS } from '../../../src/limits.js';
import type { LineEvent, TranscriptEvent } from '../../../src/protocols/transcript.js';

/** The recorder alone, fed events as a server emits them. */
function recorder() {
  const saved = new Map<string, RecordedTranscript>();
  // The store keeps events as opaque records; here they are read back as what the recorder gave.
  const sink = transcriptRecorder({ saveTranscript: async (id, t) => void saved.set(id, { lang: t.lang, events: t.events as TranscriptEvent[] }) }, 'en');
  const line = (session: string, direction: 'client' | 'server', text: string, extra: Partial<LineEvent> = {}): void =>
    sink({ event: 'line', protocol: 'smtp', session, port: 1, direction, text, state: 'X', time: 't', ...extra });
  const message = (session: string, id: string): void => sink({ event: 'message', protocol: 'smtp', session, ids: [id], from: 'a@x', to: ['b@x'], size: 1 });
  return { saved, sink, line, message };
}

const texts = (t: RecordedTranscript | undefined) => (t?.events ?? []).filter((e): e is LineEvent => e.event === 'line').map((e) => `${e.direction[0]}:${e.text}`);

describe('transcriptRecorder', () => {
  it('saves at the reply that acknowledges the message: the setup, then that transaction only', () => {
    const r = recorder();
    r.line('s1', 'server', '220 hi');
    r.line('s1', 'client', 'EHLO me');
    r.line('s1', 'client', 'MAIL FROM:<a@x>');
    r.line('s1', 'client', '.');
    r.message('s1', 'aaa111');
    expect(r.saved.has('aaa111')).toBe(false);
    r.line('s1', 'server', '250 2.0.0 Ok: queued as Q1');
    expect(texts(r.saved.get('aaa111'))).toEqual(['s:220 hi', 'c:EHLO me', 'c:MAIL FROM:<a@x>', 'c:.', 's:250 2.0.0 Ok: queued as Q1']);
    r.line('s1', 'client', 'MAIL FROM:<c@x>');
    r.message('s1', 'bbb222');
    r.line('s1', 'server', '250 2.0.0 Ok: queued as Q2');
    expect(texts(r.saved.get('bbb222'))).toEqual(['s:220 hi', 'c:EHLO me', 'c:MAIL FROM:<c@x>', 's:250 2.0.0 Ok: queued as Q2']);
  });

  it('masks credentials always, and ignores other protocols', () => {
    const r = recorder();
    r.line('s1', 'client', 'AUTH PLAIN AGFsaWNlAGh1bnRlcjI=', { secret: true, decoded: '\\0alice\\0hunter2' });
    r.sink({ event: 'line', protocol: 'pop3', session: 'p1', port: 1, direction: 'client', text: 'PASS hunter2', state: 'X', time: 't' });
    r.line('s1', 'client', 'MAIL FROM:<a@x>');
    r.message('s1', 'aaa111');
    r.line('s1', 'server', '250 ok');
    const kept = JSON.stringify(r.saved.get('aaa111'));
    expect(kept).toContain('AUTH PLAIN ****');
    expect(kept).not.toContain('hunter2');
    expect(kept).not.toContain('AGFsaWNlAGh1bnRlcjI');
  });

  it('keeps a transaction bounded: the last events, not all of them', () => {
    const r = recorder();
    r.line('s1', 'client', 'MAIL FROM:<a@x>');
    for (let i = 0; i < TRANSCRIPT_MAX_MESSAGE_EVENTS + 50; i++) r.line('s1', 'client', `RCPT TO:<r${i}@x>`);
    r.message('s1', 'aaa111');
    r.line('s1', 'server', '250 ok');
    const events = r.saved.get('aaa111')?.events as TranscriptEvent[];
    expect(events).toHaveLength(TRANSCRIPT_MAX_MESSAGE_EVENTS);
    expect(texts(r.saved.get('aaa111')).at(-1)).toBe('s:250 ok');
  });

  it('a connection dropped before the reply still leaves what there was', () => {
    const r = recorder();
    r.line('s1', 'client', 'MAIL FROM:<a@x>');
    r.message('s1', 'aaa111');
    r.sink({ event: 'disconnect', protocol: 'smtp', session: 's1', remote: '127.0.0.1:1', reason: 'dropped' });
    expect(r.saved.get('aaa111')?.events.at(-1)).toMatchObject({ event: 'disconnect' });
  });

  it('what a store keeps reads back as the transcript events it was saved from', async () => {
    const store = new MemoryStore();
    const [delivered] = await store.deliver({ from: 'a@x', to: ['b@x'] }, Buffer.from('Subject: t\r\n\r\nhi\r\n'));
    const id = delivered!.meta.id;
    const sink = transcriptRecorder(store, 'ja');
    sink({ event: 'line', protocol: 'smtp', session: 's1', port: 1, direction: 'client', text: 'MAIL FROM:<a@x>', state: 'X', time: 't' });
    sink({ event: 'message', protocol: 'smtp', session: 's1', ids: [id], from: 'a@x', to: ['b@x'], size: 1 });
    sink({ event: 'line', protocol: 'smtp', session: 's1', port: 1, direction: 'server', text: '250 ok', state: 'X', time: 't' });
    const kept = await recordedTranscript(store, id);
    expect(kept?.lang).toBe('ja');
    expect(texts(kept ?? undefined)).toEqual(['c:MAIL FROM:<a@x>', 's:250 ok']);
    expect(await recordedTranscript(store, 'ffffffffffff')).toBeNull();
  });
});
