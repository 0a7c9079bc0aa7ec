import { describe, expect, it } from 'vitest';
import { SMTP_MAX_BAD_COMMANDS, SMTP_MAX_RECIPIENTS } from '../../../src/limits.js';
import { lastCode, makeSession, runDialog } from './fixtures.js';
import type { DialogRow } from '../../support/dialog.js';

type Row = DialogRow;

async function dialog(rows: readonly Row[], opts: Parameters<typeof makeSession>[0] = {}) {
  const h = makeSession(opts);
  expect(lastCode(await h.wire.start())).toBe('220');
  const got = await runDialog(h.wire, rows);
  expect(got.map(([line, code]) => [line, code])).toEqual(rows.map(([line, code]) => [line, code]));
  return { ...h, got };
}

describe('SMTP session: commands in each state', () => {
  it('greets with 220 at once and names itself', async () => {
    const h = makeSession();
    expect(await h.wire.start()).toEqual([expect.stringMatching(/^220 l7lab\.localhost ESMTP /)]);
    expect(h.session.state).toBe('CONNECTED');
  });

  it('before EHLO: only the always-allowed commands work (RFC 5321 4.1.4)', async () => {
    await dialog([
      ['MAIL FROM:<a@example.com>', '503'],
      ['RCPT TO:<b@example.com>', '503'],
      ['DATA', '503'],
      ['AUTH PLAIN', '503'],
      ['NOOP', '250'],
      ['NOOP anything at all', '250'],
      ['RSET', '250'],
      ['VRFY bob', '252'],
      ['HELP', '214'],
      ['EHLO client.example', '250'],
    ]);
  });

  it('walks a whole transaction through its states', async () => {
    const { session, got } = await dialog([
      ['EHLO client.example', '250'],
      ['MAIL FROM:<alice@example.com>', '250'],
      ['RCPT TO:<bob@example.com>', '250'],
      ['RCPT TO:<carol@elsewhere.example>', '250'],
      ['DATA', '354'],
      ['Subject: hi', ''],
      ['', ''],
      ['hello', ''],
      ['.', '250'],
      ['QUIT', '221'],
    ]);
    expect(session.state).toBe('CLOSED');
    expect(got[8]?.[2]).toEqual(['250 2.0.0 Ok: queued as Q1']);
  });

  it('refuses commands out of sequence with 503 5.5.1', async () => {
    const { got } = await dialog([
      ['EHLO c', '250'],
      ['RCPT TO:<b@example.com>', '503'],
      ['DATA', '503'],
      ['MAIL FROM:<a@example.com>', '250'],
      ['MAIL FROM:<a@example.com>', '503'],
      ['DATA', '503'],
      ['AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', '503'],
      ['RCPT TO:<b@example.com>', '250'],
      ['MAIL FROM:<a@example.com>', '503'],
      ['RSET', '250'],
      ['RCPT TO:<b@example.com>', '503'],
    ]);
    expect(got[1]?.[2][0]).toMatch(/^503 5\.5\.1 Bad sequence of commands: RCPT is not allowed in the GREETED state/);
  });

  it('EHLO advertises the extensions, with SIZE from the configured limit', async () => {
    const h = makeSession({ maxMessageSize: 12345 });
    await h.wire.start();
    expect(await h.wire.line('EHLO client.example')).toEqual([
      '250-l7lab.localhost Hello client.example',
      '250-SIZE 12345',
      '250-PIPELINING',
      '250-8BITMIME',
      '250-ENHANCEDSTATUSCODES',
      '250-AUTH PLAIN LOGIN CRAM-MD5',
      '250-SMTPUTF8',
      '250 HELP',
    ]);
  });

  it('EHLO in the middle of a transaction resets it, like RSET', async () => {
    await dialog([
      ['EHLO c', '250'],
      ['MAIL FROM:<a@example.com>', '250'],
      ['EHLO c', '250'],
      ['RCPT TO:<b@example.com>', '503'],
      ['MAIL FROM:<a@example.com>', '250'],
    ]);
  });

  it('RSET before any greeting stays in CONNECTED', async () => {
    const { session } = await dialog([['RSET', '250']]);
    expect(session.state).toBe('CONNECTED');
  });
});

describe('SMTP session: syntax errors', () => {
  it.each<Row>([
    ['EHLO', '501'],
    ['EHLO two words', '501'],
    ['HELO', '501'],
    ['XYZZY', '500'],
    ['', '500'],
    ['EXPN staff', '502'],
    ['STARTTLS', '502'],
    ['TURN', '502'],
    ['VRFY', '501'],
    ['HELP MAIL', '214'],
    ['HELP FROB', '504'],
    ['QUIT now', '501'],
    ['RSET please', '501'],
  ])('%j -> %s', async (line, code) => {
    await dialog([[line, code]]);
  });

  it.each<Row>([
    ['MAIL FROM:alice@example.com', '501'],
    ['MAIL TO:<a@example.com>', '501'],
    ['MAIL FROM:<not-an-address>', '501'],
    ['MAIL FROM:<a@@example.com>', '501'],
    ['MAIL FROM:<a@example.com> FOO=1', '555'],
    ['MAIL FROM:<a@example.com> SIZE=abc', '501'],
    ['MAIL FROM:<a@example.com> SIZE', '501'],
    ['MAIL FROM:<a@example.com> BODY=BINARYMIME', '501'],
    ['MAIL FROM:<a@example.com> SMTPUTF8=yes', '501'],
    ['MAIL FROM:<a@example.com> SIZE=99999999999', '552'],
    ['MAIL FROM:<a@example.com> SIZE=1000 BODY=8BITMIME', '250'],
    ['MAIL FROM:<> ', '250'],
    ['MAIL FROM: <a@example.com>', '250'],
    ['mail from:<a@example.com>', '250'],
    ['MAIL FROM:<@relay.example,@b.example:a@example.com>', '250'],
    ['MAIL FROM:<"john doe"@example.com>', '250'],
    ['MAIL FROM:<a@[127.0.0.1]>', '250'],
    ['MAIL FROM:<a@example.com> AUTH=<>', '250'],
  ])('after EHLO: %j -> %s', async (line, code) => {
    await dialog([
      ['EHLO c', '250'],
      [line, code],
    ]);
  });

  it('uses the enhanced codes of RFC 3463 for bad sender and recipient addresses', async () => {
    const { got } = await dialog([
      ['EHLO c', '250'],
      ['MAIL FROM:<nobody>', '501'],
      ['MAIL FROM:<a@example.com> SIZE=99999999999', '552'],
      ['MAIL FROM:<a@example.com>', '250'],
      ['RCPT TO:<>', '501'],
      ['RCPT TO:<x y@example.com>', '501'],
      ['RCPT TO:<b@example.com> NOTIFY=NEVER', '555'],
      ['RCPT TO:<Postmaster>', '250'],
    ]);
    expect(got[1]?.[2][0]).toMatch(/^501 5\.1\.7 /);
    expect(got[2]?.[2][0]).toMatch(/^552 5\.3\.4 /);
    expect(got[4]?.[2][0]).toMatch(/^501 5\.1\.3 /);
    expect(got[5]?.[2][0]).toMatch(/^501 5\.1\.3 /);
    expect(got[6]?.[2][0]).toMatch(/^555 5\.5\.4 /);
  });

  it('after HELO, parameters and AUTH are not available', async () => {
    await dialog([
      ['HELO c', '250'],
      ['AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', '503'],
      ['MAIL FROM:<a@example.com> SIZE=10', '555'],
      ['MAIL FROM:<a@example.com>', '250'],
    ]);
  });

  it('needs SMTPUTF8 for a non-ASCII address (553 5.6.7), accepts it with', async () => {
    const { got, store } = await dialog([
      ['EHLO c', '250'],
      ['MAIL FROM:<太郎@example.jp>', '553'],
      ['MAIL FROM:<taro@example.jp>', '250'],
      ['RCPT TO:<花子@example.jp>', '553'],
      ['RSET', '250'],
      ['MAIL FROM:<太郎@example.jp> SMTPUTF8', '250'],
      ['RCPT TO:<花子@例え.jp>', '250'],
      ['DATA', '354'],
      ['Subject: こんにちは', ''],
      ['.', '250'],
    ]);
    expect(got[1]?.[2][0]).toMatch(/^553 5\.6\.7 /);
    expect(store.delivered[0]?.envelope).toEqual({ from: '太郎@example.jp', to: ['花子@例え.jp'] });
    expect(store.delivered[0]?.raw.toString('utf8')).toContain('with UTF8SMTP id Q1');
    expect(store.delivered[0]?.raw.toString('utf8')).toMatch(/Subject: こんにちは\r\n$/);
  });
});

describe('SMTP session: limits', () => {
  it(`accepts ${SMTP_MAX_RECIPIENTS} recipients and answers 452 4.5.3 to the next`, async () => {
    const h = makeSession();
    await h.wire.start();
    await h.wire.line('EHLO c');
    await h.wire.line('MAIL FROM:<a@example.com>');
    for (let i = 0; i < SMTP_MAX_RECIPIENTS; i++) expect(lastCode(await h.wire.line(`RCPT TO:<r${i}@example.com>`))).toBe('250');
    expect(await h.wire.line('RCPT TO:<one-too-many@example.com>')).toEqual([expect.stringMatching(/^452 4\.5\.3 /)]);
    await h.wire.line('DATA');
    expect(lastCode(await h.wire.send('x\r\n.\r\n'))).toBe('250');
    expect(h.store.delivered[0]?.envelope.to).toHaveLength(SMTP_MAX_RECIPIENTS);
  });

  it('answers an over-long command line with 500 5.5.2 and stays usable', async () => {
    const h = makeSession();
    await h.wire.start();
    expect(await h.wire.send(`NOOP ${'x'.repeat(600)}\r\n`)).toEqual([expect.stringMatching(/^500 5\.5\.2 Line too long/)]);
    expect(await h.wire.line('NOOP')).toEqual(['250 2.0.0 Ok']);
    // 510 characters + CRLF = 512 octets: exactly at the limit.
    expect(lastCode(await h.wire.line(`NOOP ${'y'.repeat(505)}`))).toBe('250');
    expect(h.wire.closed).toBe(false);
  });

  it(`closes with 421 after ${SMTP_MAX_BAD_COMMANDS} bad commands`, async () => {
    const h = makeSession();
    await h.wire.start();
    for (let i = 1; i < SMTP_MAX_BAD_COMMANDS; i++) expect(lastCode(await h.wire.line(`BOGUS${i}`))).toBe('500');
    expect(await h.wire.line('RCPT TO:<a@b.example>')).toEqual([expect.stringMatching(/^421 4\.7\.0 .*Too many errors/)]);
    expect(h.wire.closed).toBe(true);
    expect(h.session.state).toBe('CLOSED');
  });

  it('hangs up on an HTTP request sent to the SMTP port', async () => {
    const h = makeSession();
    await h.wire.start();
    const replies = await h.wire.send('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    expect(replies).toEqual([expect.stringMatching(/^554 5\.7\.0 /)]);
    expect(h.wire.closed).toBe(true);
  });

  it('gives 421 4.4.2 on idle timeout and 421 4.3.2 on shutdown', async () => {
    const a = makeSession();
    expect(a.session.timeout()).toMatchObject({ out: [expect.stringMatching(/^421 4\.4\.2 /)], close: true, closeReason: 'timeout' });
    const b = makeSession();
    expect(b.session.shutdown()).toMatchObject({ out: [expect.stringMatching(/^421 4\.3\.2 /)], close: true });
  });

  it('with authRequired, MAIL before AUTH gets 530 5.7.0 and works after it', async () => {
    const { got } = await dialog(
      [
        ['EHLO c', '250'],
        ['MAIL FROM:<a@example.com>', '530'],
        ['AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', '235'],
        ['MAIL FROM:<a@example.com>', '250'],
      ],
      { authRequired: true },
    );
    expect(got[1]?.[2]).toEqual(['530 5.7.0 Authentication required: log in with AUTH first']);
  });

  it('does not count policy refusals (530) as bad commands', async () => {
    const h = makeSession({ authRequired: true });
    await h.wire.start();
    await h.wire.line('EHLO c');
    for (let i = 0; i < SMTP_MAX_BAD_COMMANDS + 2; i++) expect(lastCode(await h.wire.line('MAIL FROM:<a@example.com>'))).toBe('530');
    expect(h.wire.closed).toBe(false);
  });
});
