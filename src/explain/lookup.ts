import type { Localized } from '../i18n.js';
import { commandsFor, type CommandKnowledge, type ProtocolKnowledge, type ReplyKnowledge, type StateKnowledge, type TermKnowledge } from '../protocols/knowledge.js';
import type { Protocol } from '../protocol.js';
import { SMTP_SECOND_DIGIT, smtpDigits } from './reply-classes.js';
import { closeEnough, editDistance } from '../edit-distance.js';
import { enhancedNotes } from '../protocols/smtp/knowledge/enhanced.js';
import { RCODES } from '../protocols/dns/types.js';

/**
 * What `l7lab explain` and the shell's `:explain` find for a term: a command, a reply code,
 * a state, or, for a well-formed code no table lists, what its class says. Pure lookups in
 * the protocols' knowledge tables; rendering is view.ts's.
 */
export interface ClassNote {
  code: string;
  meaning: Localized;
  rfc: string;
}

export interface Example {
  /** The command whose example exchange shows the reply. */
  command: string;
  lines: readonly string[];
}

/** An SMTP enhanced status code (RFC 3463): its class, subject and (when listed) detail. */
export interface EnhancedPart {
  code: string;
  notes: ClassNote[];
  detailListed: boolean;
}

export type Lookup =
  | { kind: 'command'; protocol: Protocol; command: CommandKnowledge; reply: ReplyKnowledge | null }
  | { kind: 'reply'; protocol: Protocol; reply: ReplyKnowledge; variants: ReplyKnowledge[]; classes: ClassNote[]; example: Example | null; enhanced: EnhancedPart | null }
  | { kind: 'state'; protocol: Protocol; state: StateKnowledge; commands: string[] }
  | { kind: 'term'; protocol: Protocol; term: TermKnowledge }
  | { kind: 'class'; protocol: Protocol; term: string; classes: ClassNote[]; secondDigitUnassigned: boolean; enhanced: EnhancedPart | null }
  | { kind: 'enhanced'; protocol: Protocol; enhanced: EnhancedPart; replies: ReplyKnowledge[] }
  | { kind: 'unknown'; protocol: Protocol; term: string; suggestions: string[] };

/** Command keys to try: `mail from:` -> MAIL FROM, MAIL; `uid fetch` -> UID FETCH. */
function commandKeys(term: string): string[] {
  const words = term.toUpperCase().split(/[\s:]+/).filter((w) => w !== '');
  const keys = words.length > 1 ? [`${words[0]} ${words[1]}`] : [];
  if (words[0]) keys.push(words[0]);
  return keys;
}

/** Reply keys to try: as typed, upper case, with and without the brackets of a response code. */
function replyKeys(protocol: Protocol, term: string): string[] {
  const t = term.trim().replace(/\s+/g, ' ');
  const upper = t.toUpperCase();
  const bare = upper.replace(/^\[(.*)\]$/, '$1');
  // SMTP reply classes are keyed `5xx`.
  const keys = [t, upper, upper.replace(/^(\d)XX$/, '$1xx'), bare, `[${bare}]`];
  // POP3 status words typed without their sign: `ok`, `err`.
  if (protocol === 'pop3') keys.push(`+${bare}`, `-${bare}`);
  // A DNS RCODE by its number: `explain dns 3` is NXDOMAIN (RFC 1035 4.1.1).
  if (protocol === 'dns') {
    const name = Object.entries(RCODES).find(([, n]) => String(n) === t)?.[0];
    if (name) keys.push(name);
  }
  return keys;
}

function findReply(k: ProtocolKnowledge, term: string): ReplyKnowledge | null {
  for (const key of replyKeys(k.protocol, term)) {
    const r = k.replies.get(key);
    if (r) return r;
  }
  return null;
}

/** Does a server line of an example exchange show this reply? */
function showsReply(protocol: Protocol, code: string, line: string): boolean {
  if (code.startsWith('[')) return line.includes(code) || line.includes(`${code.slice(0, -1)} `);
  if (protocol === 'smtp') return line === code || line.startsWith(`${code} `) || line.startsWith(`${code}-`);
  if (protocol === 'pop3') return code === '.' ? line === '.' : code === '+' ? line === '+' || line.startsWith('+ ') : line.startsWith(code);
  if (code === '+') return line.startsWith('+');
  const words = line.split(' ');
  return words[1] === code || (words[0] === '*' && words[2] === code);
}

function exampleFor(k: ProtocolKnowledge, code: string): Example | null {
  for (const c of k.commands.values()) {
    if (c.example.some((l) => l.startsWith('S: ') && showsReply(k.protocol, code, l.slice(3)))) return { command: c.name, lines: c.example };
  }
  return null;
}

/** SMTP: the class (first digit) and the category (second digit) of a three-digit code. */
function smtpClasses(k: ProtocolKnowledge, code: string): { classes: ClassNote[]; secondDigitUnassigned: boolean } {
  const digits = smtpDigits(code.slice(0, 3));
  if (!digits) return { classes: [], secondDigitUnassigned: false };
  const classes: ClassNote[] = [];
  const cls = k.replies.get(digits.cls);
  if (cls) classes.push(cls);
  const second = SMTP_SECOND_DIGIT.get(digits.second);
  if (second) classes.push(second);
  return { classes, secondDigitUnassigned: second === undefined };
}

function replyLookup(k: ProtocolKnowledge, reply: ReplyKnowledge, enhanced: EnhancedPart | null = null): Lookup {
  const variants = k.protocol === 'smtp' ? [...k.replies.values()].filter((r) => r.code.startsWith(`${reply.code} `)) : [];
  const classes = k.protocol === 'smtp' && /^\d{3}/.test(reply.code) ? smtpClasses(k, reply.code).classes : [];
  return { kind: 'reply', protocol: k.protocol, reply, variants, classes, example: exampleFor(k, reply.code), enhanced };
}

/**
 * An enhanced status code, alone (`5.7.8`) or after its reply code (`550 5.1.1`, `550-5.1.1`,
 * the rest of a pasted line ignored): RFC 3463 2, carried in SMTP replies per RFC 2034 4.
 */
function enhancedLookup(k: ProtocolKnowledge, term: string): Lookup | null {
  const m = /^(?:(\d{3})[\s-]+)?(\d{1,3}\.\d{1,3}\.\d{1,3})(?:\s.*)?$/.exec(term.trim());
  if (k.protocol !== 'smtp' || !m) return null;
  const [, code, ext = ''] = m;
  const parts = enhancedNotes(ext);
  if (!parts) return null;
  const enhanced: EnhancedPart = { code: ext, ...parts };
  if (code === undefined) {
    const replies = [...k.replies.values()].filter((r) => r.code.endsWith(` ${ext}`));
    return { kind: 'enhanced', protocol: k.protocol, enhanced, replies };
  }
  const listed = k.replies.get(`${code} ${ext}`) ?? k.replies.get(code);
  if (listed) return replyLookup(k, listed, enhanced);
  return classLookup(k, code, enhanced);
}

/** The classes a reply of this protocol can be in, for a code that no table lists. */
function classLookup(k: ProtocolKnowledge, term: string, enhanced: EnhancedPart | null = null): Lookup | null {
  const t = term.trim().toUpperCase();
  // DNS has no reply classes: an RCODE is a name or a number, listed or unknown.
  if (k.protocol === 'dns') return null;
  if (k.protocol === 'smtp') {
    if (!/^[2-5]\d\d$/.test(t)) return null;
    return { kind: 'class', protocol: 'smtp', term: t, ...smtpClasses(k, t), enhanced };
  }
  if (k.protocol === 'http') {
    // RFC 9110 15: a status code is three digits; the first is its class.
    if (!/^[1-5]\d\d$/.test(t)) return null;
    const cls = k.replies.get(`${t[0]}xx`);
    return { kind: 'class', protocol: k.protocol, term: t, classes: cls ? [cls] : [], secondDigitUnassigned: false, enhanced };
  }
  const statuses = k.protocol === 'pop3' ? ['+OK', '-ERR'] : ['OK', 'NO', 'BAD', 'BYE', 'PREAUTH'];
  // POP3 response codes (RFC 2449 8) and IMAP ones (RFC 3501 7.1) are bracketed atoms.
  const looksLikeCode = /^\[[A-Z0-9/.-]+\]$/.test(t) || (k.protocol === 'pop3' && /^[+-]/.test(t));
  if (!looksLikeCode) return null;
  const classes = statuses.map((s) => k.replies.get(s)).filter((r): r is ReplyKnowledge => r !== undefined);
  return { kind: 'class', protocol: k.protocol, term: t, classes, secondDigitUnassigned: false, enhanced };
}

export function lookup(k: ProtocolKnowledge, term: string): Lookup {
  const enhanced = enhancedLookup(k, term);
  if (enhanced) return enhanced;
  for (const key of commandKeys(term)) {
    const command = k.commands.get(key);
    // IMAP names some untagged responses like their commands (FETCH, SEARCH, LIST, ...).
    if (command) return { kind: 'command', protocol: k.protocol, command, reply: k.replies.get(command.name) ?? null };
  }
  const reply = findReply(k, term);
  if (reply) return replyLookup(k, reply);
  const state = [...k.states.values()].find((s) => s.name.toLowerCase() === term.trim().toLowerCase());
  if (state) return { kind: 'state', protocol: k.protocol, state, commands: commandsFor(k, state.name).map((c) => c.name) };
  const known = findTerm(k, term0(term));
  if (known) return { kind: 'term', protocol: k.protocol, term: known };
  return classLookup(k, term) ?? { kind: 'unknown', protocol: k.protocol, term: term.trim(), suggestions: suggest(k, term) };
}

/** A term as typed, or a pasted field line (`Host: localhost`): the part before the colon. */
function term0(term: string): string {
  return (term.trim().split(':')[0] ?? '').trim().toLowerCase();
}

/** Fields and codings (HTTP): names compare case-insensitively (RFC 9110 5.1, 8.4.1, RFC 9112 7). */
function findTerm(k: ProtocolKnowledge, name: string): TermKnowledge | null {
  return name === '' ? null : (k.terms?.get(name) ?? null);
}

/** The closest commands: near misses (`MIAL`, `RETRIEVE`) first; else the three nearest. */
export function suggest(k: ProtocolKnowledge, term: string, max = 3): string[] {
  const t = term.trim().toUpperCase();
  // HTTP's fields and codings are terms too: `explain http Hots` suggests Host.
  // DNS's RCODEs are words a learner misspells (`NXDOMIAN`), unlike other protocols' numeric codes.
  const replies = k.protocol === 'dns' ? [...k.replies.keys()] : [];
  const names = [...new Set([...k.commands.keys(), ...replies, ...[...(k.terms?.values() ?? [])].map((x) => x.name)])];
  const scored = names
    .map((name) => ({ name, upper: name.toUpperCase() }))
    .map(({ name, upper }) => ({ name, d: t !== '' && (upper.startsWith(t) || t.startsWith(upper)) ? 0 : editDistance(t, upper) }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));
  const near = scored.filter((s) => closeEnough(t, s.d));
  return (near.length > 0 ? near : scored).slice(0, max).map((s) => s.name);
}
