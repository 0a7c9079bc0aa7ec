/**
 * The limits of the mail-authentication checks, each with where its number comes from. They keep
 * a hostile record or message (an include loop, a huge TXT, a hundred signatures) from costing more
 * than a real check would.
 */
export const MAILAUTH_LIMITS = {
  /** SPF: at most 10 terms that cause DNS lookups (include, a, mx, ptr, exists, redirect) per check (RFC 7208 4.6.4). */
  spfDnsLookups: 10,
  /** SPF: at most 2 lookups that return no records (NXDOMAIN or no data) (RFC 7208 4.6.4, "void lookups"). */
  spfVoidLookups: 2,
  /** SPF: at most 10 MX names looked up for one mx mechanism (RFC 7208 4.6.4). */
  spfMxNames: 10,
  /** SPF: the longest record we parse, in characters; a TXT record longer is a permerror (no RFC limit; a DNS message is at most 65535 octets, RFC 1035 4.2.2). */
  spfRecordChars: 4096,
  /** DKIM: signatures verified per message; further ones get permerror (RFC 6376 6.1 lets a verifier limit the number it checks). */
  dkimSignatures: 5,
  /** DKIM: smallest RSA key accepted (RFC 8301 3.2: keys under 1024 bits must not be treated as valid). */
  dkimMinKeyBits: 1024,
  /** DKIM: largest RSA key verified (RFC 8301 3.2: verifiers must be able to check 1024- to 4096-bit keys). */
  dkimMaxKeyBits: 4096,
  /** The lab DNS adapter: how long one question may take, in milliseconds. */
  dnsTimeoutMs: 3000,
} as const;
