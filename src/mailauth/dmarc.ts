/**
 * DMARC, RFC 7489: does a passing SPF or DKIM result belong to the domain in the From field the
 * reader sees (alignment, 3.1), and what does that domain ask receivers to do when none does (6.3)?
 */
import { answerText } from './dns-text.js';
import type { AuthDns, AuthResult, AuthStep, DkimCheck, DmarcCheck, SpfCheck } from './types.js';

type Policy = 'none' | 'quarantine' | 'reject';
const POLICIES: readonly string[] = ['none', 'quarantine', 'reject'];

interface DmarcRecord {
  p: Policy;
  sp?: Policy;
  adkim: 'r' | 's';
  aspf: 'r' | 's';
}

/**
 * The organizational domain (RFC 7489 3.2). The RFC finds it with the Public Suffix List; the lab
 * takes a simpler rule that is right for its own names, all under test., com. and net.: the last two labels.
 */
export function organizationalDomain(domain: string): string {
  return domain.split('.').slice(-2).join('.');
}

/** The domain of a From field's value or of a bare address: "Alice <alice@example.com>" gives example.com. */
export function fromDomain(headerFrom: string): string | null {
  const angle = /<([^<>]*)>/.exec(headerFrom);
  const address = (angle ? angle[1]! : headerFrom).trim();
  const at = address.lastIndexOf('@');
  const domain = at < 0 ? '' : address.slice(at + 1).toLowerCase().replace(/\.$/, '');
  return /^[a-z0-9_-]+(\.[a-z0-9_-]+)+$/.test(domain) ? domain : null;
}

/** RFC 7489 3.1.1, 3.1.2: strict alignment is the same name; relaxed, the same organizational domain. */
export function aligned(identifier: string, from: string, mode: 'r' | 's'): boolean {
  const a = identifier.toLowerCase();
  return mode === 's' ? a === from : organizationalDomain(a) === organizationalDomain(from);
}

export async function checkDmarc(headerFrom: string, spf: SpfCheck, dkim: DkimCheck[], dns: AuthDns): Promise<DmarcCheck> {
  const steps: AuthStep[] = [];
  const domain = fromDomain(headerFrom);
  const base = { fromDomain: domain ?? '', spfAligned: false, dkimAligned: false, steps };
  if (!domain) {
    // RFC 7489 6.6.1: a message whose From domain cannot be found is outside DMARC; the lab says permerror.
    steps.push({ key: 'dmarc.no-from', params: { from: headerFrom.slice(0, 200) } });
    return { ...base, result: 'permerror' };
  }
  const found = await discover(domain, dns, steps);
  if ('result' in found) return { ...base, result: found.result };
  const { record, org } = found;
  const spfAligned = spf.result === 'pass' && aligned(spf.domain, domain, record.aspf);
  steps.push({ key: spfAligned ? 'dmarc.spf-aligned' : 'dmarc.spf-not-aligned', params: { spf: spf.result, domain: spf.domain, from: domain, mode: record.aspf } });
  const passing = dkim.filter((d) => d.result === 'pass' && d.domain !== undefined);
  const dkimAligned = passing.some((d) => aligned(d.domain!, domain, record.adkim));
  const dkimDomains = passing.map((d) => d.domain!).join(' ') || '-';
  steps.push({ key: dkimAligned ? 'dmarc.dkim-aligned' : 'dmarc.dkim-not-aligned', params: { domains: dkimDomains, from: domain, mode: record.adkim } });
  // 6.6.2: DMARC passes when at least one aligned identifier passes; SPF is the MAIL FROM result, postmaster@HELO for a bounce (4.1).
  const result: AuthResult = spfAligned || dkimAligned ? 'pass' : 'fail';
  // 6.3: sp= applies to subdomains found through the organizational domain's record.
  const policy = org && record.sp ? record.sp : record.p;
  steps.push({ key: result === 'pass' ? 'dmarc.pass' : 'dmarc.fail', params: { from: domain, policy } });
  return { ...base, result, policy, spfAligned, dkimAligned };
}

/**
 * RFC 7489 6.6.3: the records at _dmarc.<From domain> that begin with v=DMARC1; only when there
 * are none, those at _dmarc.<organizational domain>. Two or more records, or none at either, or
 * one that is not valid: policy discovery ends and DMARC does not apply (result none).
 */
async function discover(domain: string, dns: AuthDns, steps: AuthStep[]): Promise<{ record: DmarcRecord; org: boolean } | { result: AuthResult }> {
  const org = organizationalDomain(domain);
  for (const name of org === domain ? [domain] : [domain, org]) {
    const qname = `_dmarc.${name}`;
    const answer = await dns.txt(qname);
    steps.push({ key: 'dmarc.lookup', params: { name: qname }, dns: { name: qname, type: 'TXT', answer: answerText(answer) } });
    if (answer.kind === 'error') return { result: 'temperror' };
    const records = answer.kind === 'records' ? answer.records.filter((r) => /^v=DMARC1[ \t]*(;|$)/.test(r)) : [];
    if (records.length === 0) continue;
    const record = records.length === 1 ? parseDmarc(records[0]!) : null;
    if (!record) {
      steps.push({ key: 'dmarc.record-bad', params: { name: qname, count: String(records.length) } });
      return { result: 'none' };
    }
    steps.push({ key: 'dmarc.record', params: { name: qname, record: records[0]!, p: record.p, adkim: record.adkim, aspf: record.aspf } });
    return { record, org: name !== domain };
  }
  steps.push({ key: 'dmarc.none', params: { domain } });
  return { result: 'none' };
}

/** The tags the lab uses (RFC 7489 6.3): p (required), sp, adkim, aspf; pct, rua, ruf, fo, ri are read past. */
export function parseDmarc(text: string): DmarcRecord | null {
  const tags = new Map<string, string>();
  for (const spec of text.split(';')) {
    const eq = spec.indexOf('=');
    if (eq > 0) tags.set(spec.slice(0, eq).trim().toLowerCase(), spec.slice(eq + 1).trim());
  }
  const p = tags.get('p')?.toLowerCase();
  const sp = tags.get('sp')?.toLowerCase();
  const mode = (v: string | undefined): 'r' | 's' | null => (v === undefined || v.toLowerCase() === 'r' ? 'r' : v.toLowerCase() === 's' ? 's' : null);
  const adkim = mode(tags.get('adkim'));
  const aspf = mode(tags.get('aspf'));
  if (!adkim || !aspf) return null;
  const validP = p !== undefined && POLICIES.includes(p) && (sp === undefined || POLICIES.includes(sp));
  // 6.6.3: without a valid p= (or with a bad sp=) the record counts as p=none if it names a report address (rua=), else not at all.
  if (!validP) return tags.get('rua')?.toLowerCase().includes('mailto:') ? { p: 'none', adkim, aspf } : null;
  return { p: p as Policy, ...(sp ? { sp: sp as Policy } : {}), adkim, aspf };
}
