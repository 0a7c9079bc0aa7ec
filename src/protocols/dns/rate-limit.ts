import { DNS_RATE_BURST, DNS_RATE_PER_SECOND, DNS_RATE_SLIP } from '../../limits.js';

/**
 * Per-source response rate limiting over UDP, the idea of BIND's RRL: a source address may have
 * `perSecond` responses a second, with a burst of `burst`; beyond that most queries are dropped
 * and every `slip`-th gets an empty truncated answer, so a real client behind a spoofed flood can
 * still get through over TCP (RFC 7766 5) while the flood is not amplified (RFC 8906 leaves silence
 * to such deliberate policy). Pure: the clock is injected. TCP is not limited: it cannot be spoofed.
 */
export interface RateLimit {
  perSecond: number;
  burst: number;
  slip: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: DNS_RATE_PER_SECOND, burst: DNS_RATE_BURST, slip: DNS_RATE_SLIP };

/** 'pass' answers; 'slip' answers empty with TC; 'drop' does not answer. `first` marks the first refusal of a run. */
export interface RateVerdict {
  action: 'pass' | 'slip' | 'drop';
  first: boolean;
}

interface Bucket {
  tokens: number;
  at: number;
  over: number;
}

/** Sources remembered at once; the table is cleared when it grows past this (a flood of spoofed sources). */
const MAX_SOURCES = 10_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {}

  take(source: string): RateVerdict {
    const t = this.now();
    let b = this.buckets.get(source);
    if (!b) {
      if (this.buckets.size >= MAX_SOURCES) this.buckets.clear();
      b = { tokens: this.limit.burst, at: t, over: 0 };
      this.buckets.set(source, b);
    } else {
      b.tokens = Math.min(this.limit.burst, b.tokens + ((t - b.at) / 1000) * this.limit.perSecond);
      b.at = t;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      b.over = 0;
      return { action: 'pass', first: false };
    }
    b.over += 1;
    const slip = this.limit.slip > 0 && b.over % this.limit.slip === 0;
    return { action: slip ? 'slip' : 'drop', first: b.over === 1 };
  }
}
