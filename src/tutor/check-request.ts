import type { ProtocolKnowledge } from '../protocols/knowledge.js';
import { knowsCommand } from '../protocols/registry.js';
import type { Protocol } from '../protocol.js';
import type { StepOf } from './schema.js';

/**
 * What the checker says about a `request` step: it runs on an HTTP connection; its first line
 * is a request line whose method the knowledge table knows (RFC 9112 3); the others are field
 * lines, `name: value` with no space before the colon (RFC 9112 5, 5.1); every pattern compiles
 * and a line's own pattern accepts the suggested line.
 */
export interface RequestProblem {
  field: string;
  message: string;
}

/** RFC 9112 5 / RFC 9110 5.1: a field name is a token, followed at once by the colon. */
const FIELD_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:/;

/** The error a pattern's source gives as a RegExp, or null when it compiles. */
export function compileError(source: string): string | null {
  try {
    new RegExp(source, 'i');
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

function patternProblems(step: StepOf<'request'>): RequestProblem[] {
  const out: RequestProblem[] = [];
  step.accept?.forEach((a, i) => {
    if (a === null) return;
    const bad = compileError(a);
    const line = step.lines[i];
    if (bad) out.push({ field: `accept[${i}]`, message: `not a valid pattern: ${bad}` });
    else if (line === undefined) out.push({ field: `accept[${i}]`, message: 'no line to accept: there are fewer lines' });
    else if (!line.includes('{') && !new RegExp(a, 'i').test(line)) out.push({ field: `accept[${i}]`, message: 'does not accept the suggested line itself' });
  });
  const badMatch = step.match === undefined ? null : compileError(step.match);
  if (badMatch) out.push({ field: 'match', message: `not a valid pattern: ${badMatch}` });
  return out;
}

export function requestProblems(step: StepOf<'request'>, protocol: Protocol | undefined, knowledge: ProtocolKnowledge | undefined): RequestProblem[] {
  const out = patternProblems(step);
  if (protocol === undefined || knowledge === undefined) return out;
  if (protocol !== 'http') return [...out, { field: 'connection', message: 'a request step needs an HTTP connection' }];
  const [first, ...fields] = step.lines;
  if (first !== undefined && !knowsCommand(knowledge, first)) out.push({ field: 'lines[0]', message: `"${first}" is not a request line with a method the knowledge table knows` });
  fields.forEach((f, i) => {
    if (!FIELD_LINE.test(f)) out.push({ field: `lines[${i + 1}]`, message: `"${f}" is not a field line (name: value, RFC 9112 5)` });
  });
  return out;
}
