import type { KnowledgeRef } from '../../transcript.js';
import { RR_TYPES } from '../types.js';

/**
 * Knowledge keys for DNS presentation lines (dig-like, as the codec's present.ts writes them),
 * from the text alone, so the practice shell and lessons can explain any server's answer:
 *
 *   ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 4660   -> header {opcode, rcode, id}
 *   ;; flags: qr aa rd; QUERY: 1, ANSWER: 0, ...                -> flags {flags}
 *   ; EDNS: version: 0, flags: do; udp: 1232                     -> opt {version, udpSize, do}
 *   ;; ANSWER SECTION:                                           -> section {name}
 *   ;example.test.  IN  MX                                       -> question {name, type}
 *   example.test. 300 IN MX 10 mx.example.test.                  -> rr {type, name, section?}
 *
 * A client line is a question: `MX example.test` or `example.test MX` (practice dns), or a
 * question line as above.
 */
const HEADER = /opcode:\s*([A-Z0-9]+),\s*status:\s*([A-Z0-9]+),\s*id:\s*(\d+)(?:;\s*flags:\s*([a-z ]*?)\s*(?:;|$))?/i;
const FLAGS = /^;*\s*flags:\s*([a-z ]*?)\s*(?:;|$)/i;
const EDNS = /EDNS:\s*version:\s*(\d+),\s*flags:\s*([a-z ]*);\s*udp:\s*(\d+)/i;
const SECTION = /^;;\s*(QUESTION|ANSWER|AUTHORITY|ADDITIONAL) SECTION:?\s*$/i;
const QUESTION = /^;\s*(\S*)\s+(?:IN|CH|HS|CLASS\d+)\s+([A-Z0-9]+)\s*$/i;
const RR = /^(\S+)\s+(\d+)\s+(?:IN|CH|HS|CLASS\d+)\s+([A-Z0-9]+)(?:\s|$)/i;

/** A name as a param: without the final dot, the root as '' (types.ts). */
const bare = (name: string): string => (name === '.' ? '' : name.replace(/\.$/, ''));

function isType(word: string): boolean {
  return Object.hasOwn(RR_TYPES, word.toUpperCase()) || /^TYPE\d+$/i.test(word);
}

/** The key of a server's presentation line; `answers` is the section the line is in, when known. */
export function dnsServerKey(line: string, answers?: string): KnowledgeRef | null {
  const text = line.trim();
  const h = HEADER.exec(text);
  if (h) {
    const params: Record<string, string | number> = { opcode: (h[1] as string).toUpperCase(), rcode: (h[2] as string).toUpperCase(), id: Number(h[3]) };
    if (h[4] !== undefined) params.flags = h[4].trim().toLowerCase();
    // A server's header line heads a response (QR=1, RFC 1035 4.1.1), even when its flags are on the next line.
    else params.qr = 1;
    return { key: 'header', params };
  }
  const e = EDNS.exec(text);
  if (e) return { key: 'opt', params: { version: Number(e[1]), udpSize: Number(e[3]), do: /\bdo\b/i.test(e[2] as string) ? 1 : 0 } };
  const f = FLAGS.exec(text);
  if (f) return { key: 'flags', params: { flags: (f[1] as string).trim().toLowerCase() } };
  const s = SECTION.exec(text);
  if (s) return { key: 'section', params: { name: (s[1] as string).toLowerCase() } };
  const q = QUESTION.exec(text);
  if (q) return { key: 'question', params: { name: bare(q[1] as string), type: (q[2] as string).toUpperCase() } };
  const r = RR.exec(text);
  if (r) {
    const params: Record<string, string> = { type: (r[3] as string).toUpperCase(), name: bare(r[1] as string) };
    if (answers === 'answer' || answers === 'authority' || answers === 'additional') params.section = answers;
    return { key: 'rr', params };
  }
  return null;
}

/** The key of a question as a client types it: `MX example.test`, `example.test MX`, or `;example.test. IN MX`. */
export function dnsClientKey(line: string): KnowledgeRef | null {
  const text = line.trim();
  const q = QUESTION.exec(text);
  if (q) return { key: 'question', params: { name: bare(q[1] as string), type: (q[2] as string).toUpperCase() } };
  const words = text.split(/\s+/).filter((w) => w !== '' && !w.startsWith('+') && !w.startsWith('@'));
  if (words.length === 0 || words.length > 2) return null;
  const [a = '', b] = words;
  // A name alone asks for A, as dig does.
  if (b === undefined) return isType(a) ? null : { key: 'question', params: { type: 'A', name: bare(a) } };
  if (isType(a)) return { key: 'question', params: { type: a.toUpperCase(), name: bare(b) } };
  if (isType(b)) return { key: 'question', params: { type: b.toUpperCase(), name: bare(a) } };
  return null;
}
