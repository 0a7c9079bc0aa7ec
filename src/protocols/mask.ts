import type { LineEvent } from './transcript.js';

/**
 * `serve`'s screen log and `--json-log` mask credentials (passwords, AUTH data) unless the
 * user asks for them with --show-secrets. Lessons do not mask: showing that base64 is not
 * encryption on the learner's own screen is what they teach.
 * Sessions mark such lines with `secret: true`; this decides what stays readable.
 */
const MASK = '****';

const KEEP_PREFIX: RegExp[] = [
  /^(AUTH\s+\S+)\s.*$/i, // SMTP AUTH PLAIN <b64>, POP3 AUTH PLAIN <b64> (RFC 4954, RFC 5034)
  /^(PASS)\s.*$/i, // POP3 PASS (RFC 1939 7)
  /^(APOP\s+\S+)\s.*$/i, // POP3 APOP name digest (RFC 1939 7)
  /^(\S+\s+LOGIN\s+(?:"(?:[^"\\]|\\.)*"|\S+))\s.*$/i, // IMAP tag LOGIN user password (RFC 3501 6.2.3)
  /^(\S+\s+AUTHENTICATE\s+\S+)\s.*$/i, // IMAP tag AUTHENTICATE PLAIN <b64> (RFC 4959)
];

/** A command that only names the mechanism carries nothing secret yet (`AUTH PLAIN`, then 334). */
const NOTHING_YET = /^(?:AUTH\s+\S+|\S+\s+AUTHENTICATE\s+\S+)\s*$/i;

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
  if (!event.secret) return event;
  return {
    ...event,
    text: maskSecretText(event.text),
    ...(event.decoded !== undefined ? { decoded: maskDecoded(event.decoded) } : {}),
  };
}
