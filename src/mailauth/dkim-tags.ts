/**
 * DKIM's tag=value lists (RFC 6376 3.2), the signature's tags (3.5) and the key record (3.6.1).
 * A list that breaks the grammar, or repeats a tag, is an error: the signature is a permerror.
 */
import type { Canon } from './canon.js';

export type TagList = Map<string, string>;

/** tag-list = tag-spec *( ";" tag-spec ) [ ";" ]; whitespace (FWS) around names and values is not part of them (3.2). */
export function parseTags(text: string): TagList | { error: string } {
  const tags: TagList = new Map();
  const specs = text.split(';');
  if (specs.length > 1 && specs[specs.length - 1]!.trim() === '') specs.pop();
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq < 0) return { error: `no "=" in "${spec.trim().slice(0, 40)}"` };
    const name = spec.slice(0, eq).replace(/[ \t\r\n]+/g, '');
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return { error: `bad tag name "${name.slice(0, 40)}"` };
    // 3.2: "Tags with duplicate names MUST NOT occur within a single tag-list".
    if (tags.has(name)) return { error: `tag ${name} twice` };
    tags.set(name, spec.slice(eq + 1).trim());
  }
  return tags;
}

/** A signature's tags, checked (RFC 6376 3.5, 6.1.1). */
export interface Signature {
  domain: string;
  selector: string;
  headers: string[];
  headerCanon: Canon;
  bodyCanon: Canon;
  bodyHash: string;
  signature: string;
  length?: number;
  identity?: string;
  time?: number;
  expires?: number;
}

const REQUIRED = ['v', 'a', 'b', 'bh', 'd', 'h', 's'];
const noSpace = (v: string): string => v.replace(/[ \t\r\n]+/g, '');

/** The signature the tags describe, or why it cannot be verified (a PERMFAIL of 6.1.1). */
export function readSignature(tags: TagList): Signature | { error: string; param?: string } {
  const missing = REQUIRED.filter((t) => !tags.get(t) && t !== 'b' && t !== 'bh');
  if (missing.length || !tags.has('b') || !tags.has('bh')) return { error: 'missing', param: [...missing, ...['b', 'bh'].filter((t) => !tags.has(t))].join(' ') };
  if (tags.get('v') !== '1') return { error: 'version', param: tags.get('v') ?? '' };
  // RFC 8301 3.1: rsa-sha1 must not be used; the lab verifies rsa-sha256 only (Ed25519, RFC 8463, is not taught).
  if (tags.get('a')!.toLowerCase() !== 'rsa-sha256') return { error: 'algorithm', param: tags.get('a')! };
  const [hc = 'simple', bc = 'simple'] = (tags.get('c') ?? 'simple/simple').toLowerCase().split('/');
  if (!isCanon(hc) || !isCanon(bc)) return { error: 'canon', param: tags.get('c')! };
  const headers = tags.get('h')!.split(':').map((h) => h.trim());
  // 5.4 and 6.1.1: the From field MUST be signed.
  if (!headers.some((h) => h.toLowerCase() === 'from')) return { error: 'from-unsigned', param: tags.get('h')! };
  const domain = tags.get('d')!.toLowerCase();
  const identity = tags.get('i');
  // 6.1.1: the i= domain must be d= or a subdomain of it.
  if (identity !== undefined && !sameOrUnder(identity.slice(identity.lastIndexOf('@') + 1).toLowerCase(), domain)) return { error: 'identity', param: identity };
  const numbers = readNumbers(tags);
  if ('error' in numbers) return numbers;
  return { domain, selector: tags.get('s')!.toLowerCase(), headers, headerCanon: hc, bodyCanon: bc, bodyHash: noSpace(tags.get('bh')!), signature: noSpace(tags.get('b')!), ...(identity ? { identity } : {}), ...numbers };
}

function readNumbers(tags: TagList): { length?: number; time?: number; expires?: number } | { error: string; param: string } {
  const out: { length?: number; time?: number; expires?: number } = {};
  for (const [tag, key] of [['l', 'length'], ['t', 'time'], ['x', 'expires']] as const) {
    const v = tags.get(tag);
    if (v === undefined) continue;
    // 3.5: l=, t= and x= are 1*76DIGIT (l) or 1*12DIGIT (t, x).
    if (!/^\d{1,12}$/.test(v)) return { error: 'number', param: `${tag}=${v.slice(0, 20)}` };
    out[key] = Number(v);
  }
  return out;
}

const isCanon = (c: string): c is Canon => c === 'simple' || c === 'relaxed';
export const sameOrUnder = (name: string, domain: string): boolean => name === domain || name.endsWith(`.${domain}`);

/** A key record (RFC 6376 3.6.1): the public key, or revoked (empty p=), or why it is unusable. */
export type KeyRecord = { kind: 'key'; der: Buffer; flags: string[] } | { kind: 'revoked' } | { kind: 'bad'; reason: string };

export function readKeyRecord(text: string): KeyRecord {
  const tags = parseTags(text);
  if ('error' in tags) return { kind: 'bad', reason: tags.error };
  // 3.6.1: v=, when present, must be DKIM1 (and first).
  if (tags.has('v') && (tags.get('v') !== 'DKIM1' || [...tags.keys()][0] !== 'v')) return { kind: 'bad', reason: `v=${tags.get('v')}` };
  if ((tags.get('k') ?? 'rsa').toLowerCase() !== 'rsa') return { kind: 'bad', reason: `k=${tags.get('k')}` };
  const hashes = tags.get('h');
  if (hashes !== undefined && !hashes.split(':').some((h) => h.trim().toLowerCase() === 'sha256')) return { kind: 'bad', reason: `h=${hashes}` };
  const p = tags.get('p');
  if (p === undefined) return { kind: 'bad', reason: 'no p=' };
  // 3.6.1: "An empty value means that this public key has been revoked."
  if (noSpace(p) === '') return { kind: 'revoked' };
  return { kind: 'key', der: Buffer.from(noSpace(p), 'base64'), flags: (tags.get('t') ?? '').split(':').map((f) => f.trim()) };
}
