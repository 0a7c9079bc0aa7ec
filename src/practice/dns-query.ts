import { nearest } from '../edit-distance.js';
import { nameProblem, normalizeName } from '../protocols/dns/codec/names.js';
import { typeNumber } from '../protocols/dns/codec/types.js';
import { RR_TYPES } from '../protocols/dns/types.js';

/**
 * A line typed at `practice dns`, read as dig reads its arguments: a type and a name in either
 * order (`MX example.test`, `example.test MX`; a name alone asks for A), `@server`, and `+options`
 * (`+norec`, `+tcp`, `+edns=1232`, `+noedns`). A line of only `@server` and options changes the
 * defaults for the queries after it. Pure: the shell resolves `@root` and sends.
 */
export interface QueryOptions {
  /** `@root`, `@tld`, `@<lab server>`, `@127.0.0.2`, `@[::1]:5353`; null: the lab's resolver (or --connect). */
  server: string | null;
  /** Recursion Desired (RFC 1035 4.1.1); `+norec` clears it. */
  rd: boolean;
  /** Over TCP with its two-octet length (RFC 1035 4.2.2) instead of one UDP datagram. */
  tcp: boolean;
  /** EDNS(0) with this UDP payload size (RFC 6891 6.2.5), or null for none (`+noedns`). */
  edns: number | null;
}

export interface DnsQueryLine extends QueryOptions {
  /** Without the final dot; the root is ''. */
  name: string;
  /** The type's mnemonic (`MX`, `TYPE65`). */
  type: string;
}

export type QueryErrorCode = 'no-name' | 'two-names' | 'two-types' | 'unknown-option' | 'bad-edns' | 'no-server' | 'bad-name' | 'empty';

export type ParsedLine =
  | { kind: 'query'; query: DnsQueryLine }
  | { kind: 'defaults'; options: QueryOptions }
  | { kind: 'error'; code: QueryErrorCode; vars: Record<string, string> };

/** dig's default: EDNS(0) offering 1232 octets (DNS Flag Day 2020), recursion desired, UDP. */
export const DEFAULT_OPTIONS: QueryOptions = { server: null, rd: true, tcp: false, edns: 1232 };

/** The smallest EDNS size (RFC 6891 6.2.5: values below 512 are treated as 512) and the largest a UDP datagram may be. */
const MIN_EDNS = 512;
const MAX_EDNS = 65535;

const FLAG_OPTIONS: Readonly<Record<string, Partial<QueryOptions>>> = {
  rec: { rd: true },
  recurse: { rd: true },
  norec: { rd: false },
  norecurse: { rd: false },
  tcp: { tcp: true },
  vc: { tcp: true },
  notcp: { tcp: false },
  novc: { tcp: false },
  edns: { edns: 1232 },
  noedns: { edns: null },
};

/** Every option spelling, for completion and "did you mean". */
export const OPTION_WORDS: readonly string[] = [...Object.keys(FLAG_OPTIONS), 'edns=', 'bufsize='].map((o) => `+${o}`);

/** The record types a learner is offered first (the lab's), then the rest dig knows. */
export const QUERY_TYPES: readonly string[] = Object.keys(RR_TYPES).filter((t) => t !== 'OPT');

const error = (code: QueryErrorCode, vars: Record<string, string> = {}): ParsedLine => ({ kind: 'error', code, vars });

function option(word: string, into: QueryOptions): ParsedLine | null {
  const body = word.slice(1).toLowerCase();
  const sized = /^(?:edns|bufsize)=(\d+)$/.exec(body);
  if (sized) {
    const size = Number(sized[1]);
    if (size < MIN_EDNS || size > MAX_EDNS) return error('bad-edns', { value: word });
    into.edns = size;
    return null;
  }
  const flag = Object.hasOwn(FLAG_OPTIONS, body) ? FLAG_OPTIONS[body] : undefined;
  if (!flag) return error('unknown-option', { option: word, suggestion: nearest(word.toLowerCase(), OPTION_WORDS) ?? '+norec' });
  Object.assign(into, flag);
  return null;
}

/** A word that names a type: a known mnemonic (not OPT, which is no question, RFC 6891 6.1.1) or TYPEn. */
function isType(word: string): boolean {
  return word.toUpperCase() !== 'OPT' && typeNumber(word) !== null && !/^(CLASS|IN$)/i.test(word);
}

function typeAndName(words: readonly string[]): { type: string; name: string } | ParsedLine {
  const types = words.filter(isType);
  const names = words.filter((w) => !isType(w));
  // `NS ns`? The first type word is the type, a second one is the name (dig's rule).
  if (names.length === 0 && types.length === 2) return { type: (types[0] as string).toUpperCase(), name: types[1] as string };
  if (types.length > 1) return error('two-types', { first: types[0] as string, second: types[1] as string });
  if (names.length > 1) {
    const guess = names.map((n) => nearest(n.toUpperCase(), QUERY_TYPES, 1)).find((g) => g !== null);
    return error('two-names', { first: names[0] as string, second: names[1] as string, suggestion: guess ?? 'MX' });
  }
  if (names.length === 0) return error('no-name', { type: (types[0] as string).toUpperCase() });
  return { type: types.length === 1 ? (types[0] as string).toUpperCase() : 'A', name: names[0] as string };
}

export function parseQueryLine(line: string, defaults: QueryOptions = DEFAULT_OPTIONS): ParsedLine {
  const options: QueryOptions = { ...defaults };
  const words: string[] = [];
  for (const word of line.trim().split(/\s+/).filter((w) => w !== '')) {
    if (word.startsWith('+')) {
      const bad = option(word, options);
      if (bad) return bad;
    } else if (word.startsWith('@')) {
      if (word.length === 1) return error('no-server');
      options.server = word.slice(1);
    } else words.push(word);
  }
  if (words.length === 0) return line.trim() === '' ? error('empty') : { kind: 'defaults', options };
  const found = typeAndName(words);
  if ('kind' in found) return found;
  const name = normalizeName(found.name);
  if (nameProblem(name) !== null) return error('bad-name', { name: found.name, reason: nameProblem(name) as string });
  return { kind: 'query', query: { ...options, name, type: found.type } };
}
