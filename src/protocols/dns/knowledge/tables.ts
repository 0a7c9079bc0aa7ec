import type { Localized } from '../../../i18n.js';
import type { CommandKnowledge, ReplyKnowledge, StateKnowledge, TermKnowledge } from '../../knowledge.js';
import { CONCEPT_ROWS, SECTION_ROWS } from './concepts.js';
import { FLAG_ROWS } from './flags.js';
import { RCODE_ROWS } from './rcodes.js';
import { RECORD_TYPES } from './records.js';

/**
 * The DNS tables as maps, the shape ProtocolKnowledge, describe.ts and explain read. Separate from
 * index.ts so tests and describe need no registry.
 */
export const DNS_RECORD_KNOWLEDGE: ReadonlyMap<string, CommandKnowledge> = new Map(RECORD_TYPES.map((r) => [r.name, r]));
export const DNS_RCODE_KNOWLEDGE: ReadonlyMap<string, ReplyKnowledge> = new Map(RCODE_ROWS.map((r) => [r.code, r]));
/** DNS has no session states (RFC 1035 4.1: each message stands alone); the term `state` says so. */
export const DNS_STATE_KNOWLEDGE: ReadonlyMap<string, StateKnowledge> = new Map();

type Row = Omit<TermKnowledge, 'kind'> & { aliases?: readonly string[] };

/** Terms keyed by lower-case name and by each alias: `explain dns aa`, `explain dns edns0`. */
function terms(kind: TermKnowledge['kind'], rows: readonly Row[]): Array<[string, TermKnowledge]> {
  return rows.flatMap(({ aliases = [], ...row }) => {
    const term: TermKnowledge = { ...row, kind };
    return [row.name, ...aliases].map((n): [string, TermKnowledge] => [n.toLowerCase(), term]);
  });
}

export const DNS_TERMS: ReadonlyMap<string, TermKnowledge> = new Map([
  ...terms('flag', FLAG_ROWS),
  ...terms('section', SECTION_ROWS),
  ...terms('concept', CONCEPT_ROWS),
]);

/** Section names as the reader says them (RFC 1035 4.1). */
export const SECTION_NAMES: Readonly<Record<string, Localized>> = {
  question: { en: 'question', ja: '質問' },
  answer: { en: 'answer', ja: '回答' },
  authority: { en: 'authority', ja: '権威' },
  additional: { en: 'additional', ja: '追加' },
};

/** dig's flag words, short (RFC 1035 4.1.1; ad, cd RFC 4035 3.2). */
export const FLAG_NAMES: Readonly<Record<string, Localized>> = {
  qr: { en: 'response', ja: '応答' },
  aa: { en: 'authoritative answer', ja: '権威ある回答' },
  tc: { en: 'truncated', ja: '切り詰め' },
  rd: { en: 'recursion desired', ja: '再帰を要求' },
  ra: { en: 'recursion available', ja: '再帰が可能' },
  ad: { en: 'authentic data', ja: '検証済み' },
  cd: { en: 'checking disabled', ja: '検証しない' },
  do: { en: 'DNSSEC OK', ja: 'DNSSEC OK' },
};
