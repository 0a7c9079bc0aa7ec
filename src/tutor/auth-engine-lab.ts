import { LAB_DKIM_DOMAIN, LAB_DKIM_PRIVATE_KEY, LAB_DKIM_SELECTOR, authStepText, checkSpf, resolverAuthDns } from '../mailauth/index.js';
import type { AuthEngine } from './auth-engine.js';

/**
 * The real engine (src/mailauth) behind the tutor's AuthEngine: the lab's DNS resolver for every
 * question, the lab key for signing. No check is written here.
 */
const notYet = (what: string): never => {
  throw new Error(`${what} is not in the mail-authentication engine yet`);
};

export const labAuthEngine: AuthEngine = {
  checkSpf,
  verifyDkim: async () => notYet('DKIM verify'),
  checkDmarc: async () => notYet('DMARC'),
  signDkim: () => notYet('DKIM signing'),
  labKey: { domain: LAB_DKIM_DOMAIN, selector: LAB_DKIM_SELECTOR, privateKey: LAB_DKIM_PRIVATE_KEY },
  dnsFor: (dns) => resolverAuthDns(dns.resolver),
  stepText: (lang, step) => authStepText(step, lang),
};
