/**
 * Verifying DKIM (RFC 6376 6): each DKIM-Signature field checked on its own, every stage a step:
 * the tags (6.1.1), the key from DNS (6.1.2), the body hash and the signature (6.1.3).
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonBody, canonHeader } from './canon.js';
import { headerHashInput } from './dkim-hash.js';
import { parseTags, readKeyRecord, readSignature, type Signature } from './dkim-tags.js';
import { answerText } from './dns-text.js';
import { MAILAUTH_LIMITS } from './limits.js';
import { pickFields, splitMessage, type HeaderField, type SplitMessage } from './message.js';
import type { AuthDns, AuthResult, AuthStep, DkimCheck } from './types.js';

export { signDkim, prependSignature, DEFAULT_SIGNED_HEADERS } from './dkim-sign.js';

export interface VerifyOptions {
  /** The verifier's clock for x= (RFC 6376 3.5); now when absent. */
  now?: Date;
}

/** One DkimCheck per DKIM-Signature field, top to bottom; none when the message is unsigned (RFC 6376 6.1: result none). */
export async function verifyDkim(message: Buffer, dns: AuthDns, opts: VerifyOptions = {}): Promise<DkimCheck[]> {
  const split = splitMessage(message);
  const signatures = split.fields.filter((f) => f.name.toLowerCase() === 'dkim-signature');
  const checks: DkimCheck[] = [];
  for (const [i, field] of signatures.entries()) {
    if (i >= MAILAUTH_LIMITS.dkimSignatures) {
      checks.push({ result: 'permerror', signedHeaders: [], steps: [{ key: 'dkim.too-many', params: { limit: String(MAILAUTH_LIMITS.dkimSignatures) } }] });
      continue;
    }
    checks.push(await verifyOne(split, field, dns, opts.now ?? new Date()));
  }
  return checks;
}

type Known = Omit<DkimCheck, 'result' | 'steps'>;

async function verifyOne(split: SplitMessage, field: HeaderField, dns: AuthDns, now: Date): Promise<DkimCheck> {
  const steps: AuthStep[] = [];
  const done = (result: AuthResult, key: string, params: Record<string, string>, known: Known = { signedHeaders: [] }): DkimCheck => {
    steps.push({ key, params });
    return { result, ...known, steps };
  };
  const tags = parseTags(field.raw.slice(field.raw.indexOf(':') + 1));
  if ('error' in tags) return done('permerror', 'dkim.tags-bad', { reason: tags.error });
  const sig = readSignature(tags);
  if ('error' in sig) return done('permerror', `dkim.sig-${sig.error}`, { value: sig.param ?? '' });
  const known: Known = { domain: sig.domain, selector: sig.selector, signedHeaders: sig.headers };
  steps.push({ key: 'dkim.signature', params: { domain: sig.domain, selector: sig.selector, canon: `${sig.headerCanon}/${sig.bodyCanon}`, headers: sig.headers.join(':') } });
  if (sig.expires !== undefined && sig.expires * 1000 < now.getTime()) return done('permerror', 'dkim.expired', { expires: new Date(sig.expires * 1000).toISOString() }, known);
  const key = await fetchKey(sig, dns, steps);
  if ('result' in key) return { ...known, result: key.result, steps };
  const bodyHashMatches = checkBody(split.body, sig, steps);
  if (!bodyHashMatches) return done('fail', 'dkim.result', { result: 'fail', domain: sig.domain }, { ...known, bodyHashMatches });
  const input = signedInput(split.fields, field, sig, steps);
  const good = verify('sha256', Buffer.from(input, 'latin1'), key.key, Buffer.from(sig.signature, 'base64'));
  steps.push({ key: good ? 'dkim.rsa-good' : 'dkim.rsa-bad', params: { domain: sig.domain, selector: sig.selector } });
  const result = good ? 'pass' : 'fail';
  return done(result, 'dkim.result', { result, domain: sig.domain }, { ...known, bodyHashMatches });
}

/** RFC 6376 6.1.2: the key record at <s>._domainkey.<d>; no record is a permerror, a DNS failure a temperror. */
async function fetchKey(sig: Signature, dns: AuthDns, steps: AuthStep[]): Promise<{ key: KeyObject } | { result: AuthResult }> {
  const name = `${sig.selector}._domainkey.${sig.domain}`;
  const answer = await dns.txt(name);
  steps.push({ key: 'dkim.key-lookup', params: { name }, dns: { name, type: 'TXT', answer: answerText(answer) } });
  const fail = (result: AuthResult, key: string, params: Record<string, string> = {}): { result: AuthResult } => {
    steps.push({ key, params: { name, ...params } });
    return { result };
  };
  if (answer.kind === 'error') return fail('temperror', 'dkim.key-dns-error');
  if (answer.kind !== 'records' || answer.records.length === 0) return fail('permerror', 'dkim.key-missing');
  const record = readKeyRecord(answer.records[0]!);
  if (record.kind === 'revoked') return fail('permerror', 'dkim.key-revoked');
  if (record.kind === 'bad') return fail('permerror', 'dkim.key-bad', { reason: record.reason });
  const key = publicKey(record.der);
  if (!key) return fail('permerror', 'dkim.key-bad', { reason: 'p= is not an RSA public key' });
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MAILAUTH_LIMITS.dkimMinKeyBits || bits > MAILAUTH_LIMITS.dkimMaxKeyBits) return fail('permerror', 'dkim.key-size', { bits: String(bits) });
  // t=s: the i= domain must be d= itself, not a subdomain (3.6.1).
  if (record.flags.includes('s') && sig.identity !== undefined && sig.identity.slice(sig.identity.lastIndexOf('@') + 1).toLowerCase() !== sig.domain) {
    return fail('permerror', 'dkim.key-bad', { reason: 't=s and i= is a subdomain' });
  }
  steps.push({ key: 'dkim.key', params: { name, bits: String(bits) } });
  return { key };
}

/** p= is a SubjectPublicKeyInfo (3.6.1); some publish a bare RSAPublicKey (PKCS#1), which is accepted too. */
function publicKey(der: Buffer): KeyObject | null {
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const key = createPublicKey({ key: der, format: 'der', type });
      if (key.asymmetricKeyType === 'rsa') return key;
    } catch {
      // not this encoding: try the next
    }
  }
  return null;
}

/** RFC 6376 3.7 step 1: the canonicalized body, cut to l= octets when given, hashed and compared with bh=. */
function checkBody(body: string, sig: Signature, steps: AuthStep[]): boolean {
  const canonical = canonBody(body, sig.bodyCanon);
  if (sig.length !== undefined) {
    // 8.2: l= lets anyone append text after the signed part and keep the signature valid.
    steps.push({ key: 'dkim.body-length', params: { length: String(sig.length), total: String(canonical.length) } });
    if (sig.length > canonical.length) return bodyStep(steps, false, '(l= is longer than the body)', sig.bodyHash);
  }
  const hashed = sig.length === undefined ? canonical : canonical.slice(0, sig.length);
  const computed = createHash('sha256').update(hashed, 'latin1').digest('base64');
  return bodyStep(steps, computed === sig.bodyHash, computed, sig.bodyHash);
}

function bodyStep(steps: AuthStep[], ok: boolean, computed: string, bh: string): boolean {
  steps.push({ key: ok ? 'dkim.body-hash-good' : 'dkim.body-hash-bad', params: { computed, bh } });
  return ok;
}

/** RFC 6376 5.4.2 / 3.7 step 2: the fields h= names, bottom up when repeated, canonicalized, then this field with b= empty. */
function signedInput(fields: readonly HeaderField[], field: HeaderField, sig: Signature, steps: AuthStep[]): string {
  const picked = pickFields(fields, sig.headers);
  const lines = picked.map((f) => canonHeader(f.raw, sig.headerCanon).replace(/\r\n$/, ''));
  steps.push({ key: 'dkim.fields', params: { canon: sig.headerCanon, lines: lines.join('\n'), count: String(picked.length) } });
  return headerHashInput(picked, field.raw, sig.headerCanon);
}
