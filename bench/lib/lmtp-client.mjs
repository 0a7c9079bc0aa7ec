// A small mail-delivery client for the benchmarks, in two dialects: LMTP (RFC 2033: LHLO, then
// one reply per accepted recipient after DATA, 4.2) and SMTP (RFC 5321: EHLO, one reply after
// DATA), so l7lab's SMTP server and Dovecot's LMTP server get the very same load from the same
// code. Each session keeps its connection for many messages and pipelines MAIL, RCPT and DATA
// when the server advertises PIPELINING (RFC 2920; an LMTP server must, RFC 2033 5).
// Only 127.0.0.1 is ever a target; every wait is bounded in time.
import { performance } from 'node:perf_hooks';
import { LineClient } from './line-client.mjs';

/**
 * Length of the first complete reply in `b` (RFC 5321 4.2.1: continuation lines "250-...",
 * then a last line "250 ..."), or 0 while it is incomplete.
 */
export function replyLength(b) {
  let pos = 0;
  for (;;) {
    const eol = b.indexOf('\r\n', pos);
    if (eol < 0) return 0;
    const last = b[pos + 3] !== 0x2d; // '-'
    pos = eol + 2;
    if (last) return pos;
  }
}

/** A message's DATA: dot-stuffed (RFC 5321 4.5.2) and ended with CRLF.CRLF. */
export function dataOf(raw) {
  const text = raw.toString('latin1').replace(/\r\n\./g, '\r\n..');
  return Buffer.from(`${text.startsWith('.') ? '.' : ''}${text}${text.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1');
}

class DeliveryClient extends LineClient {
  /** The next reply; throws unless its code is one of `ok` (first digits). */
  async reply(ok = '23') {
    const text = (await this.take(replyLength)).toString('latin1');
    if (!ok.includes(text[0])) throw new Error(`server said ${text.trim().split('\r\n').pop()}`);
    return text;
  }
}

/**
 * Open a session: greeting, then LHLO (lmtp) or EHLO (smtp). Resolves with the client and
 * whether the server pipelines.
 */
export async function openSession(port, dialect) {
  const c = await DeliveryClient.open(port);
  await c.reply('2');
  c.socket.write(`${dialect === 'lmtp' ? 'LHLO' : 'EHLO'} bench.test\r\n`);
  const hello = await c.reply('2');
  return { c, pipelining: /^250[- ]PIPELINING\r?$/im.test(hello) };
}

/** One transaction on an open session: MAIL, RCPT, DATA, the message, its reply. */
export async function deliverOne({ c, pipelining }, envelope, data) {
  const commands = [`MAIL FROM:<${envelope.from}>\r\n`, `RCPT TO:<${envelope.to}>\r\n`, 'DATA\r\n'];
  if (pipelining) {
    c.socket.write(commands.join(''));
    await c.reply('2');
    await c.reply('2');
    await c.reply('3');
  } else {
    for (const [i, cmd] of commands.entries()) {
      c.socket.write(cmd);
      await c.reply(i === 2 ? '3' : '2');
    }
  }
  c.socket.write(data);
  // LMTP: one reply per accepted recipient (RFC 2033 4.2); here there is one.
  await c.reply('2');
}

/**
 * Deliver `messages` copies of `raw` to `envelope.to` over `sessions` concurrent sessions that
 * each keep their connection, in `dialect` ('lmtp' or 'smtp'). Resolves with the seconds taken.
 */
export async function deliverLoad({ port, dialect, sessions, messages, raw, envelope }) {
  const data = dataOf(raw);
  let next = 0;
  const start = performance.now();
  const session = async () => {
    const s = await openSession(port, dialect);
    try {
      while (next < messages) {
        next++;
        await deliverOne(s, envelope, data);
      }
      s.c.socket.write('QUIT\r\n');
      await s.c.reply('2').catch(() => undefined);
    } finally {
      s.c.close();
    }
  };
  await Promise.all(Array.from({ length: sessions }, session));
  return (performance.now() - start) / 1000;
}
