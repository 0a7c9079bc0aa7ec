/**
 * The contract of l7lab's mail-authentication checks (SPF, DKIM, DMARC), shared by the engine
 * (src/mailauth/*) and what teaches it (the spf-dkim lesson, its tutor step). The checks never
 * touch the network themselves: every DNS question goes through a `TxtLookup` the caller gives,
 * which in the lab is the lab's own resolver, so no lookup leaves the machine.
 *
 * Results use the words of the RFCs and of Authentication-Results (RFC 8601 2.7):
 * SPF RFC 7208 2.6; DKIM RFC 6376 (pass / fail / neutral / temperror / permerror / none);
 * DMARC RFC 7489 (pass / fail / none / temperror / permerror).
 */

export type AuthResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror';

/** What a DNS question for TXT records gave: the records (each one string, its character-strings joined, RFC 7208 3.3). */
export type TxtAnswer = { kind: 'records'; records: string[] } | { kind: 'nxdomain' } | { kind: 'nodata' } | { kind: 'error'; reason: string };

/** Asks the (lab) DNS for the TXT records of a name. */
export type TxtLookup = (name: string) => Promise<TxtAnswer>;

/** Asks the (lab) DNS for addresses (A and AAAA) or MX targets; needed by SPF's a and mx mechanisms (RFC 7208 5.3, 5.4). */
export interface AuthDns {
  txt: TxtLookup;
  /** The A and AAAA addresses of a name; [] when it has none or does not exist, null when the lookup failed (SPF temperror). */
  addresses(name: string): Promise<string[] | null>;
  /** The MX exchanges of a name, most preferred first; [] when it has none or does not exist, null when the lookup failed. */
  mx(name: string): Promise<string[] | null>;
}

/**
 * One step of a check, as the learner sees it: a knowledge key (rendered in en and ja by the
 * engine's messages) and the values it names. `dns` is set when the step was a DNS question.
 */
export interface AuthStep {
  key: string;
  params: Record<string, string>;
  dns?: { name: string; type: 'TXT' | 'A' | 'AAAA' | 'MX'; answer: string };
}

export interface SpfCheck {
  result: AuthResult;
  /** The domain checked: the MAIL FROM domain, or the HELO name when MAIL FROM is empty (RFC 7208 2.4). */
  domain: string;
  ip: string;
  /** The SPF record found, if any. */
  record?: string;
  /** The mechanism that matched, e.g. 'ip4:127.0.0.1' or '-all'. */
  matched?: string;
  steps: AuthStep[];
}

export interface DkimCheck {
  result: AuthResult;
  /** d= and s= of the signature (RFC 6376 3.5). */
  domain?: string;
  selector?: string;
  /** The header fields the signature covers (h=), in order. */
  signedHeaders: string[];
  /** Whether the body hash (bh=) matched the canonicalized body (RFC 6376 3.7). */
  bodyHashMatches?: boolean;
  steps: AuthStep[];
}

export interface DmarcCheck {
  result: AuthResult;
  /** The header From domain (RFC 7489 3.1: the identifier DMARC protects). */
  fromDomain: string;
  policy?: 'none' | 'quarantine' | 'reject';
  /** Which passing identifiers align with the From domain (RFC 7489 3.1.1, 3.1.2). */
  spfAligned: boolean;
  dkimAligned: boolean;
  steps: AuthStep[];
}

export interface SignOptions {
  domain: string;
  selector: string;
  /** PEM, PKCS#8 or PKCS#1 RSA private key. */
  privateKey: string;
  /** Header fields to sign, in order; a sensible default (From, To, Subject, Date, Message-ID, MIME-Version, Content-Type) when absent. */
  headers?: string[];
  /** For reproducible signatures in tests and lessons (t=, RFC 6376 3.5); now when absent. */
  time?: Date;
}

/** The words of one AuthStep key, in each language the tool speaks. */
export interface AuthText {
  en: string;
  ja: string;
}
