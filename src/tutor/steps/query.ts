import { capture, fillValue, mismatch, tr, type LessonContext } from '../context.js';
import { LessonQuit, StepRestart } from '../control.js';
import { askErrorText, askMissReason, parseAsk, type AskedQuery } from '../dns-ask.js';
import { askDns, exchangeErrorText, showDnsExchange, type DnsExchange } from '../dns-exchange.js';
import type { Lang } from '../../i18n.js';
import { dnsMsg } from '../dns-messages.js';
import { expectLabel, expectMisses, responseLabel } from '../dns-verdict.js';
import { labNamed } from '../exchange.js';
import { askLine } from '../lesson-helpers.js';
import { msg } from '../messages.js';
import { code, explain, good, note, say, warn } from '../present.js';
import { missMenu } from '../recovery.js';
import type { StepOf } from '../schema.js';
import type { TutorLabDns } from '../lab-types.js';
import { queryHint } from './query-miss.js';

/**
 * `query`: the learner types a DNS query line (`MX example.test`, `A www.example.test +norec
 * @root`), as in `l7lab practice dns`. It really goes to the lab DNS, whatever it asks, and the
 * response is shown section by section, explained. It counts when it asks what the step asks
 * (type, name, RD, server) and the response is the expected one (rcode, a record in the answer,
 * AA, a referral, NODATA, an SOA). After a miss, a sentence says what to change, then the
 * learner chooses as in every step: retry, hint, answer, reset, skip or quit. DNS keeps no
 * session (RFC 1034 2.4: each query stands alone), so there is no state to leave: retry is
 * always a way out, and Skip just sends the suggested query.
 */
type QueryStep = StepOf<'query'>;

/** Bounds a stuck script; each round is one query typed by the learner. */
const MAX_ROUNDS = 1000;

function labDns(ctx: LessonContext, step: QueryStep): TutorLabDns {
  const dns = labNamed(ctx, step.lab).lab.dns;
  if (!dns) throw new Error(dnsMsg(ctx.lang, 'labNoDns'));
  return dns;
}

interface Attempt {
  ex: DnsExchange;
  /** Why the typed query is not the step's, or null when it is. */
  askedWrong: string | null;
  ok: boolean;
}

function judge(ctx: LessonContext, step: QueryStep, ex: DnsExchange, want: AskedQuery, suggestion: string): Attempt {
  const askedWrong = askMissReason(ctx.lang, ex.query, want, suggestion);
  const missed = capture(ctx, step.capture, ex.lines);
  const answered = ex.response !== null && expectMisses(step.expect, ex.response, ex.lines, step.match).length === 0;
  return { ex, askedWrong, ok: askedWrong === null && answered && missed.length === 0 };
}

async function ask(ctx: LessonContext, step: QueryStep, query: AskedQuery): Promise<DnsExchange> {
  const ex = await askDns(labDns(ctx, step), query, ctx.timeoutMs);
  showDnsExchange(ctx, ex, step.bytes);
  return ex;
}

function suggested(ctx: LessonContext, step: QueryStep): { line: string; query: AskedQuery } {
  const line = fillValue(ctx, step.query);
  const parsed = parseAsk(line);
  // The checker rejects a step whose query does not parse; a placeholder that filled badly lands here.
  if (!parsed.ok) throw new Error(`step ${step.id}: "${line}" is not a query line: ${parsed.error}`);
  return { line, query: parsed.query };
}

const gotLabel = (a: Attempt, lang: Lang = 'en') => (a.ex.response ? responseLabel(a.ex.response) : a.ex.error ? exchangeErrorText(lang, a.ex.error) : '-');

/** Played by l7lab: --auto, a quiet replay, or Skip after a rebuilt lab. */
async function play(ctx: LessonContext, step: QueryStep, line: string, want: AskedQuery): Promise<void> {
  if (ctx.skipNext) note(ctx, dnsMsg(ctx.lang, 'querySkipped', { suggestion: line }));
  const a = judge(ctx, step, await ask(ctx, step, want), want, line);
  if (!a.ok) mismatch(ctx, step.id, expectLabel(step.expect), gotLabel(a));
  else if (ctx.skipNext) good(ctx, '✓');
  ctx.stats.commands += ctx.quiet ? 0 : 1;
  explain(ctx, tr(ctx, step.explain), step.layer);
}

/** The learner's line, until one parses as a query (Enter alone is the suggestion); a line that does not parse is said so, never sent. */
async function typedQuery(ctx: LessonContext, step: QueryStep, line: string): Promise<AskedQuery> {
  for (let i = 0; i < MAX_ROUNDS; i++) {
    const typed = (await askLine(ctx, dnsMsg(ctx.lang, 'typeQuery', { suggestion: line }), undefined, step.hint)).trim();
    const parsed = parseAsk(typed === '' ? line : typed);
    if (parsed.ok) return parsed.query;
    warn(ctx, dnsMsg(ctx.lang, 'queryNotParsed', { error: askErrorText(ctx.lang, parsed.why), suggestion: line }));
  }
  throw new LessonQuit();
}

function sayMiss(ctx: LessonContext, step: QueryStep, a: Attempt): void {
  warn(ctx, a.askedWrong ?? dnsMsg(ctx.lang, 'queryNotExpected', { want: expectLabel(step.expect), got: gotLabel(a, ctx.lang) }));
  const extra = queryHint(ctx.lang, a.ex, step);
  if (extra) note(ctx, extra);
}

/** Skip: l7lab sends the suggested query; when even that misses here, from a rebuilt lab. */
async function skipHere(ctx: LessonContext, step: QueryStep, line: string, want: AskedQuery): Promise<void> {
  note(ctx, dnsMsg(ctx.lang, 'querySkipped', { suggestion: line }));
  const a = judge(ctx, step, await ask(ctx, step, want), want, line);
  if (!a.ok) {
    note(ctx, msg(ctx.lang, 'skipRebuilding'));
    throw new StepRestart(true);
  }
  good(ctx, '✓');
  explain(ctx, tr(ctx, step.explain), step.layer);
}

export async function runQuery(ctx: LessonContext, step: QueryStep): Promise<void> {
  const { line, query: want } = suggested(ctx, step);
  say(ctx, tr(ctx, step.text));
  if (ctx.auto || ctx.quiet || ctx.skipNext) return play(ctx, step, line, want);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    ctx.stats.commands += 1;
    const a = judge(ctx, step, await ask(ctx, step, await typedQuery(ctx, step, line)), want, line);
    if (a.ok) return explain(ctx, tr(ctx, step.explain), step.layer);
    sayMiss(ctx, step, a);
    const choice = await missMenu(ctx);
    if (choice === 'hint') say(ctx, msg(ctx.lang, 'hintLabel', { text: tr(ctx, step.hint) }));
    if (choice === 'answer') {
      say(ctx, dnsMsg(ctx.lang, 'queryAnswer'));
      code(ctx, line);
    }
    if (choice === 'skip') return skipHere(ctx, step, line, want);
  }
  throw new LessonQuit();
}
