import { StoreWriteError, type Delivery } from '../../../mailstore/types.js';
import { SMTP_TEXT_LINE } from '../../../limits.js';
import type { ClientNote, Expect, OutItem, Step, Terminator } from '../../session.js';
import { DATA_BARE_DOT, DATA_LINE, dataEnd, serverKey } from '../knowledge/keys.js';
import { DataReader, joinContent, type DataEnd } from '../data-reader.js';
import { delayed, simulatedFailure } from '../simulate.js';
import { traceHeaders, type TraceInfo } from '../trace.js';
import { smtpCommand, type SmtpContext, type SmtpOutcome, type SmtpPending, type Transaction, type UnchangedLine } from '../types.js';
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

const QUEUED = serverKey('250 2.0.0 Ok: queued as 0');

async function store(ctx: SmtpContext, tx: Transaction, content: DataEnd): Promise<SmtpOutcome> {
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
  // The queue id makes every such line new: its key is given here, not read from the text each time.
  return { replies: [`250 2.0.0 Ok: queued as ${queueId}`], knowledge: [QUEUED] };
}

function finish(ctx: SmtpContext, tx: Transaction, progress: DataEnd): SmtpOutcome | Promise<SmtpOutcome> {
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

/** A shared content-line result: its step and the step's promise, built once (see UnchangedLine). */
function unchanged(client: ClientNote): UnchangedLine {
  const step: Step = Object.freeze({ out: Object.freeze([]) as unknown as OutItem[], client: Object.freeze(client) });
  return Object.freeze({ unchanged: true, step, settled: Promise.resolve(step) });
}

// The results of a content line that is not the last: shared, so the per-line path of a
// message allocates nothing of its own.
const SILENT_LINE = unchanged({ silent: true, knowledge: DATA_LINE });
const SHOWN_LINE = unchanged({ knowledge: DATA_LINE });
const SHOWN_UNSTUFFED_LINE = unchanged({ layer: 'L6', knowledge: DATA_LINE });
const BARE_DOT_LINE = unchanged({ layer: 'L6', knowledge: DATA_BARE_DOT });
const EXPECT: Expect = { mode: 'line', maxLine: SMTP_TEXT_LINE };

/**
 * The content phase of DATA, in the session's pending slot. It holds the transaction DATA
 * was admitted with; whatever happens at the end, the transaction is over (RFC 5321 4.1.1.4).
 */
export class DataPending implements SmtpPending {
  readonly expect = EXPECT;
  private readonly reader: DataReader;

  constructor(
    ctx: SmtpContext,
    private readonly tx: Transaction,
  ) {
    this.reader = new DataReader(ctx.config.maxMessageSize, SMTP_TEXT_LINE, true);
  }

  /** Synchronous for every line but the last: the common path allocates nothing. */
  line(ctx: SmtpContext, line: Buffer, end: Terminator): UnchangedLine | Promise<SmtpOutcome> {
    const progress = this.reader.line(line, end);
    if (progress.done) return this.finished(ctx, progress);
    // A "." ended by LF alone (netcat without -C) is content: show it, and say why.
    if (line.length === 1 && line[0] === 0x2e && !end.crlf) return BARE_DOT_LINE;
    if (!ctx.config.transcriptDataLines) return SILENT_LINE;
    return progress.unstuffed ? SHOWN_UNSTUFFED_LINE : SHOWN_LINE;
  }

  /** An over-long text line is always shown: the 500 at the end needs its cause in view. */
  overflow(_ctx: SmtpContext): SmtpOutcome {
    this.reader.overflow();
    return { replies: [], pending: this, note: { knowledge: DATA_LINE } };
  }

  private async finished(ctx: SmtpContext, progress: DataEnd): Promise<SmtpOutcome> {
    const outcome = await finish(ctx, this.tx, progress);
    const note = { layer: 'L5' as const, knowledge: dataEnd(progress.size, progress.lines) };
    return { ...outcome, next: outcome.next ?? 'GREETED', change: { transaction: null }, note };
  }
}

export const data = smtpCommand({
  name: 'DATA',
  states: ['RCPT'],
  args: noArgs(SYNTAX),
  syntax: SYNTAX,
  rfc: 'RFC 5321 4.1.1.4',
  handle(ctx): SmtpOutcome {
    // The 354 intermediate reply carries no enhanced status code (RFC 2034 3).
    return { replies: ['354 End data with <CR><LF>.<CR><LF>'], next: 'DATA', pending: new DataPending(ctx, ctx.transaction) };
  },
});
