import { LAB_DKIM_DOMAIN, LAB_DKIM_PRIVATE_KEY, LAB_DKIM_SELECTOR, authStepText, authenticationResults, checkMessage, resolverAuthDns, signDkim } from '../mailauth/index.js';
import type { AuthEngine } from './auth-engine.js';

/**
 * The real engine (src/mailauth) behind the tutor's AuthEngine: the lab's DNS resolver for every
 * question, the lab key for signing. No check is written here.
 */
export const labAuthEngine: AuthEngine = {
  checkMessage: (received, dns) => checkMessage(received, dns),
  authenticationResults,
  signDkim,
  labKey: { domain: LAB_DKIM_DOMAIN, selector: LAB_DKIM_SELECTOR, privateKey: LAB_DKIM_PRIVATE_KEY },
  dnsFor: (dns) => resolverAuthDns(dns.resolver),
  stepText: (lang, step) => authStepText(step, lang),
};
