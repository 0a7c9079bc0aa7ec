import { apopDigest, cramDigest, decodeBase64, encodeBase64, plainResponse, showNuls } from '../protocols/sasl.js';
import { printable } from '../ui/printable.js';

/**
 * The shell's colon helpers: a colon never starts an SMTP, POP3 or IMAP command, so these
 * can never be mistaken for protocol input. The encoding helpers are pure functions over
 * sasl.ts, the same code the servers use to check what the learner sends.
 */
export const HELPER_NAMES = ['help', 'explain', 'state', 'b64', 'unb64', 'plain', 'cram', 'apop', 'qp', 'word', 'body', 'raw', 'history', 'quit'] as const;
export type HelperName = (typeof HELPER_NAMES)[number];

export interface HelperCall {
  name: string;
  args: string[];
  /** Everything after the helper's name, as typed (for `:b64 two words`). */
  rest: string;
}

export function isHelperName(name: string): name is HelperName {
  return (HELPER_NAMES as readonly string[]).includes(name);
}

/** `:b64 hello world` -> { name: 'b64', args: ['hello', 'world'], rest: 'hello world' }; null when no colon. */
export function parseHelper(line: string): HelperCall | null {
  const m = /^:(\S*)(?:\s(.*))?$/.exec(line.trim());
  if (!m) return null;
  const rest = m[2] ?? '';
  return { name: (m[1] as string).toLowerCase(), args: rest.split(/\s+/).filter((a) => a !== ''), rest };
}

/** RFC 4648 4 base64 of the UTF-8 text. */
export function b64(text: string): string {
  return encodeBase64(text);
}

/** The text inside strict base64, readable; null when it is not base64. */
export function unb64(text: string): string | null {
  const bytes = decodeBase64(text);
  return bytes ? printable(bytes) : null;
}

export interface PlainResult {
  /** The message before base64, NULs shown as \0. */
  decoded: string;
  /** What to send after `AUTH PLAIN` (or on the line after 334 / +). */
  response: string;
}

/** RFC 4616 2: base64 of authzid NUL authcid NUL password, with an empty authzid. */
export function plain(user: string, password: string): PlainResult {
  return { decoded: showNuls(`\0${user}\0${password}`), response: plainResponse(user, password) };
}

export interface CramResult {
  /** The challenge as text, decoded when it was given in base64. */
  challenge: string;
  digest: string;
  /** "user digest", before base64. */
  decoded: string;
  response: string;
}

/**
 * The challenge as text: a CRAM-MD5 challenge is a msg-id `<...>` (RFC 2195 2). Given as it
 * appears after `334 ` or `+ `, it is base64; given as `<...>`, it is the text itself.
 */
export function challengeText(arg: string): string {
  if (arg.startsWith('<')) return arg;
  const bytes = decodeBase64(arg);
  if (bytes && bytes.length > 0) {
    const text = bytes.toString('utf8');
    if (/^[\x20-\x7e]+$/.test(text)) return text;
  }
  return arg;
}

/** RFC 2195 2: the response is base64 of "user " + HMAC-MD5(secret, challenge) in hex. */
export function cram(challenge: string, user: string, secret: string): CramResult {
  const text = challengeText(challenge);
  const digest = cramDigest(text, secret);
  const decoded = `${user} ${digest}`;
  return { challenge: text, digest, decoded, response: encodeBase64(decoded) };
}

/**
 * The SASL challenge of a continuation reply: the text after `334 ` (RFC 4954 4) or `+ `
 * (RFC 3501 7.5, RFC 5034 4), so `:cram <user> <secret>` can use the last one seen.
 */
export function challengeOf(lines: readonly string[]): string | null {
  const text = /^(?:334|\+) ?(.*)$/.exec(lines[lines.length - 1] ?? '')?.[1];
  return text === undefined || text === '' ? null : text;
}

/** The `<...>` timestamp inside a POP3 greeting line, or the argument itself. */
export function timestampOf(text: string): string {
  return /<[^<>\s]*>/.exec(text)?.[0] ?? text;
}

/** RFC 1939 7: APOP digest = MD5(timestamp + shared secret), in lowercase hex. */
export function apop(timestamp: string, secret: string): { timestamp: string; digest: string } {
  const ts = timestampOf(timestamp);
  return { timestamp: ts, digest: apopDigest(ts, secret) };
}
