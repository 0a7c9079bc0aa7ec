/**
 * An SPF record as terms (RFC 7208 4.6.1, 12): the parse that must succeed before anything is
 * evaluated (4.6: a syntax error anywhere is a permerror), the matching of an address against a
 * network (5.6), and the macros of a domain-spec (7), of which the lab supports the simple ones.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

export type Qualifier = '+' | '-' | '~' | '?';
export type MechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export interface Mechanism {
  qualifier: Qualifier;
  name: MechanismName;
  /** The domain-spec (include, exists, and optionally a, mx, ptr), still with its macros. */
  domainSpec?: string;
  /** ip4 / ip6: the network. */
  network?: string;
  /** CIDR lengths for IPv4 and IPv6 (a, mx, ip4, ip6; RFC 7208 5.6). */
  cidr4?: number;
  cidr6?: number;
  /** The term as written, for the transcript. */
  text: string;
}

export interface ParsedRecord {
  mechanisms: Mechanism[];
  redirect?: string;
}

export type ParseResult = { ok: true; record: ParsedRecord } | { ok: false; term: string; reason: string };

/** RFC 7208 4.5: a record begins with exactly "v=spf1", then a space or the end. */
export const isSpfRecord = (txt: string): boolean => /^v=spf1( |$)/i.test(txt);

const MODIFIER = /^([a-z][a-z0-9_.-]*)=(.*)$/i;
const DIRECTIVE = /^([+\-~?]?)([a-z0-9]+)(.*)$/i;
const DUAL_CIDR = /^(.*?)(?:\/(\d{1,3}))?(?:\/\/(\d{1,3}))?$/;

export function parseRecord(txt: string): ParseResult {
  const terms = txt.split(' ').slice(1).filter((t) => t !== '');
  const record: ParsedRecord = { mechanisms: [] };
  let seenExp = false;
  for (const term of terms) {
    const modifier = MODIFIER.exec(term);
    if (modifier) {
      const name = modifier[1]!.toLowerCase();
      const value = modifier[2]!;
      // RFC 7208 6: redirect and exp at most once each; unknown modifiers are ignored (6, 12).
      if (name === 'redirect') {
        if (record.redirect !== undefined || value === '') return { ok: false, term, reason: 'redirect' };
        record.redirect = value;
      } else if (name === 'exp') {
        if (seenExp) return { ok: false, term, reason: 'exp' };
        seenExp = true;
      }
      continue;
    }
    const mechanism = parseDirective(term);
    if (!mechanism) return { ok: false, term, reason: 'term' };
    record.mechanisms.push(mechanism);
  }
  return { ok: true, record };
}

function parseDirective(term: string): Mechanism | null {
  const m = DIRECTIVE.exec(term);
  if (!m) return null;
  const qualifier = (m[1] || '+') as Qualifier;
  const name = m[2]!.toLowerCase();
  const rest = m[3]!;
  const base = { qualifier, text: term };
  switch (name) {
    case 'all':
      return rest === '' ? { ...base, name } : null;
    case 'include':
    case 'exists':
      return rest.startsWith(':') && rest.length > 1 ? { ...base, name, domainSpec: rest.slice(1) } : null;
    case 'ptr':
      if (rest === '') return { ...base, name };
      return rest.startsWith(':') && rest.length > 1 ? { ...base, name, domainSpec: rest.slice(1) } : null;
    case 'a':
    case 'mx':
      return withCidr({ ...base, name }, rest);
    case 'ip4':
    case 'ip6':
      return rest.startsWith(':') ? network({ ...base, name }, rest.slice(1)) : null;
    default:
      return null;
  }
}

/** The optional ":domain" and "/n" and/or "//n" (dual-cidr-length, RFC 7208 5.6) after a and mx. */
function withCidr(mech: Mechanism, rest: string): Mechanism | null {
  const m = DUAL_CIDR.exec(rest)!;
  const head = m[1]!;
  const c4 = cidr(m[2], 32);
  const c6 = cidr(m[3], 128);
  if (c4 === null || c6 === null) return null;
  const out: Mechanism = { ...mech, ...(c4 !== undefined ? { cidr4: c4 } : {}), ...(c6 !== undefined ? { cidr6: c6 } : {}) };
  if (head === '') return out;
  return head.startsWith(':') && head.length > 1 ? { ...out, domainSpec: head.slice(1) } : null;
}

/** ip4:<network>[/n] up to 32, ip6:<network>[/n] up to 128 (RFC 7208 5.6). */
function network(mech: Mechanism, rest: string): Mechanism | null {
  const m = /^(.*?)(?:\/(\d{1,3}))?$/.exec(rest)!;
  const v4 = mech.name === 'ip4';
  const length = cidr(m[2], v4 ? 32 : 128);
  if (length === null || !(v4 ? isIPv4(m[1]!) : isIPv6(m[1]!))) return null;
  return { ...mech, network: m[1]!, ...(length === undefined ? {} : v4 ? { cidr4: length } : { cidr6: length }) };
}

/** A CIDR length: absent, or digits without a leading zero up to max; null when malformed (RFC 7208 12, ip4-cidr-length). */
function cidr(text: string | undefined, max: number): number | undefined | null {
  if (text === undefined) return undefined;
  const n = Number(text);
  return n > max || /^0\d/.test(text) ? null : n;
}

/** Whether ip lies in network/prefix; an address of the other family never matches (RFC 7208 5.6). */
export function inNetwork(ip: string, network: string, prefix: number | undefined): boolean {
  const family = isIPv4(ip) ? 'ipv4' : 'ipv6';
  const netFamily = isIPv4(network) ? 'ipv4' : isIPv6(network) ? 'ipv6' : null;
  if (netFamily !== family) return false;
  const list = new BlockList();
  list.addSubnet(network, prefix ?? (family === 'ipv4' ? 32 : 128), family);
  return list.check(ip, family);
}

export interface MacroContext {
  /** <sender>: local-part@domain (RFC 7208 4.1). */
  sender: string;
  domain: string;
  ip: string;
  helo: string;
}

export type MacroResult = { ok: true; value: string } | { ok: false; reason: 'unsupported' | 'syntax'; macro: string };

/**
 * Expands a domain-spec (RFC 7208 7.1-7.3). The lab supports the simple macros %{s} %{l} %{o}
 * %{d} %{i} %{h} and the escapes %% %_ %-; transformers (digits, "r"), delimiters, the letters
 * p, v, c, r, t and upper case (URL escaping) are reported as unsupported, a permerror.
 */
export function expandMacros(spec: string, ctx: MacroContext): MacroResult {
  let out = '';
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const next = spec[i + 1];
    if (next === '%' || next === '_' || next === '-') {
      out += next === '%' ? '%' : next === '_' ? ' ' : '%20';
      i++;
      continue;
    }
    const m = next === '{' ? /^\{([^}]*)\}/.exec(spec.slice(i + 1)) : null;
    if (!m) return { ok: false, reason: 'syntax', macro: spec.slice(i, i + 2) };
    const value = simpleMacro(m[1]!, ctx);
    if (value === null) return { ok: false, reason: /^[slodiphcrtv]/i.test(m[1]!) ? 'unsupported' : 'syntax', macro: `%{${m[1]!}}` };
    out += value;
    i += m[0].length;
  }
  return { ok: true, value: shorten(out) };
}

function simpleMacro(body: string, ctx: MacroContext): string | null {
  const at = ctx.sender.lastIndexOf('@');
  switch (body) {
    case 's':
      return ctx.sender;
    case 'l':
      return ctx.sender.slice(0, at);
    case 'o':
      return ctx.sender.slice(at + 1);
    case 'd':
      return ctx.domain;
    case 'h':
      return ctx.helo;
    case 'i':
      return dottedIp(ctx.ip);
    default:
      return null;
  }
}

/** %{i}: an IPv4 address as is, an IPv6 address as 32 dot-separated nibbles (RFC 7208 7.3). */
function dottedIp(ip: string): string {
  if (isIPv4(ip)) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const h = groups(head);
  const t = groups(tail);
  const full = ip.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return full.map((g) => g.padStart(4, '0')).join('').split('').join('.');
}

/** A name longer than 253 characters loses labels from the left until it fits (RFC 7208 7.3). */
function shorten(name: string): string {
  let n = name.endsWith('.') ? name.slice(0, -1) : name;
  while (n.length > 253 && n.includes('.')) n = n.slice(n.indexOf('.') + 1);
  return n;
}
