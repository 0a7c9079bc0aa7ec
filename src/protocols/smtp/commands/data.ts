import { StoreWriteError, type Delivery } from '../../../mailstore/types.js';
import { SMTP_TEXT_LINE } from '../../../limits.js';
import type { Terminator } from '../../session.js';
import { DataReader, joinContent, type DataEnd } from '../data-reader.js';
import { delayed, simulatedFailure } from '../simulate.js';
import { traceHeaders, type TraceInfo } from '../trace.js';
import type { CommandContext, CommandSpec, Outcome, PendingInput, PendingOutcome, Transaction } from '../types.js';
import { noArgs } from './args.js';

/**
 * DATA: after 354 the client sends the message, ended by a line holding only "."
 * (RFC 5321 4.1.1.4); dot-stuffing is undone (4.5.2). The reply comes only once the store
 * has the message durably (RFC 5321 6.1: a 250 is a promise to deliver).
 *   C: DATA
 *   S: 354 End data with <CR><LF>.<CR><LF>
 *   C: Subject: hi
 *   C:
 *   C: ..a line that began with a dot
 *   C: .
 *   S: 250 2.0.0 Ok: queued as 1A2B3C
 */
const SYNTAX = 'DATA';

async function store(ctx: CommandContext, tx: Transaction, content: DataEnd): Promise<Outcome> {
  const queueId = ctx.env.queueId();
  const receivedAt = ctx.env.now();
  const d = ctx.data;
  const info: TraceInfo = {
    hostname: ctx.config.hostname,
    greeting: d.greeting,
    clientDomain: d.clientDomain,
    remoteAddress: d.remoteAddress,
    authenticated: d.authenticatedAs !== null,
    smtputf8: tx.smtputf8,
    from: tx.from,
    to: tx.to,
    queueId,
    receivedAt,
  };
  const raw = joinContent(content, traceHeaders(info, content.hasMessageId));
  let deliveries: Delivery[];
  try {
    deliveries = await ctx.store.deliver({ from: tx.from, to: [...tx.to] }, raw, receivedAt);
  } catch (err) {
    // Not acknowledged: the client keeps the message and retries (RFC 5321 4.2.5, RFC 3463 4.3.x).
    if (!(err instanceof StoreWriteError)) throw err;
    return { replies: [err.noSpace ? '452 4.3.1 Insufficient system storage' : '451 4.3.0 Could not store the message, try again later'] };
  }
  if (ctx.onMessage) {
    // Copies of one transaction share their id (mailstore/types.ts MessageMeta.id).
    const ids = [...new Set(deliveries.map((x) => x.meta.id))];
    ctx.onMessage({ event: 'message', protocol: 'smtp', session: ctx.sessionId, ids, from: tx.from, to: [...tx.to], size: raw.length });
  }
  return { replies: [`250 2.0.0 Ok: queued as ${queueId}`] };
}

function finish(ctx: CommandContext, progress: DataEnd): Outcome | Promise<Outcome> {
  const tx = ctx.data.transaction;
  // Whatever happens, the transaction is over (RFC 5321 4.1.1.4).
  ctx.data.transaction = null;
  if (tx === null) throw new Error('message content without a transaction');
  if (progress.problem === 'too-big') {
    return { replies: [`552 5.3.4 Message size exceeds fixed maximum message size (${ctx.config.maxMessageSize} octets)`] };
  }
  if (progress.problem === 'line-too-long' || progress.parts === null) {
    return { replies: [`500 5.5.2 Message refused: a text line was longer than ${SMTP_TEXT_LINE} octets`] };
  }
  // A simulated failure at the end of DATA (rules match the MAIL FROM; drop@ a recipient):
  // the message is not stored, as when a real server refuses it or dies before its reply.
  const rules = ctx.config.failures;
  const sim = simulatedFailure(ctx, 'data', tx.from, rules ? (rules.match('data', tx.from) ?? rules.magicDrop(tx.to)) : null);
  if (sim?.instead) return sim.instead;
  if (!sim) return store(ctx, tx, progress);
  return store(ctx, tx, progress).then((outcome) => delayed(outcome, sim));
}

// The outcome of a content line that is not the last, shared (never mutated) so the
// per-line path of a message allocates nothing of its own.
const SILENT_LINE: PendingOutcome = Object.freeze({ replies: [], finished: false, note: Object.freeze({ silent: true }) });
const SHOWN_LINE: PendingOutcome = Object.freeze({ replies: [], finished: false, note: Object.freeze({}) });
const SHOWN_UNSTUFFED_LINE: PendingOutcome = Object.freeze({ replies: [], finished: false, note: Object.freeze({ layer: 'L6' }) });

const END_NOTE = Object.freeze({ layer: 'L5' as const });

/** The content phase of DATA, in the session's pending slot. */
export class DataPending implements PendingInput {
  readonly state = 'DATA';
  readonly maxLine = SMTP_TEXT_LINE;
  lineKind: 'data' | 'data-bare-dot' | 'data-end' = 'data';
  /** Size and line count of the finished content, for the transcript. */
  summary: { size: number; lines: number } | null = null;
  private readonly reader: DataReader;

  constructor(ctx: CommandContext) {
    this.reader = new DataReader(ctx.config.maxMessageSize, SMTP_TEXT_LINE, true);
  }

  /** Synchronous for every line but the last: the common path allocates no promise. */
  line(ctx: CommandContext, line: Buffer, end: Terminator): PendingOutcome | Promise<PendingOutcome> {
    const progress = this.reader.line(line, end);
    if (progress.done) return this.finished(ctx, progress);
    // A "." ended by LF alone (netcat without -C) is content: show it, and say why.
    if (line.length === 1 && line[0] === 0x2e && !end.crlf) {
      this.lineKind = 'data-bare-dot';
      return SHOWN_UNSTUFFED_LINE;
    }
    this.lineKind = 'data';
    if (!ctx.config.transcriptDataLines) return SILENT_LINE;
    return progress.unstuffed ? SHOWN_UNSTUFFED_LINE : SHOWN_LINE;
  }

  /** An over-long text line is always shown: the 500 at the end needs its cause in view. */
  overflow(_ctx: CommandContext): PendingOutcome {
    this.reader.overflow();
    return { replies: [], finished: false };
  }

  private async finished(ctx: CommandContext, progress: DataEnd): Promise<PendingOutcome> {
    this.lineKind = 'data-end';
    this.summary = { size: progress.size, lines: progress.lines };
    const outcome = await finish(ctx, progress);
    return { ...outcome, next: outcome.next ?? 'GREETED', finished: true, note: END_NOTE };
  }
}

export const data: CommandSpec<null> = {
  name: 'DATA',
  states: ['RCPT'],
  args: noArgs(SYNTAX),
  syntax: SYNTAX,
  rfc: 'RFC 5321 4.1.1.4',
  handle(ctx): Outcome {
    // The 354 intermediate reply carries no enhanced status code (RFC 2034 3).
    return { replies: ['354 End data with <CR><LF>.<CR><LF>'], next: 'DATA', pending: new DataPending(ctx) };
  },
};
