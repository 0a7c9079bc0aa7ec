import type { CommandKnowledge, ReplyKnowledge, StateKnowledge, TermKnowledge } from '../../knowledge.js';
import { HTTP_CODINGS, HTTP_STATES } from './codings.js';
import { HTTP_FIELDS } from './fields.js';
import { METHODS } from './methods.js';
import { STATUS_CLASSES, STATUSES } from './statuses.js';

/**
 * The HTTP tables as maps, the shape ProtocolKnowledge and describe.ts read. Separate from
 * index.ts so tests and describe need no registry (nor the Protocol list).
 */
export const HTTP_METHOD_KNOWLEDGE: ReadonlyMap<string, CommandKnowledge> = new Map(METHODS.map((m) => [m.name, m]));
export const HTTP_STATUS_KNOWLEDGE: ReadonlyMap<string, ReplyKnowledge> = new Map([...STATUSES, ...STATUS_CLASSES].map((s) => [s.code, s]));
export const HTTP_STATE_KNOWLEDGE: ReadonlyMap<string, StateKnowledge> = new Map(HTTP_STATES.map((s) => [s.name, s]));
/** Fields and codings, keyed lower-case: what `explain http Host` and `explain http chunked` find. */
export const HTTP_TERMS: ReadonlyMap<string, TermKnowledge> = new Map([...HTTP_FIELDS, ...HTTP_CODINGS]);
