import { describe, expect, it } from 'vitest';
import { POP3_MAILBOX } from '../../../src/protocols/pop3/maildrop.js';
import { POP3_COMMAND_LINE, SASL_MAX_RESPONSE_LINE } from '../../../src/limits.js';
import { converse, makeSession, makeStore, MSG1, MSG2, MSG3, RFC_DIGEST, RFC_TIMESTAMP } from './fixtures.js';

const TOTAL = MSG1.length + MSG2.length + MSG3.length;
const GREETING = `+OK l7lab POP3 server ready ${RFC_TIMESTAMP}\r\n`;

describe('POP3 pipelining through the real framer (RFC 2449 6.6)', () => {
  it.each([1, 17])('answers a whole pipelined session in order, fed in %i-byte chunks', async (chunk) => {
    const store = await makeStore();
    const s = makeSession(store);
    const input = ['CAPA', 'USER bob', 'PASS builder', 'STAT', 'LIST 2', 'RETR 2', 'DELE 1', 'UIDL 1', 'NOOP', 'QUIT', 'NOOP'].join('\r\n') + '\r\n';
    const { out, closed } = await converse(s, input, chunk);
    const capa = ['+OK capability list follows', 'TOP', 'UIDL', 'USER', 'SASL PLAIN', 'RESP-CODES', 'AUTH-RESP-CODE', 'PIPELINING', 'IMPLEMENTATION l7lab', '.'];
    const expected =
      GREETING +
      capa.map((l) => `${l}\r\n`).join('') +
      '+OK send PASS for bob\r\n' +
      `+OK bob's maildrop has 3 messages (${TOTAL} octets)\r\n` +
      `+OK 3 ${TOTAL}\r\n` +
      `+OK 2 ${MSG2.length}\r\n` +
      `+OK ${MSG2.length} octets\r\n${MSG2.toString('latin1')}.\r\n` +
      '+OK message 1 deleted\r\n' +
      '-ERR message 1 already deleted\r\n' +
      '+OK\r\n' +
      '+OK l7lab POP3 server signing off (1 deleted, 2 messages left)\r\n';
    expect(out.toString('latin1')).toBe(expected);
    // The NOOP after QUIT was never answered: the session closed.
    expect(closed).toBe(true);
    expect((await store.list('bob', POP3_MAILBOX)).length).toBe(2);
  });

  it.each([1, 17])('pipelines APOP (the RFC example) and an AUTH PLAIN continuation, in %i-byte chunks', async (chunk) => {
    const store = await makeStore([], 'mrose');
    const apop = await converse(makeSession(store), `APOP mrose ${RFC_DIGEST}\r\nSTAT\r\n`, chunk);
    expect(apop.out.toString()).toBe(`${GREETING}+OK mrose's maildrop has 0 messages (0 octets)\r\n+OK 0 0\r\n`);
    const plain = Buffer.from('\0bob\0builder').toString('base64');
    const auth = await converse(makeSession(await makeStore()), `AUTH PLAIN\r\n${plain}\r\nSTAT\r\n`, chunk);
    expect(auth.out.toString()).toBe(`${GREETING}+ \r\n+OK bob's maildrop has 3 messages (${TOTAL} octets)\r\n+OK 3 ${TOTAL}\r\n`);
  });

  it.each([1, 17])('accepts a %i-byte-chunked line of exactly 255 octets and refuses 256', async (chunk) => {
    const fits = `USER ${'a'.repeat(POP3_COMMAND_LINE - 7)}`; // + CRLF = 255
    const tooLong = `USER ${'a'.repeat(POP3_COMMAND_LINE - 6)}`; // + CRLF = 256
    const { out } = await converse(makeSession(await makeStore()), `${fits}\r\n${tooLong}\r\nNOOP\r\n`, chunk);
    const replies = out.toString().split('\r\n').slice(1, -1);
    expect(replies[0]).toBe(`+OK send PASS for ${'a'.repeat(POP3_COMMAND_LINE - 7)}`);
    expect(replies[1]).toBe('-ERR line too long: at most 255 octets including CRLF (RFC 2449 4)');
    // The session goes on after an over-long line.
    expect(replies[2]).toMatch(/^-ERR NOOP is not allowed in the AUTHORIZATION state/);
  });

  it('forgets a USER name when the next line was too long', async () => {
    const { out } = await converse(makeSession(await makeStore()), `USER bob\r\n${'x'.repeat(300)}\r\nPASS builder\r\n`, 17);
    expect(out.toString().split('\r\n')[3]).toMatch(/^-ERR PASS must come right after USER/);
  });
});

describe('POP3 SASL response limits (RFC 5034 4)', () => {
  it.each([1, 17])('cancels AUTH on a SASL response longer than the limit and goes on, in %i-byte chunks', async (chunk) => {
    const long = 'A'.repeat(SASL_MAX_RESPONSE_LINE + 10);
    const plain = Buffer.from('\0bob\0builder').toString('base64');
    const { out } = await converse(makeSession(await makeStore()), `AUTH PLAIN\r\n${long}\r\nAUTH PLAIN\r\n${plain}\r\nSTAT\r\n`, chunk);
    expect(out.toString().split('\r\n').slice(1, -1)).toEqual([
      '+ ',
      `-ERR SASL response longer than ${SASL_MAX_RESPONSE_LINE} octets; authentication cancelled`,
      '+ ',
      `+OK bob's maildrop has 3 messages (${TOTAL} octets)`,
      `+OK 3 ${TOTAL}`,
    ]);
  });
});
