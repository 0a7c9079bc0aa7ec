import { describe, expect, it } from 'vitest';
import { lastCode, makeSession, runDialog } from './fixtures.js';
import type { DialogRow } from '../../support/dialog.js';

/** The pure SMTP session's side of STARTTLS (RFC 3207) and of AUTH before TLS (RFC 4954 4, 6). */
type Row = DialogRow;

async function dialog(rows: readonly Row[], tls: { starttls?: boolean; secure?: boolean; loginRequiresTls?: boolean }) {
  const h = makeSession({ tls });
  expect(lastCode(await h.wire.start())).toBe('220');
  const got = await runDialog(h.wire, rows);
  expect(got.map(([line, code]) => [line, code])).toEqual(rows.map(([line, code]) => [line, code]));
  return { ...h, got };
}

describe('SMTP STARTTLS in the session', () => {
  it('accepts STARTTLS before EHLO or after it, not inside a transaction nor with parameters', async () => {
    await dialog(
      [
        ['EHLO a.example', '250'],
        ['MAIL FROM:<a@example.com>', '250'],
        ['STARTTLS', '503'],
        ['RSET', '250'],
        ['STARTTLS now', '501'],
      ],
      { starttls: true },
    );
    const { session, wire } = await dialog([['STARTTLS', '220']], { starttls: true });
    expect(session.state).toBe('CONNECTED');
    expect(wire.steps.at(-1)?.step.startTls).toBe(true);
  });

  it('forgets the EHLO name and the login at the go-ahead (RFC 3207 4.2)', async () => {
    const { session, wire } = await dialog(
      [
        ['EHLO a.example', '250'],
        ['AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', '235'],
        ['STARTTLS', '220'],
        ['MAIL FROM:<a@example.com>', '503'],
        ['EHLO a.example', '250'],
        ['STARTTLS', '503'],
      ],
      { starttls: true },
    );
    expect(session.authenticatedAs).toBeNull();
    const ehlo = wire.steps.filter((s) => String(s.step.out[0]).startsWith('250-')).map((s) => s.step.out.map(String));
    expect(ehlo[0]).toContain('250-STARTTLS');
    expect(ehlo[1]).not.toContain('250-STARTTLS');
  });

  it('without a certificate STARTTLS is 502 and not advertised; on SMTPS neither is offered', async () => {
    const { wire } = await dialog(
      [
        ['EHLO a.example', '250'],
        ['STARTTLS', '502'],
      ],
      {},
    );
    expect(wire.out.join('\n')).not.toContain('250-STARTTLS');
    const smtps = await dialog(
      [
        ['EHLO a.example', '250'],
        ['STARTTLS', '503'],
      ],
      { starttls: false, secure: true },
    );
    expect(smtps.wire.out.join('\n')).not.toContain('250-STARTTLS');
  });

  it('loginRequiresTls: PLAIN and LOGIN get 538 5.7.11 before TLS, CRAM-MD5 is allowed, all are after it', async () => {
    const { wire } = await dialog(
      [
        ['EHLO a.example', '250'],
        ['AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', '538'],
        ['AUTH LOGIN', '538'],
        ['AUTH CRAM-MD5', '334'],
      ],
      { starttls: true, loginRequiresTls: true },
    );
    expect(wire.out).toContain('538 5.7.11 Encryption required for requested authentication mechanism: STARTTLS first');
    await dialog(
      [
        ['EHLO a.example', '250'],
        ['AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=', '235'],
      ],
      { secure: true, loginRequiresTls: true },
    );
  });
});
