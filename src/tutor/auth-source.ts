import type { MailStore } from '../mailstore/types.js';
import { headerOf, listOrEmpty } from './steps/mailbox.js';

/**
 * What a receiving server knows of a message when it checks it, taken from what the lab keeps:
 * - the connecting address and the HELO name, from the Received field the lab's own SMTP server
 *   put on top of the message (RFC 5321 4.4: `from <helo> ([127.0.0.1]) by <host>`, written by
 *   protocols/smtp/trace.ts). The store's envelope record has no address; the trace field has,
 *   and the top one is the receiving server's own, so the sender cannot forge it;
 * - the MAIL FROM, from the envelope the store kept with the transaction (RFC 5321 2.3.1),
 *   or the Return-Path the server added (RFC 5321 4.4) for a message stored without one.
 * The header From (RFC 5322 3.6.2), which DMARC protects, the engine reads from the message.
 */
export interface AuthSource {
  raw: Buffer;
  ip: string | null;
  helo: string | null;
  /** The server that added the trace field: the authserv-id of Authentication-Results (RFC 8601 2.5). */
  receivedBy: string | null;
  mailFrom: string;
}

export interface TraceFacts {
  ip: string | null;
  helo: string | null;
  by: string | null;
}

/** The facts of the first (topmost) Received field: the one the receiving server added. */
export function topReceived(raw: Buffer): TraceFacts {
  const value = headerOf(raw, 'received');
  if (value === '') return { ip: null, helo: null, by: null };
  const ip = /\(\[(?:IPv6:)?([0-9A-Fa-f.:]+)\]\)/.exec(value)?.[1] ?? null;
  const helo = /^from\s+(\S+)/i.exec(value)?.[1] ?? null;
  const by = /\bby\s+(\S+)/i.exec(value)?.[1] ?? null;
  return { ip, helo: helo === 'unknown' ? null : helo, by };
}

/** The newest message of a mailbox as a receiving server sees it, or null when the mailbox is empty. */
export async function newestAuthSource(store: MailStore, account: string, mailbox: string): Promise<AuthSource | null> {
  const metas = await listOrEmpty(store, account, mailbox);
  const meta = metas[metas.length - 1];
  if (!meta) return null;
  const raw = await store.read(account, mailbox, meta.uid);
  const trace = topReceived(raw);
  const envelope = (await store.transaction(meta.id))?.envelope;
  const returnPath = /^<?([^<>]*)>?$/.exec(headerOf(raw, 'return-path'))?.[1] ?? '';
  return {
    raw,
    ip: trace.ip,
    helo: trace.helo,
    receivedBy: trace.by,
    mailFrom: envelope ? envelope.from : returnPath,
  };
}
