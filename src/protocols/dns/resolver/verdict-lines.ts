/** The first line of each upstream reply in the transcript: what the reply meant for the walk. */
import type { DnsMessage } from '../types.js';
import type { Verdict } from './classify.js';
import type { ResolverLog } from './events.js';
import { dotted } from './names.js';
import { rcodeName } from './present.js';

export function logVerdict(log: ResolverLog, session: string, reply: DnsMessage, v: Verdict, host: string): void {
  const [summary, key, params] = describeVerdict(reply, v, host);
  log.reply(session, reply, summary, { key, params });
}

function describeVerdict(reply: DnsMessage, v: Verdict, host: string): [string, string, Record<string, string | number>] {
  const aa = reply.header.aa ? 'authoritative ' : '';
  switch (v.kind) {
    case 'answer':
      return [`${aa}answer: ${v.records.length} record(s)`, 'resolver answer', { count: v.records.length, chain: v.chain.length }];
    case 'cname':
      return [`CNAME to ${dotted(v.target)}: chasing it`, 'resolver cname', { target: v.target }];
    case 'referral':
      return [`referral to ${dotted(v.zone)} (${v.ns.length} server(s), ${v.glue.length} glue)`, 'resolver referral', { zone: v.zone, servers: v.ns.length, glue: v.glue.length }];
    case 'negative':
      return v.negative === 'NXDOMAIN'
        ? [`${dotted(v.name)} does not exist (NXDOMAIN)`, 'resolver nxdomain', { name: v.name }]
        : [`${dotted(v.name)} exists but has no such records (NODATA)`, 'resolver nodata', { name: v.name }];
    case 'loop':
      return [`CNAME loop at ${dotted(v.chain.at(-1)?.name ?? '')}`, 'resolver cname loop', { length: v.chain.length }];
    case 'lame':
      return [`${host} cannot help (${v.reason}): trying the next server`, 'resolver lame', { server: host, reason: v.reason, rcode: rcodeName(reply.header.rcode) }];
  }
}
