/**
 * SPF, RFC 7208: may this address send mail for this domain? check_host() (4) over the lab DNS,
 * every DNS question and every mechanism tried a step the learner sees.
 */
import { MAILAUTH_LIMITS } from './limits.js';
import { answerText } from './dns-text.js';
import { expandMacros, inNetwork, isSpfRecord, parseRecord, type Mechanism } from './spf-terms.js';
import type { AuthDns, AuthResult, AuthStep, SpfCheck } from './types.js';

/** What one check_host() shares with the ones it calls (include, redirect): the limits count across them (RFC 7208 4.6.4). */
interface Run {
  ip: string;
  sender: string;
  helo: string;
  dns: AuthDns;
  steps: AuthStep[];
  lookups: number;
  voids: number;
  /** The first record found: the checked domain's own, kept when a limit or an include ends the check early. */
  record?: string;
}

interface HostResult {
  result: AuthResult;
  record?: string;
  matched?: string;
}

/** Thrown to end the whole check at once: a spent limit, a macro the lab does not expand, a DNS failure (RFC 7208 4.6.4, 7, 5). */
class Abort extends Error {
  constructor(readonly result: 'permerror' | 'temperror') {
    super(result);
  }
}

const QUALIFIED: Record<string, AuthResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

export async function checkSpf(ip: string, mailFrom: string, helo: string, dns: AuthDns): Promise<SpfCheck> {
  const steps: AuthStep[] = [];
  const from = mailFrom.trim().replace(/^<(.*)>$/, '$1');
  // RFC 7208 2.4: with an empty MAIL FROM (a bounce) the identity checked is postmaster@<HELO name>.
  const sender = from === '' ? `postmaster@${helo}` : from.includes('@') ? from : `postmaster@${from}`;
  if (from === '') steps.push({ key: 'spf.empty-mail-from', params: { helo } });
  const domain = sender.slice(sender.lastIndexOf('@') + 1).toLowerCase().replace(/\.$/, '');
  const run: Run = { ip, sender, helo, dns, steps, lookups: 0, voids: 0 };
  let host: HostResult;
  try {
    host = await checkHost(run, domain, 0);
  } catch (err) {
    if (!(err instanceof Abort)) throw err;
    host = { result: err.result, ...(run.record ? { record: run.record } : {}) };
  }
  steps.push({ key: 'spf.result', params: { result: host.result, domain, ip } });
  return { result: host.result, domain, ip, ...(host.record ? { record: host.record } : {}), ...(host.matched ? { matched: host.matched } : {}), steps };
}

/** RFC 4.3: a name check_host() can look up: dot-separated labels of 1-63 characters, at least two of them. */
function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  return domain.length <= 253 && labels.length >= 2 && labels.every((l) => l.length > 0 && l.length <= 63);
}

async function checkHost(run: Run, domain: string, depth: number): Promise<HostResult> {
  if (!validDomain(domain)) {
    run.steps.push({ key: 'spf.bad-domain', params: { domain } });
    return { result: 'none' };
  }
  const found = await selectRecord(run, domain);
  if ('result' in found) return found;
  const parsed = parseRecord(found.record);
  if (!parsed.ok) {
    // RFC 7208 4.6: a syntax error anywhere is a permerror before any term is evaluated.
    run.steps.push({ key: 'spf.syntax', params: { domain, term: parsed.term } });
    return { result: 'permerror', record: found.record };
  }
  for (const mech of parsed.record.mechanisms) {
    const outcome = await tryMechanism(run, mech, domain, depth);
    if (outcome !== 'no-match') return { result: outcome, record: found.record, matched: mech.text };
  }
  if (parsed.record.redirect !== undefined) return { ...(await redirect(run, parsed.record.redirect, domain, depth)), record: found.record };
  // RFC 7208 4.7: no mechanism matched and no redirect: neutral.
  run.steps.push({ key: 'spf.default-neutral', params: { domain } });
  return { result: 'neutral', record: found.record };
}

/** RFC 7208 4.4-4.5: the TXT records of the domain, exactly one of which starts with v=spf1. */
async function selectRecord(run: Run, domain: string): Promise<{ record: string } | HostResult> {
  const answer = await run.dns.txt(domain);
  run.steps.push({ key: 'spf.lookup', params: { domain }, dns: { name: domain, type: 'TXT', answer: answerText(answer) } });
  // RFC 7208 4.4: a DNS error is temperror; a name that does not exist has no record: none (4.3).
  if (answer.kind === 'error') return { result: 'temperror' };
  const records = answer.kind === 'records' ? answer.records.filter(isSpfRecord) : [];
  if (records.length === 0) {
    run.steps.push({ key: 'spf.no-record', params: { domain } });
    return { result: 'none' };
  }
  if (records.length > 1) {
    run.steps.push({ key: 'spf.multiple-records', params: { domain, count: String(records.length) } });
    return { result: 'permerror' };
  }
  const record = records[0]!;
  if (record.length > MAILAUTH_LIMITS.spfRecordChars) {
    run.steps.push({ key: 'spf.record-too-long', params: { domain, length: String(record.length), limit: String(MAILAUTH_LIMITS.spfRecordChars) } });
    return { result: 'permerror' };
  }
  run.steps.push({ key: 'spf.record', params: { domain, record } });
  run.record ??= record;
  return { record };
}

/** A mechanism's result when it matches (its qualifier, RFC 7208 4.6.2), else 'no-match'. */
async function tryMechanism(run: Run, mech: Mechanism, domain: string, depth: number): Promise<AuthResult | 'no-match'> {
  if (['include', 'a', 'mx', 'ptr', 'exists'].includes(mech.name)) countLookup(run, mech.text);
  const matched = await matches(run, mech, domain, depth);
  run.steps.push({ key: matched ? 'spf.match' : 'spf.no-match', params: { term: mech.text, domain, ip: run.ip } });
  return matched ? (QUALIFIED[mech.qualifier] as AuthResult) : 'no-match';
}

async function matches(run: Run, mech: Mechanism, domain: string, depth: number): Promise<boolean> {
  switch (mech.name) {
    case 'all':
      return true;
    case 'ip4':
    case 'ip6':
      return inNetwork(run.ip, mech.network!, mech.name === 'ip4' ? mech.cidr4 : mech.cidr6);
    case 'a':
      return anyInNetwork(run, mech, await addressesOf(run, target(run, mech, domain)));
    case 'mx':
      return mxMatches(run, mech, target(run, mech, domain));
    case 'ptr':
      // RFC 7208 5.5: ptr "SHOULD NOT be published": slow, unreliable, and a load on the .arpa servers. The lab never matches it.
      run.steps.push({ key: 'spf.ptr-skipped', params: { term: mech.text } });
      return false;
    case 'exists':
      return ((await addressesOf(run, target(run, mech, domain), 'A')) ?? []).length > 0;
    case 'include':
      return include(run, target(run, mech, domain), depth);
  }
}

/** RFC 7208 5.2: include matches on pass; temperror stays temperror; permerror or none becomes permerror. */
async function include(run: Run, name: string, depth: number): Promise<boolean> {
  run.steps.push({ key: 'spf.include', params: { domain: name } });
  const inner = await checkHost(run, name, depth + 1);
  if (inner.result === 'temperror') throw new Abort('temperror');
  if (inner.result === 'permerror' || inner.result === 'none') {
    run.steps.push({ key: 'spf.include-error', params: { domain: name, result: inner.result } });
    throw new Abort('permerror');
  }
  return inner.result === 'pass';
}

/** RFC 7208 6.1: redirect= replaces this record's result with the target's; a target without a record is a permerror. */
async function redirect(run: Run, spec: string, domain: string, depth: number): Promise<HostResult> {
  countLookup(run, `redirect=${spec}`);
  const name = expand(run, spec, domain);
  run.steps.push({ key: 'spf.redirect', params: { domain: name } });
  const inner = await checkHost(run, name, depth + 1);
  if (inner.result === 'none') {
    run.steps.push({ key: 'spf.redirect-none', params: { domain: name } });
    return { result: 'permerror' };
  }
  return { result: inner.result, ...(inner.matched ? { matched: inner.matched } : {}) };
}

async function mxMatches(run: Run, mech: Mechanism, name: string): Promise<boolean> {
  const hosts = await run.dns.mx(name);
  run.steps.push({ key: 'spf.lookup', params: { domain: name }, dns: { name, type: 'MX', answer: hosts === null ? 'error' : hosts.join(' ') || 'no data' } });
  if (hosts === null) throw dnsError(run, name);
  if (hosts.length === 0) countVoid(run, name);
  // RFC 7208 4.6.4: more than 10 MX names is a permerror.
  if (hosts.length > MAILAUTH_LIMITS.spfMxNames) {
    run.steps.push({ key: 'spf.mx-limit', params: { domain: name, count: String(hosts.length) } });
    throw new Abort('permerror');
  }
  for (const host of hosts) if (anyInNetwork(run, mech, await addressesOf(run, host))) return true;
  return false;
}

function anyInNetwork(run: Run, mech: Mechanism, addresses: string[] | null): boolean {
  return (addresses ?? []).some((a) => inNetwork(run.ip, a, a.includes(':') ? mech.cidr6 : mech.cidr4));
}

/**
 * The addresses of a name. The lab asks for A and AAAA together and keeps the client's family
 * (RFC 7208 5.3 asks only the family of <ip>); exists asks A only (5.7), which here means IPv4 ones.
 */
async function addressesOf(run: Run, name: string, only?: 'A'): Promise<string[] | null> {
  const all = await run.dns.addresses(name);
  if (all === null) {
    run.steps.push({ key: 'spf.lookup', params: { domain: name }, dns: { name, type: only ?? 'A', answer: 'error' } });
    throw dnsError(run, name);
  }
  const family = only === 'A' || !run.ip.includes(':') ? (a: string) => !a.includes(':') : (a: string) => a.includes(':');
  const kept = all.filter(family);
  const type = only ?? (run.ip.includes(':') ? 'AAAA' : 'A');
  run.steps.push({ key: 'spf.lookup', params: { domain: name }, dns: { name, type, answer: kept.join(' ') || 'no data' } });
  if (kept.length === 0) countVoid(run, name);
  return kept;
}

function target(run: Run, mech: Mechanism, domain: string): string {
  return mech.domainSpec === undefined ? domain : expand(run, mech.domainSpec, domain);
}

function expand(run: Run, spec: string, domain: string): string {
  const out = expandMacros(spec, { sender: run.sender, domain, ip: run.ip, helo: run.helo });
  if (out.ok) return out.value.toLowerCase();
  run.steps.push({ key: out.reason === 'unsupported' ? 'spf.macro-unsupported' : 'spf.syntax', params: { domain, term: out.macro } });
  throw new Abort('permerror');
}

function countLookup(run: Run, term: string): void {
  run.lookups += 1;
  if (run.lookups > MAILAUTH_LIMITS.spfDnsLookups) {
    run.steps.push({ key: 'spf.lookup-limit', params: { term, limit: String(MAILAUTH_LIMITS.spfDnsLookups) } });
    throw new Abort('permerror');
  }
}

function countVoid(run: Run, name: string): void {
  run.voids += 1;
  if (run.voids > MAILAUTH_LIMITS.spfVoidLookups) {
    run.steps.push({ key: 'spf.void-limit', params: { domain: name, limit: String(MAILAUTH_LIMITS.spfVoidLookups) } });
    throw new Abort('permerror');
  }
}

function dnsError(run: Run, name: string): Abort {
  run.steps.push({ key: 'spf.dns-error', params: { domain: name } });
  return new Abort('temperror');
}

