import { describe, expect, it } from 'vitest';
import { said } from '../../support/dialog.js';
import { StoreWriteError } from '../../../src/mailstore/types.js';
import { SMTP_TEXT_LINE } from '../../../src/limits.js';
import { clientPart, lastCode, makeSession, type Harness } from './fixtures.js';

const ENVELOPE = 'EHLO client.example\r\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n';

async function ready(opts: Parameters<typeof makeSession>[0] = {}): Promise<Harness> {
  const h = makeSession(opts);
  await h.wire.start();
  const replies = await h.wire.send(ENVELOPE);
  expect(lastCode(replies)).toBe('354');
  return h;
}

describe('DATA: the end of the message and dot-stuffing', () => {
  it('stores the content byte for byte and replies 250 only after the store has it', async () => {
    const h = await ready();
    const body = 'From: alice@example.com\r\nSubject: hi\r\nMessage-ID: <x@y>\r\n\r\nHello Bob,\r\n\tindented\r\n\r\nbye\r\n';
    expect(await h.wire.send(`${body}.\r\n`)).toEqual(['250 2.0.0 Ok: queued as Q1']);
    expect(h.store.delivered).toHaveLength(1);
    expect(clientPart(h.store.delivered[0]!.raw).toString('latin1')).toBe(body);
    expect(h.session.state).toBe('GREETED');
  });

  it('undoes dot-stuffing (RFC 5321 4.5.2) at the start of real lines only', async () => {
    const h = await ready();
    await h.wire.send('..hidden\r\n...two\r\n.\tx\r\na.b\r\n.\r\n');
    expect(clientPart(h.store.delivered[0]!.raw).toString()).toBe('.hidden\r\n..two\r\n\tx\r\na.b\r\n');
  });

  it('stores an empty message when the end comes right after DATA', async () => {
    const h = await ready();
    expect(await h.wire.send('.\r\n')).toEqual(['250 2.0.0 Ok: queued as Q1']);
    expect(clientPart(h.store.delivered[0]!.raw).length).toBe(0);
  });

  // SMTP smuggling: each variant holds a second transaction after a fake end-of-data. A
  // server that ended the message at the fake end would store two messages.
  const SMUGGLED = 'MAIL FROM:<evil@attacker.example>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\nsmuggled\r\n';
  it.each([
    ['\\n.\\n', '\n.\n', `Hello\n.\n${SMUGGLED}`],
    ['\\n.\\r\\n', '\n.\r\n', `Hello\n.\r\n${SMUGGLED}`],
    ['\\r\\n.\\n', '\r\n.\n', `Hello\r\n\n${SMUGGLED}`],
    ['\\r\\r\\n.\\r\\n', '\r\r\n.\r\n', `Hello\r\r\n.\r\n${SMUGGLED}`],
    ['\\r.\\r\\n', '\r.\r\n', `Hello\r.\r\n${SMUGGLED}`],
    ['\\r\\n.\\r', '\r\n.\r', `Hello\r\n\r${SMUGGLED}`],
    ['\\r\\n\\0.\\r\\n', '\r\n\0.\r\n', `Hello\r\n\0.\r\n${SMUGGLED}`],
  ])('never ends the message at %s: exactly one message, content intact', async (_name, fakeEnd, stored) => {
    for (const chunk of [Number.POSITIVE_INFINITY, 1, 17]) {
      const h = await ready();
      const replies = await h.wire.send(`Hello${fakeEnd}${SMUGGLED}.\r\nQUIT\r\n`, chunk);
      expect(replies).toEqual(['250 2.0.0 Ok: queued as Q1', '221 2.0.0 l7lab.localhost Bye']);
      expect(h.store.delivered).toHaveLength(1);
      expect(h.store.delivered[0]!.envelope).toEqual({ from: 'alice@example.com', to: ['bob@example.com'] });
      expect(clientPart(h.store.delivered[0]!.raw).toString('latin1')).toBe(stored);
    }
  });

  it('keeps bare LF line ends as they came (byte-exact), not converted to CRLF', async () => {
    const h = await ready();
    await h.wire.send('a\nb\r\nc\rd\r\n.\r\n');
    expect(clientPart(h.store.delivered[0]!.raw).toString('latin1')).toBe('a\nb\r\nc\rd\r\n');
  });
});

describe('DATA: limits', () => {
  it('accepts a message of exactly the maximum size and refuses one octet more with 552 5.3.4', async () => {
    const line = `${'x'.repeat(98)}\r\n`; // 100 octets
    const ok = await ready({ maxMessageSize: 1000 });
    expect(await ok.wire.send(`${line.repeat(10)}.\r\n`)).toEqual(['250 2.0.0 Ok: queued as Q1']);
    const big = await ready({ maxMessageSize: 1000 });
    const replies = await big.wire.send(`${line.repeat(10)}x\r\n.\r\n`);
    expect(replies).toEqual([expect.stringMatching(/^552 5\.3\.4 Message size exceeds fixed maximum message size/)]);
    expect(big.store.delivered).toHaveLength(0);
    expect(big.messages).toHaveLength(0);
  });

  it('reads an over-size message to its end without buffering it, then the session goes on', async () => {
    const h = await ready({ maxMessageSize: 1000 });
    const line = `${'y'.repeat(900)}\r\n`;
    // Replies only at the end, never in the middle of the content.
    for (let i = 0; i < 50; i++) expect(await h.wire.send(line)).toEqual([]);
    expect(lastCode(await h.wire.send('.\r\n'))).toBe('552');
    expect(h.session.state).toBe('GREETED');
    expect(lastCode(await h.wire.send('MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\nsmall\r\n.\r\n'))).toBe('250');
    expect(h.store.delivered).toHaveLength(1);
  });

  it(`refuses a message with a text line over ${SMTP_TEXT_LINE} octets after its end (500 5.5.2), never stores it truncated`, async () => {
    const h = await ready();
    const replies = await h.wire.send(`ok\r\n${'z'.repeat(SMTP_TEXT_LINE + 10)}\r\nmore\r\n.\r\n`, 64);
    expect(replies).toEqual([expect.stringMatching(/^500 5\.5\.2 Message refused: a text line was longer than 1000 octets/)]);
    expect(h.store.delivered).toHaveLength(0);
    // A line of exactly 998 characters + CRLF is fine.
    expect(lastCode(await h.wire.send(`MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\n${'w'.repeat(998)}\r\n.\r\n`))).toBe('250');
  });
});

describe('DATA: storing', () => {
  it('answers 451 4.3.0 when the store fails and 452 4.3.1 when it is full; nothing is acknowledged', async () => {
    const h = await ready();
    h.store.failWith = new StoreWriteError('disk says no');
    expect(await h.wire.send('x\r\n.\r\n')).toEqual(['451 4.3.0 Could not store the message, try again later']);
    h.store.failWith = new StoreWriteError('full', undefined, true);
    expect(await h.wire.send('MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.com>\r\nDATA\r\nx\r\n.\r\n')).toEqual([
      '250 2.1.0 Ok',
      '250 2.1.5 Ok',
      '354 End data with <CR><LF>.<CR><LF>',
      '452 4.3.1 Insufficient system storage',
    ]);
    expect(h.messages).toHaveLength(0);
    expect(h.session.state).toBe('GREETED');
  });

  it('lets an unexpected store fault escape, so the server closes only that session', async () => {
    const h = await ready();
    h.store.deliver = async () => {
      throw new TypeError('bug');
    };
    await expect(h.wire.send('x\r\n.\r\n')).rejects.toThrow('bug');
  });

  it('adds Return-Path, Received and Message-ID in front of the message (RFC 5321 4.4)', async () => {
    const h = await ready();
    await h.wire.send('Subject: no id\r\n\r\nbody\r\n.\r\n');
    expect(h.store.delivered[0]!.raw.toString()).toBe(
      [
        'Return-Path: <alice@example.com>',
        'Received: from client.example ([127.0.0.1])',
        '\tby l7lab.localhost (l7lab) with ESMTP id Q1',
        '\tfor <bob@example.com>; Tue, 7 Jan 2025 09:05:03 +0000',
        `Message-ID: <Q1.${Date.UTC(2025, 0, 7, 9, 5, 3)}@l7lab.localhost>`,
        'Subject: no id',
        '',
        'body',
        '',
      ].join('\r\n'),
    );
  });

  it('keeps the client Message-ID, says ESMTPA when authenticated, and omits "for" with several recipients', async () => {
    const h = makeSession();
    await h.wire.start();
    await h.wire.send('EHLO c\r\nAUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=\r\nMAIL FROM:<>\r\nRCPT TO:<a@x.example>\r\nRCPT TO:<b@x.example>\r\nDATA\r\n');
    await h.wire.send('message-id: <mine@client>\r\n\r\nhi\r\n.\r\n');
    const raw = h.store.delivered[0]!.raw.toString();
    expect(raw).toContain('Return-Path: <>\r\n');
    expect(raw).toContain('with ESMTPA id Q1\r\n\t; Tue, 7 Jan 2025');
    expect(raw.match(/message-id/gi)).toHaveLength(1);
  });

  it('emits one MessageEvent per stored message with the store ids', async () => {
    const h = makeSession();
    await h.wire.start();
    await h.wire.send('EHLO c\r\nMAIL FROM:<a@x.example>\r\nRCPT TO:<b@x.example>\r\nRCPT TO:<nobody@y.example>\r\nDATA\r\nhi\r\n.\r\n');
    expect(h.messages).toEqual([
      { event: 'message', protocol: 'smtp', session: 'smtp-test', ids: ['m1', 'm2'], from: 'a@x.example', to: ['b@x.example', 'nobody@y.example'], size: h.store.delivered[0]!.raw.length },
    ]);
  });

  it('body lines are silent in the transcript by default; the final dot is explained with the size', async () => {
    const h = await ready();
    await h.wire.send('line one\r\n..dot\r\n.\r\n');
    const notes = h.wire.steps.slice(-3).map((s) => s.step.client);
    expect(notes[0]).toEqual({ silent: true, knowledge: { key: 'data' } });
    expect(notes[1]).toEqual({ silent: true, knowledge: { key: 'data' } });
    expect(notes[2]?.silent).toBeUndefined();
    expect(said(h.wire.steps.at(-1)!.step, 'smtp').client).toBe('end of data: the message (17 octets in 2 lines) is complete');
  });

  it('shows a dot ended by a bare LF (netcat without -C) and explains why the message goes on', async () => {
    const h = await ready();
    expect(await h.wire.send('hello\n.\n')).toEqual([]);
    expect(h.wire.steps.at(-1)?.step.client).toEqual({ layer: 'L6', knowledge: { key: 'data-bare-dot' } });
    expect(said(h.wire.steps.at(-1)!.step, 'smtp').client).toMatch(/^a dot ended by a bare LF does not end the message/);
    expect(h.session.state).toBe('DATA');
    expect(await h.wire.send('\r\n.\r\n')).toEqual(['250 2.0.0 Ok: queued as Q1']);
  });

  it('with transcriptDataLines, every body line is shown and a dot-stuffed one is tagged L6', async () => {
    const h = await ready({ transcriptDataLines: true });
    await h.wire.send('plain\r\n..dot\r\n');
    const notes = h.wire.steps.slice(-2).map((s) => s.step.client);
    expect(notes).toEqual([{ knowledge: { key: 'data' } }, { layer: 'L6', knowledge: { key: 'data' } }]);
    expect(said(h.wire.steps.at(-2)!.step, 'smtp').client).toMatch(/^a line of the message/);
  });
});
