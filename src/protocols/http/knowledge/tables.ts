import type { CommandKnowledge, ReplyKnowledge, StateKnowledge, TermKnowledge } from '../../knowledge.js';
import { CODING_ROWS, HTTP_STATES } from './codings.js';
import { FIELD_ROWS } from './fields.js';
import { WEB_FIELD_ROWS } from './fields-web.js';
import { METHODS } from './methods.js';
import { STATUS_CLASSES, STATUSES } from './statuses.js';

/**
 * The HTTP tables as maps, the shape ProtocolKnowledge and describe.ts read. Separate from
 * index.ts so tests and describe need no registry (nor the Protocol list).
 */
export const HTTP_METHOD_KNOWLEDGE: ReadonlyMap<string, CommandKnowledge> = new Map(METHODS.map((m) => [m.name, m]));
export const HTTP_STATUS_KNOWLEDGE: ReadonlyMap<string, ReplyKnowledge> = new Map([...STATUSES, ...STATUS_CLASSES].map((s) => [s.code, s]));
export const HTTP_STATE_KNOWLEDGE: ReadonlyMap<string, StateKnowledge> = new Map(HTTP_STATES.map((s) => [s.name, s]));

/** Terms keyed by lower-case name: field names and codings compare case-insensitively (RFC 9110 5.1, 8.4.1). */
function terms(kind: TermKnowledge['kind'], rows: ReadonlyArray<Omit<TermKnowledge, 'kind'>>): ReadonlyMap<string, TermKnowledge> {
  return new Map(rows.map((row) => [row.name.toLowerCase(), { ...row, kind }]));
}

export const HTTP_FIELDS = terms('field', [...FIELD_ROWS, ...WEB_FIELD_ROWS]);
export const HTTP_CODINGS = terms('coding', CODING_ROWS);
/** Fields and codings, keyed lower-case: what `explain http Host` and `explain http chunked` find. */
export const HTTP_TERMS: ReadonlyMap<string, TermKnowledge> = new Map([...HTTP_FIELDS, ...HTTP_CODINGS]);
