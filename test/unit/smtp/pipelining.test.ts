import { describe, expect, it } from 'vitest';
import { plainResponse } from '../../../src/protocols/sasl.js';
import { makeSession } from './fixtures.js';

/**
 * PIPELINING (RFC 2920): a client may send a whole batch at once and the server must answer
 * each command in order, whatever the TCP segmentation. The same bytes fed in odd-sized
 * chunks through the real Framer must give the same replies and the same stored messages.
 */
const BATCH = [
  'EHLO pipeline.example',
  `AUTH PLAIN ${plainResponse('alice', 'wonderland')}`,
  'MAIL FROM:<alice@example.com> SIZE=120',
  'RCPT TO:<bob@example.com>',
  'RCPT TO:<nobody@example.net>',
  'DATA',
  'Subject: pipelined',
  '',
  '..starts with a dot',
  'bare\nLF inside',
  '.',
  'RSET',
  'MAIL FROM:<>',
  'RCPT TO:<carol@example.com>',
  'DATA',
  'second',
  '.',
  'NOOP',
  'BOGUS',
  'QUIT',
  'NOOP after quit is never answered',
].join('\r\n');

async function run(chunk: number) {
  const h = makeSession();
  const greeting = await h.wire.start();
  const replies = await h.wire.send(`${BATCH}\r\n`, chunk);
  return { greeting, replies, stored: h.store.delivered.map((d) => d.raw.toString('latin1')), closed: h.wire.closed };
}

describe('pipelined input', () => {
  it('answers every command of a batch in order', async () => {
    const { replies, closed } = await run(Number.POSITIVE_INFINITY);
    expect(replies.map((r) => r.slice(0, 4))).toEqual([
      ...Array(7).fill('250-'),
      '250 ',
      '235 ',
      '250 ',
      '250 ',
      '250 ',
      '354 ',
      '250 ',
      '250 ',
      '250 ',
      '250 ',
      '354 ',
      '250 ',
      '250 ',
      '500 ',
      '221 ',
    ]);
    expect(closed).toBe(true);
  });

  it.each([1, 2, 3, 17, 64])('gives the same replies and messages in %i-byte chunks', async (chunk) => {
    const whole = await run(Number.POSITIVE_INFINITY);
    const split = await run(chunk);
    expect(split.replies).toEqual(whole.replies);
    expect(split.stored).toEqual(whole.stored);
    expect(split.stored).toHaveLength(2);
    expect(split.stored[0]).toMatch(/\r\nSubject: pipelined\r\n\r\n\.starts with a dot\r\nbare\nLF inside\r\n$/);
  });
});
