import type { Lang } from '../i18n.js';
import type { MessageAuth, ReceivedMessage } from '../mailauth/index.js';
import type { AuthDns, AuthStep, SignOptions } from '../mailauth/types.js';
import type { TutorLabDns } from './lab-types.js';

/**
 * What the tutor needs of the mail-authentication engine (src/mailauth), in one interface: the
 * steps that teach SPF, DKIM and DMARC never check anything themselves. auth-engine-lab.ts is
 * the real one; a test may hand in another.
 */
export interface AuthEngine {
  /** SPF on the envelope (RFC 7208), DKIM on the signatures (RFC 6376 6), DMARC on the From field (RFC 7489), as a receiver runs them. */
  checkMessage(received: ReceivedMessage, dns: AuthDns): Promise<MessageAuth>;
  /** The Authentication-Results field that records them (RFC 8601 2.2), folded. */
  authenticationResults(authservId: string, auth: MessageAuth): string;
  /** The DKIM-Signature field (folded, without its final CRLF) for a message (RFC 6376 5). */
  signDkim(message: Buffer, opts: SignOptions): string;
  /** The lab's signing key: its domain, selector and private half (public on purpose: it signs lab mail only). */
  labKey: { domain: string; selector: string; privateKey: string };
  /** DNS questions to the lab's own resolver, never elsewhere. */
  dnsFor(lab: TutorLabDns): AuthDns;
  /** One step of a check in the learner's language. */
  stepText(lang: Lang, step: AuthStep): string;
}
