import { describe, expect, it } from 'vitest';
import { said } from '../../support/dialog.js';
import { AUTH_FAILURE_DELAY_MAX_MS, AUTH_FAILURE_DELAY_MS, SASL_MAX_RESPONSE_LINE } from '../../../src/limits.js';
import { authFailureDelay } from '../../../src/protocols/auth-delay.js';
import { cramResponse, plainResponse } from '../../../src/protocols/sasl.js';
import { systemEnvironment } from '../../../src/protocols/smtp/env.js';
import { b64, fixedEnv, makeSession, type Harness } from './fixtures.js';

async function greeted(opts: Parameters<typeof makeSession>[0] = {}): Promise<Harness> {
  const h = makeSession(opts);
  await h.wire.start();
  await h.wire.line('EHLO client.example');
  return h;
}

const FAIL = ['535 5.7.8 Authentication credentials invalid'];
const OK = ['235 2.7.0 Authentication successful'];

// The knowledge keys each client line carries (the AUTH command itself, then SASL responses).
const AUTH_KEY = { key: 'command', params: { command: 'AUTH' } };
const SASL_KEY = { key: 'sasl' };

describe('AUTH PLAIN (RFC 4616, RFC 4954)', () => {
  it('logs in with an initial response', async () => {
    const h = await greeted();
    expect(await h.wire.line(`AUTH PLAIN ${plainResponse('alice', 'wonderland')}`)).toEqual(OK);
    expect(h.session.authenticatedAs).toBe('alice');
    expect(h.session.state).toBe('GREETED');
  });

  it('logs in through a 334 continuation', async () => {
    const h = await greeted();
    expect(await h.wire.line('AUTH PLAIN')).toEqual(['334 ']);
    expect(h.session.state).toBe('AUTH');
    expect(await h.wire.line(plainResponse('bob', 'builder'))).toEqual(OK);
  });

  it('treats "=" as an empty initial response, which is no valid PLAIN message', async () => {
    const h = await greeted();
    expect(await h.wire.line('AUTH PLAIN =')).toEqual(FAIL);
  });

  it('gives the same 535 5.7.8 whatever was wrong', async () => {
    for (const response of [
      plainResponse('alice', 'wrong'),
      plainResponse('mallory', 'wonderland'),
      b64('alice wonderland'),
      b64('\0alice\0'),
      plainResponse('alice', 'wonderland', 'bob'),
    ]) {
      const h = await greeted();
      expect(await h.wire.line(`AUTH PLAIN ${response}`)).toEqual(FAIL);
      expect(h.session.authenticatedAs).toBeNull();
    }
  });

  it('accepts an authorization identity equal to the user', async () => {
    const h = await greeted();
    expect(await h.wire.line(`AUTH PLAIN ${plainResponse('alice', 'wonderland', 'alice')}`)).toEqual(OK);
  });

  it('answers bad base64 with 501 5.5.2, in the initial response and in a continuation', async () => {
    const h = await greeted();
    expect(await h.wire.line('AUTH PLAIN not*base64')).toEqual([expect.stringMatching(/^501 5\.5\.2 /)]);
    await h.wire.line('AUTH PLAIN');
    expect(await h.wire.line('@@@@')).toEqual([expect.stringMatching(/^501 5\.5\.2 /)]);
    expect(h.session.state).toBe('GREETED');
  });

  it('cancels on "*" with 501 5.7.0', async () => {
    const h = await greeted();
    await h.wire.line('AUTH PLAIN');
    expect(await h.wire.line('*')).toEqual(['501 5.7.0 Authentication cancelled']);
    expect(h.session.state).toBe('GREETED');
    expect(await h.wire.line(`AUTH PLAIN ${plainResponse('alice', 'wonderland')}`)).toEqual(OK);
  });

  it('shows the decoded PLAIN message in the transcript note, marked secret, layer L6', async () => {
    const h = await greeted();
    await h.wire.line(`AUTH PLAIN ${plainResponse('alice', 'wonderland')}`);
    expect(h.wire.steps.at(-1)?.step.client).toEqual({ decoded: '\\0alice\\0wonderland', secret: true, layer: 'L6', knowledge: AUTH_KEY });
    const c = await greeted();
    await c.wire.line('AUTH PLAIN');
    expect(c.wire.steps.at(-1)?.step.layers).toEqual(['L6']);
    await c.wire.line(plainResponse('bob', 'builder'));
    expect(c.wire.steps.at(-1)?.step.client).toEqual({ decoded: '\\0bob\\0builder', secret: true, layer: 'L6', knowledge: SASL_KEY });
    expect(said(c.wire.steps.at(-1)!.step, 'smtp').client).toMatch(/base64.*not encryption/);
  });
});

describe('AUTH LOGIN', () => {
  it('asks for user name and password in base64', async () => {
    const h = await greeted();
    expect(await h.wire.line('AUTH LOGIN')).toEqual(['334 VXNlcm5hbWU6']);
    expect(await h.wire.line(b64('alice'))).toEqual(['334 UGFzc3dvcmQ6']);
    expect(h.wire.steps.at(-1)?.step.client).toMatchObject({ decoded: 'alice', layer: 'L6' });
    expect(await h.wire.line(b64('wonderland'))).toEqual(OK);
    expect(h.wire.steps.at(-1)?.step.client).toEqual({ decoded: 'wonderland', secret: true, layer: 'L6', knowledge: SASL_KEY });
  });

  it('takes the user name as an initial response', async () => {
    const h = await greeted();
    expect(await h.wire.line(`AUTH LOGIN ${b64('bob')}`)).toEqual(['334 UGFzc3dvcmQ6']);
    expect(await h.wire.line(b64('builder'))).toEqual(OK);
  });

  it('fails a wrong password with the same 535', async () => {
    const h = await greeted();
    await h.wire.line('AUTH LOGIN');
    await h.wire.line(b64('alice'));
    expect(await h.wire.line(b64('builder'))).toEqual(FAIL);
  });

  it('explains the 334 prompts by decoding them', async () => {
    const h = await greeted();
    expect(await h.wire.line('AUTH LOGIN')).toEqual(['334 VXNlcm5hbWU6']);
    expect(said(h.wire.steps.at(-1)!.step, 'smtp').server[0]).toBe('334: continue authentication: the server waits for your next line, in base64 (base64 for "Username:")');
  });
});

describe('AUTH CRAM-MD5 (RFC 2195)', () => {
  async function challenge(h: Harness): Promise<string> {
    const [line] = await h.wire.line('AUTH CRAM-MD5');
    expect(line).toMatch(/^334 /);
    return Buffer.from((line as string).slice(4), 'base64').toString();
  }

  it('logs in with HMAC-MD5 of the challenge', async () => {
    const h = await greeted();
    const c = await challenge(h);
    expect(c).toBe('<1.1@l7lab.localhost>');
    expect(await h.wire.line(b64(cramResponse(c, 'alice', 'wonderland')))).toEqual(OK);
  });

  it('sends a fresh challenge every time, so a replayed response fails', async () => {
    const first = await greeted();
    const c1 = await challenge(first);
    const recorded = b64(cramResponse(c1, 'alice', 'wonderland'));
    expect(await first.wire.line(b64(cramResponse(c1, 'alice', 'nope')))).toEqual(FAIL);
    const c2 = await challenge(first);
    expect(c2).not.toBe(c1);
    expect(await first.wire.line(recorded)).toEqual(FAIL);
  });

  it('a response that logged in once fails when replayed on another connection (real challenges)', async () => {
    const env = { ...fixedEnv(), cramChallenge: systemEnvironment.cramChallenge };
    const a = await greeted({ env });
    const recorded = b64(cramResponse(await challenge(a), 'alice', 'wonderland'));
    expect(await a.wire.line(recorded)).toEqual(OK);
    const b = await greeted({ env });
    await challenge(b);
    expect(await b.wire.line(recorded)).toEqual(FAIL);
    expect(b.session.authenticatedAs).toBeNull();
  });

  it('fails an unknown user and a malformed response with the same 535', async () => {
    for (const response of [(c: string) => cramResponse(c, 'mallory', 'x'), () => 'alice nothex']) {
      const h = await greeted();
      const c = await challenge(h);
      expect(await h.wire.line(b64(response(c)))).toEqual(FAIL);
    }
  });

  it('refuses an initial response (CRAM-MD5 is server-first)', async () => {
    const h = await greeted();
    expect(await h.wire.line(`AUTH CRAM-MD5 ${b64('alice 0123')}`)).toEqual([expect.stringMatching(/^501 5\.5\.4 /)]);
  });
});

describe('AUTH rules', () => {
  it.each([
    ['AUTH', '501'],
    ['AUTH GSSAPI', '504'],
    ['AUTH XOAUTH2 abc', '504'],
    ['AUTH PLAIN a b', '501'],
  ])('%j -> %s', async (line, code) => {
    const h = await greeted();
    expect((await h.wire.line(line))[0]?.slice(0, 3)).toBe(code);
  });

  it('uses 504 5.5.4 for an unknown mechanism', async () => {
    const h = await greeted();
    expect(await h.wire.line('AUTH DIGEST-MD5')).toEqual([expect.stringMatching(/^504 5\.5\.4 Unrecognized authentication type/)]);
  });

  it('refuses a second AUTH after success with 503 5.5.1', async () => {
    const h = await greeted();
    await h.wire.line(`AUTH PLAIN ${plainResponse('alice', 'wonderland')}`);
    expect(await h.wire.line(`AUTH PLAIN ${plainResponse('bob', 'builder')}`)).toEqual(['503 5.5.1 Bad sequence of commands: Already authenticated: AUTH is allowed once per session']);
    expect(h.session.authenticatedAs).toBe('alice');
  });

  it('keeps the login across RSET and EHLO', async () => {
    const h = await greeted({ authRequired: true });
    await h.wire.line(`AUTH PLAIN ${plainResponse('alice', 'wonderland')}`);
    await h.wire.send('RSET\r\nEHLO again\r\n');
    expect(await h.wire.line('MAIL FROM:<a@example.com>')).toEqual(['250 2.1.0 Ok']);
  });

  it('answers every wrong password with 535 5.7.8, never a lockout, after a growing delay (RFC 4954 6)', async () => {
    const h = await greeted();
    const delays: Array<number | undefined> = [];
    for (let i = 1; i <= 6; i++) {
      const step = await h.session.line(Buffer.from(`AUTH PLAIN ${plainResponse('alice', `bad${i}`)}`), { crlf: true });
      expect(step.out).toEqual(FAIL);
      delays.push(step.delayMs ?? 0);
    }
    expect(delays).toEqual([1, 2, 3, 4, 5, 6].map(authFailureDelay));
    expect(delays[0]).toBe(0); // one mistyped password costs nothing
    expect(delays[1]).toBe(AUTH_FAILURE_DELAY_MS);
    expect(delays[5]).toBe(AUTH_FAILURE_DELAY_MAX_MS);
    expect(await h.wire.line('AUTH LOGIN')).toEqual(['334 VXNlcm5hbWU6']);
    await h.wire.line(b64('alice'));
    expect(await h.wire.line(b64('wonderland'))).toEqual(['235 2.7.0 Authentication successful']);
    expect(h.wire.closed).toBe(false);
  });

  it(`reads continuation lines up to ${SASL_MAX_RESPONSE_LINE} octets and answers a longer one with 500 5.5.6`, async () => {
    const h = await greeted();
    await h.wire.line('AUTH PLAIN');
    expect(h.session.expect).toEqual({ mode: 'line', maxLine: SASL_MAX_RESPONSE_LINE });
    expect(await h.wire.send(`${'A'.repeat(SASL_MAX_RESPONSE_LINE + 4)}\r\n`)).toEqual(['500 5.5.6 Authentication exchange line is too long']);
    expect(h.session.state).toBe('GREETED');
    expect(h.session.expect).toEqual({ mode: 'line', maxLine: 512, commandLine: true });
  });
});
