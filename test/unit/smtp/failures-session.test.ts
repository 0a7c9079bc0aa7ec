import { describe, expect, it } from 'vitest';
import { FailureRules, parseFailRule } from '../../../src/protocols/smtp/failure-rules.js';
import { smtpKnowledge } from '../../../src/protocols/smtp/knowledge/index.js';
import { b64, lastCode, makeSession, runDialog } from './fixtures.js';
import type { DialogRow } from '../../support/dialog.js';

type Row = DialogRow;

const rulesOf = (...specs: string[]) => new FailureRules(specs.map((s, i) => parseFailRule(s, `rule ${i + 1}`)), () => 0);

async function dialog(rows: readonly Row[], failures: FailureRules) {
  const h = makeSession({ failures });
  await h.wire.start();
  const got = await runDialog(h.wire, rows);
  expect(got.map(([line, code]) => [line, code])).toEqual(rows.map(([line, code]) => [line, code]));
  return { ...h, got };
}

describe('SMTP session with failure rules', () => {
  it('rcpt: a refused recipient is left out, the others still get the message (RFC 5321 4.1.1.3)', async () => {
    const { got, store } = await dialog(
      [
        ['EHLO c.test', '250'],
        ['MAIL FROM:<app@example.com>', '250'],
        ['RCPT TO:<gone@bounce.test>', '550'],
        ['RCPT TO:<tempfail-451@example.com>', '451'],
        ['RCPT TO:<bob@example.com>', '250'],
        ['DATA', '354'],
      ],
      rulesOf('rcpt:*@bounce.test=550 5.1.1'),
    );
    expect(got[2]?.[2]).toEqual(['550 5.1.1 <gone@bounce.test>: Mailbox unavailable: no such user: simulated failure (l7lab rule 1)']);
    expect(got[3]?.[2]).toEqual([expect.stringMatching(/^451 4\.3\.0 <tempfail-451@example\.com>: .*simulated failure \(l7lab magic address tempfail-451@\)$/)]);
    expect(got[3]?.[2]?.[0]).toBe('451 4.3.0 <tempfail-451@example.com>: Local error in processing, try again later: simulated failure (l7lab magic address tempfail-451@)');
    expect(store.delivered).toHaveLength(0);
  });

  it('mail: the transaction does not open, so RCPT gets 503; a later MAIL from another sender works', async () => {
    await dialog(
      [
        ['EHLO c.test', '250'],
        ['MAIL FROM:<x@spam.test>', '554'],
        ['RCPT TO:<bob@example.com>', '503'],
        ['MAIL FROM:<app@example.com>', '250'],
        ['RCPT TO:<bob@example.com>', '250'],
      ],
      rulesOf('mail:*@spam.test=554'),
    );
  });

  it('data: the reply after the final dot fails and nothing is stored; the session goes on', async () => {
    const h = makeSession({ failures: rulesOf('data:*@app.test=451 4.3.0') });
    await h.wire.start();
    await h.wire.send('EHLO c.test\r\nMAIL FROM:<a@app.test>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n');
    const end = await h.wire.send('Subject: x\r\n\r\nhi\r\n.\r\n');
    expect(end).toEqual(['451 4.3.0 <a@app.test>: Local error in processing, try again later: simulated failure (l7lab rule 1)']);
    expect(h.store.delivered).toHaveLength(0);
    expect(h.session.state).toBe('GREETED');
    await h.wire.send('MAIL FROM:<a@other.test>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n');
    expect(lastCode(await h.wire.send('Subject: y\r\n\r\nhi\r\n.\r\n'))).toBe('250');
    expect(h.store.delivered).toHaveLength(1);
  });

  it('drop: no reply after the final dot, the connection closes, nothing is stored', async () => {
    const h = makeSession({ failures: rulesOf('data:*@drop.test=drop') });
    await h.wire.start();
    await h.wire.send('EHLO c.test\r\nMAIL FROM:<a@drop.test>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n');
    expect(await h.wire.send('Subject: x\r\n\r\nhi\r\n.\r\n')).toEqual([]);
    expect(h.wire.closed).toBe(true);
    const last = h.wire.steps[h.wire.steps.length - 1]?.step;
    expect(last?.closeReason).toBe('dropped by l7lab rule 1 (simulated failure)');
    expect(h.store.delivered).toHaveLength(0);
  });

  it('the magic drop@ recipient drops the connection after the message, with no rule', async () => {
    const h = makeSession({ failures: new FailureRules() });
    await h.wire.start();
    await h.wire.send('EHLO c.test\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<drop@example.com>\r\nDATA\r\n');
    expect(await h.wire.send('Subject: x\r\n\r\nhi\r\n.\r\n')).toEqual([]);
    expect(h.wire.closed).toBe(true);
  });

  it('delay: the normal reply, with a delay hint for the server and a note in its text', async () => {
    const h = makeSession({ failures: rulesOf('rcpt:*@slow.test=delay 3s') });
    await h.wire.start();
    await h.wire.send('EHLO c.test\r\nMAIL FROM:<a@example.com>\r\n');
    const step = await h.session.line(Buffer.from('RCPT TO:<x@slow.test>'), { crlf: true });
    expect(step.out).toEqual(['250 2.1.5 Ok (delayed 3000 ms by l7lab rule 1: simulated slow server)']);
    expect(step.delayMs).toBe(3000);
    expect(h.session.state).toBe('RCPT');
  });

  it('auth: a rule for the user answers instead of 235 or 535; other users log in as usual', async () => {
    const { got, session } = await dialog(
      [
        ['EHLO c.test', '250'],
        [`AUTH PLAIN ${b64('\0alice\0wonderland')}`, '454'],
        [`AUTH PLAIN ${b64('\0bob\0builder')}`, '235'],
      ],
      rulesOf('auth:alice=454'),
    );
    expect(got[1]?.[2]).toEqual(['454 4.7.0 Temporary authentication failure: simulated failure (l7lab rule 1)']);
    expect(session.authenticatedAs).toBe('bob');
  });

  it('421 closes the connection, as a real 421 does (RFC 5321 3.8)', async () => {
    const h = makeSession({ failures: rulesOf('mail:*=421') });
    await h.wire.start();
    await h.wire.line('EHLO c.test');
    expect(await h.wire.line('MAIL FROM:<a@example.com>')).toEqual([expect.stringMatching(/^421 4\.3\.0 <a@example\.com>: .*simulated failure/)]);
    expect(h.wire.closed).toBe(true);
  });

  it('without rules nothing is simulated: magic addresses are plain addresses', async () => {
    await dialog(
      [
        ['EHLO c.test', '250'],
        ['MAIL FROM:<a@example.com>', '250'],
        ['RCPT TO:<reject-550@example.com>', '250'],
      ],
      new FailureRules([], () => 0, false),
    );
  });

  it('the transcript explains a simulated failure: retry a 4xx later, bounce a 5xx (en and ja)', () => {
    const perm = smtpKnowledge.explainServerLine('550 5.1.1 <x@b.test>: Mailbox unavailable: no such user: simulated failure (l7lab rule 1)', 'en');
    expect(perm).toMatch(/^550: no such user .* simulated by an l7lab failure rule: a 5xx is permanent, .*bounce/);
    const temp = smtpKnowledge.explainServerLine('451 4.3.0 Local error: simulated failure (l7lab magic address tempfail-451@)', 'en');
    expect(temp).toMatch(/a 4xx is temporary, so a client keeps the message and retries later/);
    expect(smtpKnowledge.explainServerLine('451 4.3.0 Local error: simulated failure (l7lab rule 2)', 'ja')).toMatch(/l7lab の失敗ルールによる模擬応答です。4xx は一時的な失敗/);
    expect(smtpKnowledge.explainServerLine('250 2.1.5 Ok (delayed 3000 ms by l7lab rule 1: simulated slow server)', 'en')).toMatch(/held back on purpose/);
    expect(smtpKnowledge.explainServerLine('550 5.1.1 no such user', 'en')).not.toMatch(/simulated/);
  });
});
