import type { Lang } from '../i18n.js';
import { DNS_KNOWLEDGE } from '../protocols/dns/knowledge/index.js';
import type { LineEvent, TranscriptHub } from '../protocols/transcript.js';
import type { ShownLine } from './render.js';

/**
 * What the lab's resolver did for one question, from the lab's own transcript: the questions it
 * sent upstream (RD=0, RFC 1034 5.3.3) and its notes (referral, cache hit, negative cache hit,
 * CNAME followed, SERVFAIL). Its events name the client's port, whatever session they belong to
 * (one per upstream exchange), so they are gathered by port, not by session as HubLink does.
 */
const SHOWN = new Set([
  'upstream-query', 'referral', 'nodata', 'follow-cname', 'upstream-timeout', 'tcp-retry', 'upstream-lame', 'upstream-mismatch',
  'restart-from-root', 'resolve-ns', 'cache-hit', 'cache-miss', 'negative-cache-hit', 'cache-store', 'negative-cache-store', 'servfail',
]);

export class ResolverTap {
  private readonly byPort = new Map<number, LineEvent[]>();
  private readonly detach: () => void;

  constructor(hub: TranscriptHub) {
    this.detach = hub.add((e) => {
      if (e.event !== 'line' || e.protocol !== 'dns' || !e.knowledge || !SHOWN.has(e.knowledge.key)) return;
      const list = this.byPort.get(e.port) ?? [];
      list.push(e);
      this.byPort.set(e.port, list);
    });
  }

  /** The resolver's steps for the question asked from `port`, as lines to show, explained. */
  take(port: number, lang: Lang): ShownLine[] {
    const events = this.byPort.get(port) ?? [];
    this.byPort.delete(port);
    return events.map((e) => ({ direction: e.direction, text: e.text, explanation: e.knowledge ? DNS_KNOWLEDGE.describe(e.knowledge, lang) : null }));
  }

  close(): void {
    this.detach();
  }
}
