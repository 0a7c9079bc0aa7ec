/** The mail-authentication engine: SPF (RFC 7208), DKIM (RFC 6376), DMARC (RFC 7489) over a DNS the caller gives. */
export type * from './types.js';
export { checkSpf } from './spf.js';
export { verifyDkim, signDkim, prependSignature, DEFAULT_SIGNED_HEADERS, type VerifyOptions } from './dkim.js';
export { checkDmarc, organizationalDomain, fromDomain } from './dmarc.js';
export { labAuthDns, resolverAuthDns } from './lab-dns.js';
export { AUTH_TEXTS, authStepText, type AuthText } from './messages.js';
export { LAB_DKIM_DOMAIN, LAB_DKIM_PRIVATE_KEY, LAB_DKIM_PUBLIC_KEY, LAB_DKIM_SELECTOR, LAB_DKIM_KEY_RECORD } from './lab-key.js';
export { checkMessage, authenticationResults, headerFrom, type MessageAuth, type ReceivedMessage } from './check-message.js';
