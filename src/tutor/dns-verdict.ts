import { rcodeName, typeName } from '../protocols/dns/codec/index.js';
import { isReferral as shownAsReferral } from '../protocols/dns/lines.js';
import { RCODES, RR_TYPES, type DnsMessage, type RrTypeName } from '../protocols/dns/types.js';
import type { StepOf } from './schema.js';

/**
 * Whether a DNS response is the one a `query` step expects, part by part, so a miss can say
 * which part differs. Pure: a decoded message in, the parts that differ out.
 */
export type QueryExpect = StepOf<'query'>['expect'];

/** What of a response a step can expect, named as the learner reads it. */
export type ExpectPart = 'rcode' | 'answer' | 'aa' | 'referral' | 'nodata' | 'soa' | 'match';

export interface ExpectMiss {
  part: ExpectPart;
  /** What the step wanted and what came, as short text (`NOERROR`, `MX`, `AA set`). */
  want: string;
  got: string;
}

/** RFC 1034 4.3.2 step 3b: practice dns's referral (no answer, not authoritative, NS of a closer zone in authority), and NOERROR. */
export function isReferral(m: DnsMessage): boolean {
  return m.header.rcode === RCODES.NOERROR && shownAsReferral(m);
}

/** RFC 2308 2.2: NOERROR, no answer, and not a referral: the name exists, the type does not. */
export function isNodata(m: DnsMessage): boolean {
  return m.header.rcode === RCODES.NOERROR && m.answers.length === 0 && !isReferral(m);
}

const flag = (on: boolean) => (on ? 'set' : 'clear');

function typesIn(m: DnsMessage): string {
  return m.answers.length === 0 ? '-' : [...new Set(m.answers.map((rr) => typeName(rr.type)))].join(' ');
}

/** Every part of `expect` the response does not meet; empty when it is the expected one. `lines` is the response as shown. */
export function expectMisses(expect: QueryExpect, m: DnsMessage, lines: readonly string[], match?: string): ExpectMiss[] {
  const out: ExpectMiss[] = [];
  const rcode = rcodeName(m.header.rcode);
  if (rcode !== expect.rcode) out.push({ part: 'rcode', want: expect.rcode, got: rcode });
  if (expect.answer !== undefined && !m.answers.some((rr) => rr.type === RR_TYPES[expect.answer as RrTypeName])) {
    out.push({ part: 'answer', want: expect.answer, got: typesIn(m) });
  }
  if (expect.aa !== undefined && m.header.aa !== expect.aa) out.push({ part: 'aa', want: `AA ${flag(expect.aa)}`, got: `AA ${flag(m.header.aa)}` });
  if (expect.referral !== undefined && isReferral(m) !== expect.referral) out.push({ part: 'referral', want: expect.referral ? 'referral' : 'no referral', got: isReferral(m) ? 'referral' : 'no referral' });
  if (expect.nodata !== undefined && isNodata(m) !== expect.nodata) out.push({ part: 'nodata', want: expect.nodata ? 'NODATA' : 'data', got: isNodata(m) ? 'NODATA' : typesIn(m) });
  const hasSoa = m.authority.some((rr) => rr.type === RR_TYPES.SOA);
  if (expect.soa !== undefined && hasSoa !== expect.soa) out.push({ part: 'soa', want: expect.soa ? 'SOA in authority' : 'no SOA', got: hasSoa ? 'SOA in authority' : 'no SOA' });
  if (match !== undefined && !new RegExp(match, 'im').test(lines.join('\n'))) out.push({ part: 'match', want: `/${match}/`, got: '-' });
  return out;
}

/** The step's expectation in one short label, for MISMATCH lines: `NOERROR MX`, `NOERROR referral`. */
export function expectLabel(expect: QueryExpect): string {
  const parts: string[] = [expect.rcode];
  if (expect.answer) parts.push(expect.answer);
  if (expect.referral) parts.push('referral');
  if (expect.nodata) parts.push('NODATA');
  if (expect.aa !== undefined) parts.push(`AA ${flag(expect.aa)}`);
  if (expect.soa) parts.push('SOA');
  return parts.join(' ');
}

/** The response in the same words: `NOERROR MX AA clear`. */
export function responseLabel(m: DnsMessage): string {
  const kind = isReferral(m) ? 'referral' : isNodata(m) ? 'NODATA' : typesIn(m);
  return `${rcodeName(m.header.rcode)} ${kind} AA ${flag(m.header.aa)}`;
}

