import type { Protocol } from '../protocol.js';
import type { LineEvent } from './transcript.js';

/**
 * `serve`'s screen log and `--json-log` mask credentials (passwords, AUTH data) unless the
 * user asks for them with --show-secrets. Lessons do not mask: showing that base64 is not
 * encryption on the learner's own screen is what they teach.
 * Sessions mark such lines with `secret: true`; this decides what stays readable.
 *
 * The mark alone is not enough: a session sets it when it *understood* a line as a login, and a
 * line it refused (AUTH before EHLO, LOGIN with a stray quote or an extra argument, PASS in
 * the wrong state) carries the same password. So a client line is masked by what it could
 * carry, whatever the reply (issue 20): by its verb, the way a log filter would read it.
 */
const MASK = '****';

const KEEP_PREFIX: RegExp[] = [
  /^(\s*(?:Proxy-)?Authorization\s*:[ \t]*[!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]+\S.*$/i, // HTTP: the scheme stays readable, `Basic ****` (RFC 9110 11.6.2, 11.7.2)
  /^(\s*(?:(?:Proxy-)?Authorization|Cookie)\s*:).*$/i, // HTTP: a bare credential or token, or cookies (RFC 6265 5.4)
  /^(AUTH\s+\S+)\s.*$/i, // SMTP AUTH PLAIN <b64>, POP3 AUTH PLAIN <b64> (RFC 4954, RFC 5034)
  /^(PASS)\s.*$/i, // POP3 PASS (RFC 1939 7)
  /^(APOP\s+\S+)\s.*$/i, // POP3 APOP name digest (RFC 1939 7)
  /^(\S+\s+LOGIN\s+(?:"(?:[^"\\]|\\.)*"|\S+))\s.*$/i, // IMAP tag LOGIN user password (RFC 3501 6.2.3)
  /^(\S+\s+AUTHENTICATE\s+\S+)\s.*$/i, // IMAP tag AUTHENTICATE PLAIN <b64> (RFC 4959)
];

/** A command that only names the mechanism carries nothing secret yet (`AUTH PLAIN`, then 334). */
const NOTHING_YET = /^(?:AUTH\s+\S+|\S+\s+AUTHENTICATE\s+\S+)\s*$/i;

/**
 * Client lines whose verb announces a credential, in any state and with any syntax:
 * SMTP AUTH (RFC 4954 4), POP3 PASS and APOP (RFC 1939 7) and AUTH (RFC 5034 4),
 * IMAP LOGIN (RFC 3501 6.2.3) and AUTHENTICATE (RFC 3501 6.2.2, RFC 4959);
 * HTTP's credential fields Authorization and Proxy-Authorization (RFC 9110 11.6.2, 11.7.2) and
 * Cookie (RFC 6265 5.4: a session cookie is as good as a password), also when refused for
 * whitespace before the colon (RFC 9112 5.1), and any obs-fold line (RFC 9112 5.2), which
 * could be the folded rest of one of them.
 */
const COULD_CARRY: Partial<Record<Protocol, RegExp>> = {
  smtp: /^\s*AUTH\b/i,
  pop3: /^\s*(?:PASS|APOP|AUTH)\b/i,
  imap: /^\s*\S+\s+(?:LOGIN|AUTHENTICATE)\b/i,
  http: /^(?:\s*(?:(?:Proxy-)?Authorization|Cookie)\s*:|[ \t])/i,
};

/** Whether a client line of `protocol` begins with a verb that carries a credential. */
export function namesSecretVerb(protocol: Protocol, text: string): boolean {
  return COULD_CARRY[protocol]?.test(text) === true;
}

/** Whether a client line could carry a credential: a secret verb with more than the mechanism's name. */
export function couldCarrySecret(protocol: Protocol, text: string): boolean {
  return namesSecretVerb(protocol, text) && !NOTHING_YET.test(text);
}

/**
 * A client that sent `AUTH PLAIN` (or `a AUTHENTICATE LOGIN`, or LOGIN with a literal) may send
 * its base64 continuation lines (RFC 4954 4, RFC 3501 6.2.2) even when the command was refused:
 * a pipelining client, or a learner typing on after a 503. The next lines (LOGIN's user name
 * and password: two) are treated as secret too.
 */
export function continuationsAfter(protocol: Protocol, text: string): number {
  if (!namesSecretVerb(protocol, text)) return 0;
  return NOTHING_YET.test(text) || /\{\d+\+?\}\s*$/.test(text) ? 2 : 0;
}

/** A client line is secret when its session said so, or when its verb could carry a credential. */
export function isSecretLine(event: LineEvent): boolean {
  if (event.secret) return true;
  return event.direction === 'client' && couldCarrySecret(event.protocol, event.text);
}

/**
 * A server reply echoing a secret line keeps its status (`500 5.5.2`, `-ERR`, `* BAD`) and
 * nothing else; an IMAP tag is masked too, since a lone base64 line reads as a tag.
 */
const REPLY_STATUS = /^(?:\d{3}(?:[ -]\d\.\d{1,3}\.\d{1,3})?|[+-]\S*|\*\s+\S+)/i;
const TAGGED_STATUS = /^\S+\s+(OK|NO|BAD)\b/i;

function maskReply(text: string): string {
  const tagged = TAGGED_STATUS.exec(text);
  if (tagged) return `${MASK} ${tagged[1]} ${MASK}`;
  const status = REPLY_STATUS.exec(text)?.[0];
  return status ? `${status} ${MASK}` : MASK;
}

export function maskSecretText(text: string): string {
  if (NOTHING_YET.test(text)) return text;
  for (const re of KEEP_PREFIX) {
    const m = re.exec(text);
    if (m) return `${m[1]} ${MASK}`;
  }
  // A bare continuation line (base64 user name or password after 334 / +) is all secret.
  return MASK;
}

/** PLAIN's decoded form `authzid\0user\0password` keeps the user readable. */
export function maskDecoded(decoded: string): string {
  const i = decoded.lastIndexOf('\\0');
  return i >= 0 ? `${decoded.slice(0, i + 2)}${MASK}` : MASK;
}

export function maskEvent(event: LineEvent): LineEvent {
  if (!isSecretLine(event)) return event;
  return {
    ...event,
    text: event.direction === 'server' ? maskReply(event.text) : maskSecretText(event.text),
    ...(event.decoded !== undefined ? { decoded: maskDecoded(event.decoded) } : {}),
  };
}
