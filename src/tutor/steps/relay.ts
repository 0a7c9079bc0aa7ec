import { WireClient, WireError } from '../../wire/client.js';
import type { WireReply } from '../../wire/reply-framer.js';
import { mismatch, tr, type Connection, type LessonContext } from '../context.js';
import { labNamed, showExchange } from '../exchange.js';
import { Conversation, messageLines } from '../../conversation/pairing.js';
import { msg } from '../messages.js';
import { explain, note, say, warn } from '../present.js';
import type { StepOf } from '../schema.js';
import { dnsMsg } from '../dns-messages.js';
import { lookupRoute, showBounce } from '../mx-lookup.js';

/**
 * `relay`: the sending lab server passes a captured message on to the receiving lab
 * server, SMTP to SMTP (RFC 5321 2.1: a relay acts as an SMTP client), and the learner
 * watches the server-to-server transcript. Safe by construction: the target is always a lab
 * started by this lesson, in this process, on loopback; nothing leaves the machine. With
 * `lookup`, the sending server first finds the next server in its lab's DNS (RFC 5321 5.1,
 * mx-lookup.ts): by MX, by the implicit MX, or not at all, and then the mail bounces.
 */
type RelayStep = StepOf<'relay'>;

async function newestMessage(ctx: LessonContext, step: RelayStep): Promise<Buffer> {
  const store = labNamed(ctx, step.from).lab.store;
  const metas = await store.list(step.account, 'INBOX');
  const newest = metas[metas.length - 1];
  if (!newest) throw new Error(`lab ${step.from} has no message for ${step.account} to relay`);
  return store.read(step.account, 'INBOX', newest.uid);
}

/**
 * The message's lines without the final CRLF (the body step adds the terminating dot), and
 * without the Return-Path the sending lab stored: only final delivery adds one, and a relay
 * must not send a message that already has it (RFC 5321 4.4).
 */
function linesOf(raw: Buffer): string[] {
  const lines = raw.toString('utf8').split('\r\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const headerEnd = lines.indexOf('');
  const isReturnPath = (i: number) => /^Return-Path:/i.test(lines[i] as string);
  const isFolded = (i: number) => /^[ \t]/.test(lines[i] as string);
  return lines.filter((_, i) => {
    if (headerEnd !== -1 && i >= headerEnd) return true;
    let start = i;
    while (start > 0 && isFolded(start)) start--;
    return !isReturnPath(start);
  });
}

async function converse(ctx: LessonContext, conn: Connection, step: RelayStep, raw: Buffer): Promise<WireReply[]> {
  const replies: WireReply[] = [];
  const send = async (line: string) => {
    const reply = await conn.client.send(line);
    showExchange(ctx, conn, [line], reply.lines);
    replies.push(reply);
    return reply;
  };
  await send(`EHLO ${step.from}.lab.example`);
  await send(`MAIL FROM:<${step.mailFrom}>`);
  for (const rcpt of step.rcptTo) await send(`RCPT TO:<${rcpt}>`);
  const data = await send('DATA');
  if (data.status === '354') {
    const { wire, reply } = await conn.client.sendBody(linesOf(raw));
    // A long body would bury the conversation: show its first and last lines.
    const shown = wire.length > 8 ? [...wire.slice(0, 5), `[… ${wire.length - 7} …]`, ...wire.slice(-2)] : wire;
    showExchange(ctx, conn, messageLines(shown), reply.lines, 'L6');
    replies.push(reply);
  }
  await send('QUIT');
  return replies;
}

/** RFC 5321 5.1: the sending server's lookup before it relays; false when there is no server to relay to (a bounce). */
async function routeFound(ctx: LessonContext, step: RelayStep): Promise<boolean> {
  if (step.lookup === undefined) return true;
  const dns = labNamed(ctx, step.from).lab.dns;
  if (!dns) throw new Error(`lab ${step.from} runs no DNS server`);
  const rcpt = step.rcptTo[0] ?? '';
  const domain = rcpt.slice(rcpt.lastIndexOf('@') + 1);
  const found = await lookupRoute(ctx, dns, domain, step.to ?? '-');
  if (found.route !== step.lookup) {
    warn(ctx, dnsMsg(ctx.lang, 'lookupUnexpected', { domain, got: found.route, want: step.lookup }));
    mismatch(ctx, step.id, step.lookup, found.route);
  }
  if (found.route !== 'bounce') return true;
  showBounce(ctx, step.mailFrom, rcpt, found.status ?? '5.1.2');
  return false;
}

async function relayTo(ctx: LessonContext, step: RelayStep, to: string): Promise<void> {
  const target = labNamed(ctx, to);
  const endpoint = target.lab.endpoints.smtp;
  if (!endpoint) throw new Error(`lab ${to} runs no SMTP server`);
  note(ctx, msg(ctx.lang, 'relayHeader', { from: step.from, to, host: endpoint.host, port: endpoint.port }));
  const raw = await newestMessage(ctx, step);
  const { client, greeting } = await WireClient.connect({ host: endpoint.host, port: endpoint.port, protocol: 'smtp', ...(ctx.timeoutMs ? { timeoutMs: ctx.timeoutMs } : {}) });
  const conversation = new Conversation(target.link, () => client.localPort);
  const conn: Connection = { name: `${step.from}→${to}`, protocol: 'smtp', lab: target, client, conversation, state: null, awaiting: false, greeting: greeting.lines[0] ?? '', challenge: null, tlsFromStart: false };
  try {
    showExchange(ctx, conn, [], greeting.lines);
    const replies = await converse(ctx, conn, step, raw);
    const failed = replies.find((r) => !/^[23]/.test(r.status));
    if (failed) mismatch(ctx, step.id, '2xx/3xx', failed.lines.join(' | '));
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    warn(ctx, err.message);
    mismatch(ctx, step.id, 'relay completes', err.message);
  } finally {
    client.destroy();
  }
}

export async function runRelay(ctx: LessonContext, step: RelayStep): Promise<void> {
  if (step.text) say(ctx, tr(ctx, step.text));
  if ((await routeFound(ctx, step)) && step.to !== undefined) await relayTo(ctx, step, step.to);
  explain(ctx, tr(ctx, step.explain));
}
