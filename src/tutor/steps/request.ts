import { capture, fillValue, mismatch, tr, type Connection, type LessonContext } from '../context.js';
import { LessonQuit, StepRestart } from '../control.js';
import { sendRequest, type RequestExchange } from '../http-exchange.js';
import { askLine, type HintSource } from '../lesson-helpers.js';
import { missMenu, type MissChoice } from '../recovery.js';
import { msg } from '../messages.js';
import { code, explain, good, note, say, warn } from '../present.js';
import type { StepOf } from '../schema.js';
import { replyMatches } from './send.js';
import { lineAccepted, requestMissReason } from './request-miss.js';

/**
 * `request`: the learner types an HTTP request line by line (RFC 9112 2.1): the request line,
 * field lines, then the empty line that ends the header section. The lines go out together at
 * the empty line, as a client sends a request, and the whole response is read. An empty line
 * typed early ends the request there, as on the wire (forget Host and the server answers 400,
 * RFC 9112 3.2). A server may close the connection after a response (RFC 9112 9.6): the next
 * try opens a new one. After a miss the learner chooses, as in a send step: retry, hint,
 * answer, reset, skip or quit.
 */
type RequestStep = StepOf<'request'>;

/** More field lines than any lesson needs; bounds so a stuck script cannot type forever. */
const MAX_EXTRA_LINES = 50;
const MAX_PROMPTS = 1000;

export function suggestedLines(ctx: LessonContext, step: RequestStep): string[] {
  return step.lines.map((l) => fillValue(ctx, l));
}

/** Every suggested line typed, each as its step accepts it, then (perhaps) extra fields, then the empty line. */
export function requestAccepted(step: RequestStep, typed: readonly string[], suggestions: readonly string[]): boolean {
  const head = typed[typed.length - 1] === '' ? typed.slice(0, -1) : typed;
  if (head.length < suggestions.length) return false;
  return suggestions.every((s, i) => lineAccepted(head[i] ?? '', s, step.accept?.[i]));
}

interface Attempt {
  exchange: RequestExchange;
  ok: boolean;
  accepted: boolean;
}

function judge(ctx: LessonContext, step: RequestStep, exchange: RequestExchange, suggestions: readonly string[]): Attempt {
  const accepted = requestAccepted(step, exchange.sent, suggestions);
  const missed = capture(ctx, step.capture, exchange.reply.lines);
  const ok = accepted && replyMatches(step, exchange.reply) && missed.length === 0;
  return { exchange, ok, accepted };
}

function connection(ctx: LessonContext, name: string): Connection {
  const conn = ctx.connections.get(name);
  if (!conn) throw new Error(`connection ${name} is not open`);
  return conn;
}

/** The request's lines, each on a line of its own (never wrapped, so each can be typed as shown), then the empty line. */
function showLines(ctx: LessonContext, label: string, lines: readonly string[]): void {
  say(ctx, label);
  for (const l of lines) code(ctx, l);
  note(ctx, `  ${msg(ctx.lang, 'emptyLineName')}`);
}

const expectedLabel = (step: RequestStep) => (step.match ? `${step.expect} /${step.match}/` : step.expect);

/** Played by l7lab: --auto, a quiet replay, or Skip. */
async function playLines(ctx: LessonContext, step: RequestStep, suggestions: readonly string[]): Promise<Attempt> {
  const exchange = await sendRequest(ctx, connection(ctx, step.connection), [...suggestions, '']);
  return judge(ctx, step, exchange, suggestions);
}

async function play(ctx: LessonContext, step: RequestStep, suggestions: readonly string[]): Promise<void> {
  if (ctx.skipNext) showLines(ctx, msg(ctx.lang, 'requestSkipped'), suggestions);
  const a = await playLines(ctx, step, suggestions);
  const got = a.exchange.reply.lines[0] ?? '(no reply)';
  if (!a.ok) mismatch(ctx, step.id, expectedLabel(step), got);
  else if (ctx.skipNext) good(ctx, '✓');
  ctx.stats.commands += ctx.quiet ? 0 : 1;
  explain(ctx, tr(ctx, step.explain), step.layer);
}

/** The prompt for line `i`: the suggested line, or (after the last one) the empty line that ends the request. */
function promptFor(ctx: LessonContext, step: RequestStep, i: number, suggestions: readonly string[]): string {
  const s = suggestions[i];
  const text = s === undefined ? msg(ctx.lang, 'typeEmptyLine') : msg(ctx.lang, 'typeLine', { n: i + 1, suggestion: s });
  return `[${step.connection}] ${text}`;
}

/**
 * The learner's lines, one prompt each, up to the empty line; l7lab sends them together then,
 * as a client sends a request. An empty first line is not a request yet (servers ignore it,
 * RFC 9112 2.2).
 */
async function learnerLines(ctx: LessonContext, step: RequestStep, suggestions: readonly string[], hint: HintSource): Promise<string[]> {
  const typed: string[] = [];
  for (let asked = 0; asked < MAX_PROMPTS && typed.length < suggestions.length + MAX_EXTRA_LINES; asked++) {
    const line = (await askLine(ctx, promptFor(ctx, step, typed.length, suggestions), ctx.connections.get(step.connection), hint)).replace(/\s+$/, '');
    if (line === '' && typed.length === 0) {
      note(ctx, msg(ctx.lang, 'requestLineFirst'));
      continue;
    }
    typed.push(line);
    if (line === '') return typed;
  }
  if (typed.length === 0) throw new LessonQuit();
  return [...typed, ''];
}

async function afterMiss(ctx: LessonContext, step: RequestStep, suggestions: readonly string[]): Promise<MissChoice> {
  const choice = await missMenu(ctx);
  if (choice === 'hint') say(ctx, msg(ctx.lang, 'hintLabel', { text: tr(ctx, step.hint) }));
  if (choice === 'answer') showLines(ctx, msg(ctx.lang, 'requestAnswer'), suggestions);
  return choice;
}

/** The response's header section (up to its empty line) has `Connection: close` (RFC 9112 9.6). */
export function closesAfter(lines: readonly string[]): boolean {
  const end = lines.indexOf('');
  return (end < 0 ? lines : lines.slice(0, end)).some((l) => /^Connection:\s*(?:[^,]*,\s*)*close\s*(?:,|$)/i.test(l));
}

function sayMiss(ctx: LessonContext, step: RequestStep, a: Attempt, suggestions: readonly string[]): void {
  if (a.accepted) warn(ctx, msg(ctx.lang, 'notExpected', { expected: expectedLabel(step), got: a.exchange.reply.status || '-' }));
  else warn(ctx, requestMissReason(ctx.lang, a.exchange.sent, suggestions, step.accept));
  // RFC 9112 9.6: a server that closes says so with "Connection: close"; the next try connects again.
  if (a.exchange.conn.client.closed || closesAfter(a.exchange.reply.lines)) note(ctx, msg(ctx.lang, 'httpClosed', { who: step.connection }));
}

/** Skip: l7lab sends the suggested request; when even that misses here, from a rebuilt lab. */
async function skipHere(ctx: LessonContext, step: RequestStep, suggestions: readonly string[]): Promise<void> {
  showLines(ctx, msg(ctx.lang, 'requestSkipped'), suggestions);
  const s = await playLines(ctx, step, suggestions);
  if (!s.ok) {
    note(ctx, msg(ctx.lang, 'skipRebuilding'));
    throw new StepRestart(true);
  }
  good(ctx, '✓');
  explain(ctx, tr(ctx, step.explain), step.layer);
}

export async function runRequest(ctx: LessonContext, step: RequestStep): Promise<void> {
  const suggestions = suggestedLines(ctx, step);
  say(ctx, tr(ctx, step.text));
  if (ctx.auto || ctx.quiet || ctx.skipNext) return play(ctx, step, suggestions);
  // Bounded: each round is one request typed by the learner.
  for (let round = 0; round < 1000; round++) {
    ctx.stats.commands += 1;
    const lines = await learnerLines(ctx, step, suggestions, step.hint);
    const exchange = await sendRequest(ctx, connection(ctx, step.connection), lines);
    const a = judge(ctx, step, exchange, suggestions);
    if (a.ok) {
      explain(ctx, tr(ctx, step.explain), step.layer);
      return;
    }
    sayMiss(ctx, step, a, suggestions);
    if ((await afterMiss(ctx, step, suggestions)) === 'skip') return skipHere(ctx, step, suggestions);
  }
  throw new LessonQuit();
}
