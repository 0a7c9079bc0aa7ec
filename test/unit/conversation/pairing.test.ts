import { describe, expect, it } from 'vitest';
import { HubLink } from '../../../src/conversation/hub-link.js';
import { Conversation, messageLines } from '../../../src/conversation/pairing.js';
import { TranscriptHub, type Direction, type LineEvent } from '../../../src/protocols/transcript.js';

/** Pairing a connection's lines with the server's events: by session and port, then by position. */
function line(session: string, port: number, direction: Direction, text: string, extra: Partial<LineEvent> = {}): LineEvent {
  return { event: 'line', protocol: 'pop3', session, port, direction, text, state: 'TRANSACTION', knowledge: { key: `${session}: ${text}` }, time: 't', ...extra };
}

function setup() {
  const hub = new TranscriptHub();
  const link = new HubLink(hub);
  const talk = (port: number) => new Conversation(link, () => port);
  return { hub, link, talk };
}

describe('events of one connection', () => {
  it('two sessions whose lines have equal text stay apart, each found by its client port', () => {
    const { hub, talk } = setup();
    const a = talk(40001);
    const b = talk(40002);
    for (const [session, port] of [['pop3-1', 40001], ['pop3-2', 40002]] as const) {
      hub.emit({ event: 'connect', protocol: 'pop3', session, remote: `127.0.0.1:${port}` });
      hub.emit(line(session, port, 'server', '+OK ready'));
    }
    expect(a.pair([], ['+OK ready']).server.map((e) => e?.session)).toEqual(['pop3-1']);
    const second = b.pair([], ['+OK ready']);
    expect(second.server.map((e) => e?.knowledge?.key)).toEqual(['pop3-2: +OK ready']);
    hub.emit(line('pop3-2', 40002, 'client', 'STAT'));
    hub.emit(line('pop3-1', 40001, 'client', 'STAT'));
    hub.emit(line('pop3-1', 40001, 'server', '+OK 1 10'));
    hub.emit(line('pop3-2', 40002, 'server', '+OK 1 10'));
    const fromA = a.pair(['STAT'], ['+OK 1 10']);
    const fromB = b.pair(['STAT'], ['+OK 1 10']);
    expect([...fromA.client, ...fromA.server].map((e) => e?.session)).toEqual(['pop3-1', 'pop3-1']);
    expect([...fromB.client, ...fromB.server].map((e) => e?.session)).toEqual(['pop3-2', 'pop3-2']);
  });

  it('a port the OS gives out again belongs to the newer session', () => {
    const { hub, link } = setup();
    hub.emit(line('pop3-1', 40001, 'server', '+OK old'));
    expect(link.take(40001).map((e) => e.session)).toEqual(['pop3-1']);
    hub.emit(line('pop3-7', 40001, 'server', '+OK new'));
    expect(link.take(40001).map((e) => e.session)).toEqual(['pop3-7']);
    expect(link.take(40009)).toEqual([]);
  });
});

describe('lines and events by position', () => {
  it('pairs equal lines one by one, never one event twice', () => {
    const { hub, talk } = setup();
    const c = talk(1);
    hub.emit(line('s', 1, 'server', '.', { knowledge: { key: 'first' } }));
    expect(c.pair([], ['.', '.']).server.map((e) => e?.knowledge?.key ?? null)).toEqual(['first', null]);
  });

  it('a summarised chunk covers its wire lines and explains none of them; the state is the last line’s', () => {
    const { hub, talk } = setup();
    const c = talk(1);
    hub.emit(line('s', 1, 'client', 'RETR 1'));
    hub.emit(line('s', 1, 'server', '+OK 12 octets', { knowledge: { key: 'follows' } }));
    hub.emit(line('s', 1, 'server', '[message 1: 12 octets]', { wireLines: 2 }));
    hub.emit(line('s', 1, 'server', '.', { knowledge: { key: 'end' }, state: 'UPDATE' }));
    const paired = c.pair(['RETR 1'], ['+OK 12 octets', 'Subject: a', '', '.']);
    expect(paired.client.map((e) => e?.text)).toEqual(['RETR 1']);
    expect(paired.server.map((e) => e?.knowledge?.key ?? null)).toEqual(['follows', null, null, 'end']);
    expect(paired.state).toBe('UPDATE');
  });

  it('events whose lines were not read yet wait for the next exchange (a wait that stopped early)', () => {
    const { hub, talk } = setup();
    const c = talk(1);
    hub.emit(line('s', 1, 'server', '* 2 EXISTS', { knowledge: { key: 'exists' } }));
    hub.emit(line('s', 1, 'server', '* 1 RECENT', { knowledge: { key: 'recent' } }));
    expect(c.pair([], ['* 2 EXISTS']).server.map((e) => e?.knowledge?.key)).toEqual(['exists']);
    hub.emit(line('s', 1, 'client', 'DONE'));
    hub.emit(line('s', 1, 'server', 'a OK IDLE terminated', { knowledge: { key: 'done' } }));
    const next = c.pair(['DONE'], ['* 1 RECENT', 'a OK IDLE terminated']);
    expect(next.server.map((e) => e?.knowledge?.key)).toEqual(['recent', 'done']);
    expect(next.client.map((e) => e?.text)).toEqual(['DONE']);
  });

  it('message content the server kept out of its transcript gets no event; the final dot gets its own', () => {
    const { hub, talk } = setup();
    const c = talk(1);
    hub.emit(line('s', 1, 'client', '.', { knowledge: { key: 'end of message' } }));
    const sent = messageLines(['Subject: x', '', '.']);
    expect(sent.map((l) => l.content ?? false)).toEqual([true, true, false]);
    expect(c.pair(sent, []).client.map((e) => e?.knowledge?.key ?? null)).toEqual([null, null, 'end of message']);
  });

  it('without a lab (a server the user named) nothing pairs', () => {
    const c = new Conversation(null, () => 1);
    expect(c.pair(['NOOP'], ['+OK'])).toEqual({ client: [undefined], server: [undefined], state: null });
  });
});
