import { args } from './args.js';
import { multiline } from '../multiline.js';
import type { Pop3Spec } from '../types.js';
import { SASL_MECHANISMS } from './auth.js';

/**
 * What CAPA announces (RFC 2449 6). The list is the same in both states: capabilities of
 * AUTHORIZATION must be announced in TRANSACTION too (RFC 2449 5).
 * - TOP, UIDL: the optional commands of RFC 1939 7
 * - USER: USER/PASS login
 * - SASL: AUTH mechanisms (RFC 5034)
 * - RESP-CODES: -ERR may carry [IN-USE], [LOGIN-DELAY] (RFC 2449 8)
 * - AUTH-RESP-CODE: [AUTH] and [SYS/...] (RFC 3206)
 * - PIPELINING: the client may send commands without waiting (we answer them in order)
 * - IMPLEMENTATION: who we are, for people, not for programs
 */
export const CAPABILITIES: readonly string[] = [
  'TOP',
  'UIDL',
  'USER',
  `SASL ${SASL_MECHANISMS.join(' ')}`,
  'RESP-CODES',
  'AUTH-RESP-CODE',
  'PIPELINING',
  'IMPLEMENTATION l7lab',
];

/**
 * CAPA (RFC 2449 5): the capability list, one per line.
 * C: CAPA
 * S: +OK capability list follows
 * S: TOP
 * S: .
 */
export const capa: Pop3Spec<'AUTHORIZATION' | 'TRANSACTION'> = {
  name: 'CAPA',
  states: ['AUTHORIZATION', 'TRANSACTION'],
  args: args('CAPA'),
  syntax: 'CAPA',
  rfc: 'RFC 2449 5',
  handle(ctx) {
    // STLS only before TLS and only in AUTHORIZATION, where it may be used (RFC 2595 4).
    const stls = ctx.tls.starttls && !ctx.tls.secure && ctx.state === 'AUTHORIZATION' ? ['STLS'] : [];
    // Passwords in clear refused until TLS (RFC 2595 2.2): USER and SASL PLAIN are not
    // announced then, as Dovecot does with disable_plaintext_auth, so a client does not try
    // them; after STLS CAPA is asked again (RFC 2595 4) and lists them.
    const cleartextOff = ctx.tls.loginRequiresTls && !ctx.tls.secure;
    const caps = cleartextOff ? CAPABILITIES.filter((c) => c !== 'USER' && !c.startsWith('SASL ')) : CAPABILITIES;
    return { replies: multiline('+OK capability list follows', [...caps, ...stls]) };
  },
};
