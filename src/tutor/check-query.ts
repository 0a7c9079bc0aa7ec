import { compileError } from './check-request.js';
import { parseAsk, type AskedQuery } from './dns-ask.js';
import type { StepOf } from './schema.js';

/**
 * What the checker says about a `query` step: its query line parses as `practice dns` reads it,
 * with a type the lab knows; its patterns compile; and the answer it expects can happen for
 * that query. A response cannot be a referral and authoritative, nor a referral with an
 * answer (RFC 1034 4.3.2); only a NOERROR response without an answer is NODATA (RFC 2308 2.2);
 * the answer section holds the type asked or the CNAMEs that lead to it (RFC 1034 3.6.2, 4.3.2);
 * a recursive resolver does not refer (RFC 1034 4.3.1) and sets AA only on what it holds itself,
 * which in the lab is nothing; an error response has no answer records (RFC 1035 4.1.1).
 */
export interface QueryProblem {
  field: string;
  message: string;
}

type QueryStep = StepOf<'query'>;

function patternProblems(step: QueryStep): QueryProblem[] {
  const out: QueryProblem[] = [];
  const bad = step.match === undefined ? null : compileError(step.match);
  if (bad) out.push({ field: 'match', message: `not a valid pattern: ${bad}` });
  return out;
}

/** Combinations of `expect` no server can send. */
function impossible(expect: QueryStep['expect']): string[] {
  const out: string[] = [];
  const error = expect.rcode !== 'NOERROR';
  if (expect.referral && expect.aa) out.push('a referral is never authoritative: drop aa: true or referral: true');
  if (expect.referral && expect.answer) out.push('a referral has no answer records');
  if (expect.referral && expect.nodata) out.push('a referral is not NODATA');
  if (expect.nodata && expect.answer) out.push('NODATA means an empty answer section');
  if ((expect.referral || expect.nodata) && error) out.push(`${expect.referral ? 'a referral' : 'NODATA'} is a NOERROR response, not ${expect.rcode}`);
  if (error && expect.answer && !(expect.rcode === 'NXDOMAIN' && expect.answer === 'CNAME')) out.push(`a ${expect.rcode} response carries no ${expect.answer} record`);
  return out;
}

/** What this query can get: the answer section holds the type asked, or CNAMEs on the way to it. */
function unreachable(expect: QueryStep['expect'], q: AskedQuery): string[] {
  const out: string[] = [];
  if (expect.answer && q.type !== 'ANY' && expect.answer !== q.type && expect.answer !== 'CNAME') {
    out.push(`the query asks for ${q.type}, so the answer section cannot hold ${expect.answer} (only ${q.type} or a CNAME)`);
  }
  const resolver = q.server === null && q.rd;
  if (resolver && expect.referral) out.push('the resolver follows referrals itself: ask an authoritative server with +norec @server');
  if (resolver && expect.aa) out.push('the lab resolver holds no zone, so its answers are never authoritative: ask a zone\'s server with @');
  return out;
}

export function queryProblems(step: QueryStep): QueryProblem[] {
  const out = patternProblems(step);
  for (const message of impossible(step.expect)) out.push({ field: 'expect', message });
  if (step.query.includes('{')) return out;
  const parsed = parseAsk(step.query);
  if (!parsed.ok) return [...out, { field: 'query', message: `"${step.query}" is not a query line: ${parsed.error}` }];
  for (const message of unreachable(step.expect, parsed.query)) out.push({ field: 'expect', message });
  return out;
}
