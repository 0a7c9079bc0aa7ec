import type { Lang } from '../../i18n.js';
import { RCODES } from '../../protocols/dns/types.js';
import { sameName } from '../../protocols/dns/codec/index.js';
import { parseAsk } from '../dns-ask.js';
import type { DnsExchange } from '../dns-exchange.js';
import { dnsMsg } from '../dns-messages.js';
import type { StepOf } from '../schema.js';

/**
 * One more sentence after a missed query, from what the server actually said, when it points
 * somewhere the step's own hint does not: NXDOMAIN for a name the step does not ask about is
 * most often a typo (RFC 1035 4.1.1: the name does not exist); REFUSED means the server asked
 * serves no zone for that name and does no recursion (RFC 1035 4.1.1, RFC 5358).
 */
export function queryHint(lang: Lang, ex: DnsExchange, step: StepOf<'query'>): string | null {
  const rcode = ex.response?.header.rcode;
  const want = parseAsk(step.query);
  const wantName = want.ok ? want.query.name : '';
  if (rcode === RCODES.NXDOMAIN && step.expect.rcode !== 'NXDOMAIN' && !sameName(ex.query.name, wantName)) {
    return dnsMsg(lang, 'queryTypo', { got: ex.query.name, want: wantName });
  }
  // The resolver refuses only what it cannot do (RD clear and nothing cached): the sentence about +norec says that already.
  if (rcode === RCODES.REFUSED && step.expect.rcode !== 'REFUSED' && ex.target.label !== 'resolver') return dnsMsg(lang, 'queryRefused', { server: ex.target.label });
  return null;
}
