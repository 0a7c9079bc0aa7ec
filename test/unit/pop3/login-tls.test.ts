import { describe, expect, it } from 'vitest';
import { said } from '../../support/dialog.js';
import { apopDigest, plainResponse } from '../../../src/protocols/sasl.js';
import { describePop3 } from '../../../src/protocols/pop3/knowledge/index.js';
import type { KnowledgeRef } from '../../../src/protocols/transcript.js';
import { makeSession, makeStore, RFC_TIMESTAMP, run, send } from './fixtures.js';

/**
 * loginRequiresTls (RFC 2595 2.2): a server must be able to refuse passwords in clear until
 * TLS is active. USER/PASS and AUTH PLAIN get -ERR [AUTH] (RFC 3206 5) outside TLS, as with
 * Dovecot's disable_plaintext_auth; APOP sends no password and stays allowed.
 */
const REFUSED_STLS = '-ERR [AUTH] plaintext authentication disallowed on non-secure connections; use STLS first';

describe('POP3 with loginRequiresTls', () => {
  it('refuses USER, PASS and AUTH PLAIN in clear, without counting failures or asking for a SASL response', async () => {
    const s = makeSession(await makeStore(), undefined, undefined, { starttls: true, loginRequiresTls: true });
    await s.greet();
    await run(s, [
      ['USER bob', REFUSED_STLS, 'AUTHORIZATION'],
      ['PASS builder', REFUSED_STLS],
      ['AUTH PLAIN', REFUSED_STLS],
      [`AUTH PLAIN ${plainResponse('bob', 'builder')}`, REFUSED_STLS],
      ['AUTH', ['+OK supported SASL mechanisms follow', 'PLAIN', '.']],
      // Three refusals and not closed: a refusal is not a failed login.
      ['USER bob', REFUSED_STLS, 'AUTHORIZATION'],
    ]);
    expect(s.expect).toEqual({ mode: 'line', maxLine: 255, commandLine: true });
  });

  it('CAPA leaves out USER and SASL PLAIN until TLS, and lists them after STLS (issue 20, item 12)', async () => {
    const s = makeSession(await makeStore(), undefined, undefined, { starttls: true, loginRequiresTls: true });
    await s.greet();
    const before = (await send(s, 'CAPA')).out;
    expect(before).toContain('STLS');
    expect(before).not.toContain('USER');
    expect(before.some((l) => typeof l === 'string' && l.startsWith('SASL'))).toBe(false);
    expect((await send(s, 'STLS')).startTls).toBe(true);
    const after = (await send(s, 'CAPA')).out;
    expect(after).toEqual(expect.arrayContaining(['USER', 'SASL PLAIN']));
    expect(after).not.toContain('STLS');
  });

  it('says how to get TLS when the server offers no STLS (a POP3S port is the way)', async () => {
    const s = makeSession(await makeStore(), undefined, undefined, { loginRequiresTls: true });
    await s.greet();
    await run(s, [['USER bob', '-ERR [AUTH] plaintext authentication disallowed on non-secure connections; use APOP or the POP3S port']]);
  });

  it('allows APOP in clear: no password crosses the wire', async () => {
    const s = makeSession(await makeStore(), undefined, undefined, { starttls: true, loginRequiresTls: true });
    await s.greet();
    await run(s, [[`APOP bob ${apopDigest(RFC_TIMESTAMP, 'builder')}`, /^\+OK bob's maildrop has 3 messages/, 'TRANSACTION']]);
  });

  it('allows USER/PASS after STLS and on an implicit-TLS session', async () => {
    const s = makeSession(await makeStore(), undefined, undefined, { starttls: true, loginRequiresTls: true });
    await s.greet();
    const go = await send(s, 'STLS');
    expect(go.startTls).toBe(true);
    await run(s, [['USER bob', '+OK send PASS for bob'], ['PASS builder', /^\+OK bob's maildrop/, 'TRANSACTION']]);
    const t = makeSession(await makeStore(), undefined, undefined, { secure: true, loginRequiresTls: true });
    await t.greet();
    await run(t, [[`AUTH PLAIN ${plainResponse('bob', 'builder')}`, /^\+OK bob's maildrop/, 'TRANSACTION']]);
  });

  it('explains the refusal as such, in both languages', async () => {
    const s = makeSession(await makeStore(), undefined, undefined, { starttls: true, loginRequiresTls: true });
    await s.greet();
    const step = await send(s, 'USER bob');
    expect(step.knowledge?.[0]).toEqual({ key: 'err', params: { command: 'USER', reason: 'cleartext', code: '[AUTH]' } });
    expect(step.out[0]).toBe(REFUSED_STLS);
    expect(said(step, 'pop3', 'ja').server[0]).toMatch(/TLS の外では平文のパスワードを受け付けません/);
    expect(describePop3(step.knowledge?.[0] as KnowledgeRef, 'en')).toMatch(/^This server refuses passwords in clear outside TLS \(RFC 2595 2\.2\)/);
  });

  it('without loginRequiresTls, USER/PASS work in clear as before', async () => {
    const s = makeSession(await makeStore(), undefined, undefined, { starttls: true });
    await s.greet();
    await run(s, [['USER bob', '+OK send PASS for bob'], ['PASS builder', /^\+OK/, 'TRANSACTION']]);
  });
});
