import { randomBytes } from 'node:crypto';
import { cramChallenge } from '../sasl.js';

/**
 * The clock and the randomness an SMTP session needs, injected so the session itself stays
 * pure: tests pass fixed values and get byte-exact Received headers and CRAM challenges.
 */
export interface SmtpEnvironment {
  /** Time of receipt, for the Received header (RFC 5321 4.4). */
  now(): Date;
  /** A short unique id per accepted message: `250 ... queued as <id>`, Received `id`, Message-ID. */
  queueId(): string;
  /** A fresh CRAM-MD5 challenge per AUTH (RFC 2195 2). */
  cramChallenge(hostname: string): string;
}

// A random per-process prefix and a counter: unique like a random id, without asking the
// kernel for randomness once per message (it showed up in the ingest profile).
const QUEUE_PREFIX = randomBytes(4).toString('hex').toUpperCase();
let queueCounter = 0;

export const systemEnvironment: SmtpEnvironment = {
  now: () => new Date(),
  queueId: () => `${QUEUE_PREFIX}${(++queueCounter).toString(16).toUpperCase().padStart(6, '0')}`,
  cramChallenge: (hostname) => cramChallenge(hostname),
};
