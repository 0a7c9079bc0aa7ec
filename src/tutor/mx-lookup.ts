import { RCODES, RR_TYPES, type ResourceRecord } from '../protocols/dns/types.js';
import { typeNumber } from '../protocols/dns/codec/index.js';
import { code, note, say } from './present.js';
import type { LessonContext } from './context.js';
import type { AskedQuery } from './dns-ask.js';
import { askDns, showDnsExchange, type DnsExchange } from './dns-exchange.js';
import { dnsMsg } from './dns-messages.js';
import type { TutorLabDns } from './lab-types.js';

/**
 * What a sending mail server does before it relays (RFC 5321 5.1): it asks DNS for the MX
 * records of the recipient's domain and takes the lowest preference; with no MX at all, the
 * domain's own address is the implicit MX; a null MX (`MX 0 .`, RFC 7505 3) or a domain that
 * does not exist (NXDOMAIN) leaves nowhere to deliver, and the mail goes back to its sender
 * (a bounce: a delivery status notification, RFC 3464). Every query is shown as the lesson's
 * own queries are, with its answer and TTL.
 */
export type Route = 'mx' | 'a' | 'bounce';

export interface LookupResult {
  route: Route;
  /** Why a bounce: the enhanced status code (RFC 3463) and a short reason. */
  status?: string;
}

function question(name: string, type: string): AskedQuery {
  return { type, qtype: typeNumber(type) ?? RR_TYPES.A, name, rd: true, server: null, tcp: false };
}

async function asked(ctx: LessonContext, dns: TutorLabDns, name: string, type: string): Promise<DnsExchange> {
  const ex = await askDns(dns, question(name, type), ctx.timeoutMs);
  showDnsExchange(ctx, ex, false);
  return ex;
}

const byPreference = (a: ResourceRecord, b: ResourceRecord) => (a.data.kind === 'MX' && b.data.kind === 'MX' ? a.data.preference - b.data.preference : 0);

/** The first A record of a response, with its TTL. */
function addressOf(ex: DnsExchange): { address: string; ttl: number } | null {
  const rr = ex.response?.answers.find((r) => r.data.kind === 'A');
  return rr?.data.kind === 'A' ? { address: rr.data.address, ttl: rr.ttl } : null;
}

/** No MX: the implicit MX is the domain's own address (RFC 5321 5.1), or there is none and the mail bounces. */
async function implicitMx(ctx: LessonContext, dns: TutorLabDns, domain: string, to: string): Promise<LookupResult> {
  note(ctx, dnsMsg(ctx.lang, 'mxNone', { domain }));
  const a = addressOf(await asked(ctx, dns, domain, 'A'));
  if (!a) {
    note(ctx, dnsMsg(ctx.lang, 'mxNoAddress', { domain }));
    return { route: 'bounce', status: '5.1.2' };
  }
  note(ctx, dnsMsg(ctx.lang, 'mxImplicit', { domain, address: a.address, ttl: a.ttl, to }));
  return { route: 'a' };
}

/** Look the domain up as a sending server does; `to` names the lab that plays the server found. */
export async function lookupRoute(ctx: LessonContext, dns: TutorLabDns, domain: string, to: string): Promise<LookupResult> {
  say(ctx, dnsMsg(ctx.lang, 'mxLookup', { domain }));
  const ex = await asked(ctx, dns, domain, 'MX');
  const m = ex.response;
  // RFC 3463 3.3: X.1.2, bad destination system address: the domain does not exist.
  if (!m || m.header.rcode === RCODES.NXDOMAIN) {
    note(ctx, dnsMsg(ctx.lang, 'mxNxdomain', { domain }));
    return { route: 'bounce', status: '5.1.2' };
  }
  const mx = m.answers.filter((rr) => rr.data.kind === 'MX').sort(byPreference)[0];
  if (!mx || mx.data.kind !== 'MX') return implicitMx(ctx, dns, domain, to);
  // RFC 7505 4.2: a null MX gets 556 / 5.1.10 (recipient address has null MX).
  if (mx.data.exchange === '') {
    note(ctx, dnsMsg(ctx.lang, 'mxNullMx', { domain }));
    return { route: 'bounce', status: '5.1.10' };
  }
  note(ctx, dnsMsg(ctx.lang, 'mxFound', { exchange: mx.data.exchange, preference: mx.data.preference, ttl: mx.ttl, to }));
  const a = addressOf(await asked(ctx, dns, mx.data.exchange, 'A'));
  if (a) note(ctx, dnsMsg(ctx.lang, 'mxAddress', { name: mx.data.exchange, address: a.address, ttl: a.ttl }));
  return { route: 'mx' };
}

/** The bounce a real server would send back (RFC 3464 2: a multipart/report with a per-recipient status), in brief. */
export function showBounce(ctx: LessonContext, sender: string, recipient: string, status: string): void {
  say(ctx, dnsMsg(ctx.lang, 'bounceHead', { sender }));
  const lines = [
    'From: Mail Delivery System <MAILER-DAEMON@sending.lab.example>',
    `To: <${sender}>`,
    'Subject: Undelivered Mail Returned to Sender',
    'Content-Type: multipart/report; report-type=delivery-status',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    `Status: ${status}`,
  ];
  for (const l of lines) code(ctx, l);
}
