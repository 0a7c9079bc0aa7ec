import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * SASL mechanisms and APOP, shared by the three servers and by the lessons that explain them.
 * Pure functions: encoding and digests only; which reply to send is each protocol's business.
 */

export type SaslMechanism = 'PLAIN' | 'LOGIN' | 'CRAM-MD5';

/** Strict base64 (RFC 4648 4): alphabet, padding, length a multiple of 4. Null when invalid. */
export function decodeBase64(text: string): Buffer | null {
  const t = text.trim();
  if (t.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(t)) return null;
  return Buffer.from(t, 'base64');
}

export function encodeBase64(text: string | Buffer): string {
  return Buffer.from(text).toString('base64');
}

export interface PlainCredentials {
  authzid: string;
  authcid: string;
  password: string;
}

/**
 * PLAIN (RFC 4616 2): message = [authzid] NUL authcid NUL passwd, in UTF-8.
 * Null when the message does not have exactly two NULs or a part is empty.
 */
export function parsePlain(message: Buffer): PlainCredentials | null {
  const parts = message.toString('utf8').split('\0');
  if (parts.length !== 3) return null;
  const [authzid, authcid, password] = parts as [string, string, string];
  if (authcid.length === 0 || password.length === 0) return null;
  return { authzid, authcid, password };
}

/** The AUTH PLAIN string a client sends: base64("\0user\0password"). */
export function plainResponse(user: string, password: string, authzid = ''): string {
  return encodeBase64(`${authzid}\0${user}\0${password}`);
}

/** Show a PLAIN message readably: NUL bytes as \0. */
export function showNuls(message: Buffer | string): string {
  return Buffer.from(message).toString('utf8').replace(/\0/g, '\\0');
}

/**
 * CRAM-MD5 challenge (RFC 2195 2): a unique msg-id-like string, `<random.timestamp@host>`.
 * Fresh per AUTH command so a recorded response can never be replayed.
 */
export function cramChallenge(host: string, now: number = Date.now()): string {
  return `<${randomBytes(8).readBigUInt64BE().toString()}.${now}@${host}>`;
}

/** HMAC-MD5(secret, challenge) in lowercase hex (RFC 2195 2, RFC 2104). */
export function cramDigest(challenge: string, secret: string): string {
  return createHmac('md5', secret).update(challenge).digest('hex');
}

/** What a CRAM-MD5 client sends back, before base64: "user digest". */
export function cramResponse(challenge: string, user: string, secret: string): string {
  return `${user} ${cramDigest(challenge, secret)}`;
}

/** Parse "user digest" (RFC 2195 2): the digest is 32 lowercase hex digits. */
export function parseCramResponse(message: Buffer): { user: string; digest: string } | null {
  const m = /^(\S+) ([0-9a-f]{32})$/.exec(message.toString('utf8'));
  if (!m) return null;
  return { user: m[1] as string, digest: m[2] as string };
}

/**
 * APOP timestamp (RFC 1939 7): a msg-id in angle brackets, unique per connection.
 */
export function apopTimestamp(host: string, pid: number = process.pid, now: number = Date.now()): string {
  return `<${pid}.${now}.${randomBytes(4).toString('hex')}@${host}>`;
}

/** APOP digest (RFC 1939 7): MD5(timestamp + shared secret), 32 lowercase hex digits. */
export function apopDigest(timestamp: string, secret: string): string {
  return createHash('md5').update(timestamp + secret).digest('hex');
}

/** Constant-time string comparison, so a digest check leaks nothing through timing. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
