import type { Expect, Terminator } from '../session.js';
import { SASL_MAX_RESPONSE_LINE } from '../../limits.js';
import { cramDigest, decodeBase64, encodeBase64, parseCramResponse, parsePlain, safeEqual, showNuls, type SaslMechanism } from '../sasl.js';
import { delayed, simulatedFailure } from './simulate.js';
import { SASL_LINE } from './knowledge/keys.js';
import type { SmtpContext, SmtpOutcome as Outcome, SmtpPending } from './types.js';

/**
 * The SASL exchange of SMTP AUTH (RFC 4954 4): the server sends `334 <base64 challenge>`,
 * the client answers one base64 line per challenge, `*` cancels. PLAIN (RFC 4616),
 * LOGIN (the de-facto draft-murchison-sasl-login) and CRAM-MD5 (RFC 2195).
 *
 * Every failure gets the same 535 5.7.8, whether the user is unknown, the password wrong or
 * the PLAIN message malformed, so the reply never tells an attacker which part was right.
 */
export const MECHANISMS: readonly SaslMechanism[] = ['PLAIN', 'LOGIN', 'CRAM-MD5'];

/** The two prompts LOGIN sends, base64 for "Username:" and "Password:". */
const LOGIN_USERNAME = '334 VXNlcm5hbWU6';
const LOGIN_PASSWORD = '334 UGFzc3dvcmQ6';

type Phase = { kind: 'plain' } | { kind: 'login-user' } | { kind: 'login-password'; user: string } | { kind: 'cram'; challenge: string };

const SECRET_NOTE = { secret: true, layer: 'L6', knowledge: SASL_LINE } as const;
const EXPECT: Expect = { mode: 'line', maxLine: SASL_MAX_RESPONSE_LINE };

function authSucceeded(ctx: SmtpContext, user: string): Outcome {
  ctx.logins.succeeded();
  return { replies: ['235 2.7.0 Authentication successful'], next: 'GREETED', change: { authenticatedAs: user.toLowerCase() } };
}

/**
 * Always 535 5.7.8 (RFC 4954 6), never a lockout: a client that tries several mechanisms with
 * one wrong password (smtplib) must learn that the password is wrong. The brake on guessing
 * is a growing delay before the reply, which the server applies (the session has no clock).
 */
function authFailed(ctx: SmtpContext): Outcome {
  const { delayMs } = ctx.logins.failed();
  return { replies: ['535 5.7.8 Authentication credentials invalid'], next: 'GREETED', ...(delayMs > 0 ? { delayMs } : {}) };
}

/** The credentials are checked: a failure rule for the user may answer instead (auth:<user>=454). */
function verdict(ctx: SmtpContext, user: string, ok: boolean): Outcome {
  const sim = simulatedFailure(ctx, 'auth', user);
  if (sim?.instead) return { next: 'GREETED', ...sim.instead };
  return delayed(ok ? authSucceeded(ctx, user) : authFailed(ctx), sim);
}

function verifyPlain(ctx: SmtpContext, message: Buffer): Outcome {
  const creds = parsePlain(message);
  // An authorization identity other than oneself would mean "act as someone else": not offered.
  const ok =
    creds !== null &&
    (creds.authzid === '' || creds.authzid.toLowerCase() === creds.authcid.toLowerCase()) &&
    ctx.config.accounts.verify(creds.authcid, creds.password);
  return verdict(ctx, creds?.authcid ?? '', ok);
}

function verifyCram(ctx: SmtpContext, challenge: string, message: Buffer): Outcome {
  const parsed = parseCramResponse(message);
  const secret = parsed ? ctx.config.accounts.secret(parsed.user) : undefined;
  // Compute a digest even for an unknown user, so both paths take the same time.
  const expected = cramDigest(challenge, secret ?? '\0unknown user');
  const ok = parsed !== null && secret !== undefined && safeEqual(expected, parsed.digest);
  return verdict(ctx, parsed?.user ?? '', ok);
}

/** The exchange is over: no `pending` in the outcome. */
function done(outcome: Outcome, decoded: Buffer | null): Outcome {
  return { ...outcome, note: { ...SECRET_NOTE, ...(decoded ? { decoded: showNuls(decoded) } : {}) } };
}

/** One phase of the exchange, in the pending slot; the next phase is a new SaslExchange. */
export class SaslExchange implements SmtpPending {
  readonly expect = EXPECT;

  constructor(private readonly phase: Phase) {}

  line(ctx: SmtpContext, line: Buffer, _end: Terminator): Outcome {
    const text = line.toString('latin1').trim();
    if (text === '*') return done({ replies: ['501 5.7.0 Authentication cancelled'], next: 'GREETED' }, null);
    const decoded = decodeBase64(text);
    if (decoded === null) return done({ replies: ['501 5.5.2 Cannot decode the response: it is not base64'], next: 'GREETED' }, null);
    return this.step(ctx, decoded);
  }

  overflow(_ctx: SmtpContext): Outcome {
    return done({ replies: ['500 5.5.6 Authentication exchange line is too long'], next: 'GREETED' }, null);
  }

  private step(ctx: SmtpContext, decoded: Buffer): Outcome {
    const phase = this.phase;
    switch (phase.kind) {
      case 'plain':
        return done(verifyPlain(ctx, decoded), decoded);
      case 'login-user': {
        const pending = new SaslExchange({ kind: 'login-password', user: decoded.toString('utf8') });
        return { replies: [LOGIN_PASSWORD], layers: ['L6'], pending, note: { ...SECRET_NOTE, decoded: showNuls(decoded) } };
      }
      case 'login-password': {
        const ok = ctx.config.accounts.verify(phase.user, decoded.toString('utf8'));
        return done(verdict(ctx, phase.user, ok), decoded);
      }
      case 'cram':
        return done(verifyCram(ctx, phase.challenge, decoded), decoded);
    }
  }
}

/**
 * Start an exchange for AUTH <mechanism> [initial-response]. A zero-length initial response
 * is sent as "=" (RFC 4954 4). CRAM-MD5 is server-first, so it takes none (RFC 4422 5).
 */
export function startSasl(ctx: SmtpContext, mechanism: SaslMechanism, initial: Buffer | null): Outcome {
  // The AUTH line itself is a command (the session gives it the command's key), not a SASL response.
  const note = initial ? { secret: true, layer: 'L6' as const, decoded: showNuls(initial) } : { layer: 'L6' as const };
  switch (mechanism) {
    case 'PLAIN':
      if (initial) return { ...verifyPlain(ctx, initial), note };
      return { replies: ['334 '], layers: ['L6'], next: 'AUTH', pending: new SaslExchange({ kind: 'plain' }), note };
    case 'LOGIN':
      if (initial) {
        const pending = new SaslExchange({ kind: 'login-password', user: initial.toString('utf8') });
        return { replies: [LOGIN_PASSWORD], layers: ['L6'], next: 'AUTH', pending, note };
      }
      return { replies: [LOGIN_USERNAME], layers: ['L6'], next: 'AUTH', pending: new SaslExchange({ kind: 'login-user' }), note };
    case 'CRAM-MD5': {
      const challenge = ctx.env.cramChallenge(ctx.config.hostname);
      const pending = new SaslExchange({ kind: 'cram', challenge });
      return { replies: [`334 ${encodeBase64(challenge)}`], layers: ['L6'], next: 'AUTH', pending, note };
    }
  }
}
