import type { Lang } from '../i18n.js';
import { DNS_KNOWLEDGE } from '../protocols/dns/knowledge/index.js';
import { keyedLines } from '../protocols/dns/lines.js';
import { negativeTtl as soaNegativeTtl } from '../protocols/dns/negative.js';
import type { DnsMessage } from '../protocols/dns/types.js';
import type { ShownLine } from './render.js';

/**
 * A DNS message as the practice shell shows it: the lines dig prints with their keys
 * (protocols/dns/lines.ts), a section title (`;; ANSWER SECTION:`) before each section's first
 * record, each key said in the reader's language. The query is the client's side, the response the
 * server's. Pure.
 */
export function shownLines(m: DnsMessage, direction: 'client' | 'server', lang: Lang): ShownLine[] {
  const out: ShownLine[] = [];
  let section = '';
  for (const line of keyedLines(m)) {
    if (line.section !== section && ['answer', 'authority', 'additional'].includes(line.section) && line.key.key === 'rr') {
      out.push({ direction, text: `;; ${line.section.toUpperCase()} SECTION:`, explanation: DNS_KNOWLEDGE.describe({ key: 'section', params: { name: line.section } }, lang) });
    }
    if (line.key.key === 'rr' || line.key.key === 'question') section = line.section;
    out.push({ direction, text: line.text, explanation: DNS_KNOWLEDGE.describe(line.key, lang) });
  }
  return out;
}

/** A negative answer's cache time: min(SOA TTL, SOA minimum) of the SOA in authority (RFC 2308 5), or null. */
export function negativeTtl(m: DnsMessage): number | null {
  const soa = m.authority.find((r) => r.data.kind === 'SOA');
  return soa ? soaNegativeTtl(soa) : null;
}
