/**
 * Signing with DKIM (RFC 6376 5): rsa-sha256, relaxed/relaxed, the body hash bh= (3.7), the
 * signed fields h= (5.4) and the signature b= over them and over this very field with b= empty.
 */
import { createHash, sign } from 'node:crypto';
import { canonBody } from './canon.js';
import { headerHashInput } from './dkim-hash.js';
import { pickFields, splitMessage } from './message.js';
import type { SignOptions } from './types.js';

/** What is signed when the caller does not say (RFC 6376 5.4.1 recommends From, To, Subject, Date, Message-ID and the MIME fields). */
export const DEFAULT_SIGNED_HEADERS = ['From', 'To', 'Subject', 'Date', 'Message-ID', 'MIME-Version', 'Content-Type'];

/** Base64 folded into lines of at most `width` characters, each continuation a tab (FWS, RFC 6376 3.5 allows it in b=). */
function fold(b64: string, width = 72): string {
  const parts: string[] = [];
  for (let i = 0; i < b64.length; i += width) parts.push(b64.slice(i, i + width));
  return parts.join('\r\n\t');
}

/**
 * The DKIM-Signature header field for this message, folded, without a final CRLF: put it before
 * the message's header as `${field}\r\n` (prependSignature). Only fields present are listed in h=.
 */
export function signDkim(message: Buffer, opts: SignOptions): string {
  const { fields, body } = splitMessage(message);
  const present = (n: string): number => fields.filter((f) => f.name.toLowerCase() === n).length;
  // RFC 6376 5.4: the From field MUST be signed, so a message without one cannot be.
  if (present('from') === 0) throw new Error('the message has no From field, and DKIM must sign From (RFC 6376 5.4)');
  const wanted = [...new Set(['from', ...(opts.headers ?? DEFAULT_SIGNED_HEADERS).map((n) => n.toLowerCase())])];
  // A field present twice is listed twice, so both instances are signed (5.4.2); an absent one is left out.
  const unique = wanted.flatMap((n) => Array<string>(present(n)).fill(n));
  const bh = createHash('sha256').update(canonBody(body, 'relaxed'), 'latin1').digest('base64');
  const t = Math.floor((opts.time ?? new Date()).getTime() / 1000);
  const unsigned =
    `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=${opts.domain}; s=${opts.selector};\r\n` +
    `\tt=${t}; bh=${bh};\r\n\th=${unique.join(':')};\r\n\tb=`;
  const input = headerHashInput(pickFields(fields, unique), unsigned, 'relaxed');
  const b = sign('sha256', Buffer.from(input, 'latin1'), opts.privateKey).toString('base64');
  return unsigned + fold(b);
}

/** The message with the signature field on top, where a signer adds it (RFC 6376 5.6). */
export function prependSignature(message: Buffer, field: string): Buffer {
  return Buffer.concat([Buffer.from(`${field}\r\n`, 'latin1'), message]);
}
