import type { Lang } from '../i18n.js';
import type { AuthDns, AuthStep, DkimCheck, DmarcCheck, SignOptions, SpfCheck } from '../mailauth/types.js';
import type { TutorLabDns } from './lab-types.js';

/**
 * What the tutor needs of the mail-authentication engine (src/mailauth), in one interface: the
 * steps that teach SPF, DKIM and DMARC never check anything themselves. auth-engine-lab.ts is
 * the real one; a test may hand in another.
 */
export interface AuthEngine {
  /** RFC 7208 4: the connecting address, the MAIL FROM ('' for the null sender) and the HELO name. */
  checkSpf(ip: string, mailFrom: string, helo: string, dns: AuthDns): Promise<SpfCheck>;
  /** RFC 6376 6: one result per DKIM-Signature field. */
  verifyDkim(message: Buffer, dns: AuthDns): Promise<DkimCheck[]>;
  /** RFC 7489 3.1, 6.6: the header From's address, and the results DMARC builds on. */
  checkDmarc(headerFrom: string, spf: SpfCheck, dkim: DkimCheck[], dns: AuthDns): Promise<DmarcCheck>;
  /** The DKIM-Signature field (folded, without its final CRLF) for a message (RFC 6376 5). */
  signDkim(message: Buffer, opts: SignOptions): string;
  /** The lab's signing key: its domain, selector and private half (public on purpose: it signs lab mail only). */
  labKey: { domain: string; selector: string; privateKey: string };
  /** DNS questions to the lab's own resolver, never elsewhere. */
  dnsFor(lab: TutorLabDns): AuthDns;
  /** One step of a check in the learner's language. */
  stepText(lang: Lang, step: AuthStep): string;
}
