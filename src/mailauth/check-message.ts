/**
 * The three checks of one received message, as a receiving server runs them: SPF on the envelope
 * (the connecting address, MAIL FROM, HELO), DKIM on the signatures, DMARC on the From field; and
 * the Authentication-Results field (RFC 8601) that records them for the reader's mail program.
 */
import { verifyDkim, type VerifyOptions } from './dkim.js';
import { checkDmarc } from './dmarc.js';
import { splitMessage } from './message.js';
import { checkSpf } from './spf.js';
import type { AuthDns, DkimCheck, DmarcCheck, SpfCheck } from './types.js';

export interface ReceivedMessage {
  /** The address the SMTP client connected from. */
  ip: string;
  /** The MAIL FROM address, '' for a bounce (<>). */
  mailFrom: string;
  /** The EHLO/HELO name. */
  helo: string;
  message: Buffer;
}

export interface MessageAuth {
  spf: SpfCheck;
  dkim: DkimCheck[];
  dmarc: DmarcCheck;
}

/**
 * The From field's value, when the message has exactly one (RFC 5322 3.6 requires exactly one;
 * RFC 7489 6.6.1 lets a receiver treat anything else as unverifiable): '' otherwise.
 */
export function headerFrom(message: Buffer): string {
  const froms = splitMessage(message).fields.filter((f) => f.name.toLowerCase() === 'from');
  if (froms.length !== 1) return '';
  const raw = froms[0]!.raw;
  return raw.slice(raw.indexOf(':') + 1).replace(/\r\n/g, '').trim();
}

export async function checkMessage(received: ReceivedMessage, dns: AuthDns, opts: VerifyOptions = {}): Promise<MessageAuth> {
  const spf = await checkSpf(received.ip, received.mailFrom, received.helo, dns);
  const dkim = await verifyDkim(received.message, dns, opts);
  const dmarc = await checkDmarc(headerFrom(received.message), spf, dkim, dns);
  return { spf, dkim, dmarc };
}

/**
 * The Authentication-Results field (RFC 8601 2.2): the receiving server's name, then one
 * method=result per check with the property it checked: dkim header.d and header.s (RFC 8601
 * 2.7.1), spf smtp.mailfrom, or smtp.helo for a bounce (2.7.2), dmarc header.from (RFC 7489 11.2);
 * "dkim=none" when the message is unsigned.
 */
export function authenticationResults(authservId: string, auth: MessageAuth): string {
  const parts = [authservId];
  const bounce = auth.spf.steps.some((s) => s.key === 'spf.empty-mail-from');
  const spfProp = bounce ? `smtp.helo=${auth.spf.domain}` : `smtp.mailfrom=${auth.spf.domain}`;
  parts.push(`spf=${auth.spf.result} ${spfProp}`);
  if (auth.dkim.length === 0) parts.push('dkim=none');
  for (const d of auth.dkim) parts.push(`dkim=${d.result}${d.domain ? ` header.d=${d.domain}` : ''}${d.selector ? ` header.s=${d.selector}` : ''}`);
  const from = auth.dmarc.fromDomain;
  parts.push(`dmarc=${auth.dmarc.result}${from ? ` header.from=${from}` : ''}`);
  return `Authentication-Results: ${parts.join(';\r\n\t')}`;
}
