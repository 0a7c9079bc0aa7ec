import type { Protocol } from '../../protocol.js';
import { renderFitted } from '../../ui/tables.js';
import { theme } from '../../ui/theme.js';
import { wrap } from '../../ui/wrap.js';
import { out, tr, type LessonContext, type RunningLab } from '../context.js';
import { labNamed } from '../lab-named.js';
import { msg } from '../messages.js';
import { code, explain, note, say } from '../present.js';
import type { StepOf } from '../schema.js';
import { headerOf } from './mailbox.js';

/**
 * Steps that only show: `say` (text, an optional ASCII diagram, the layer it is about) and
 * `run` (an l7lab capability live, next to the classic command and what each part means).
 */
export function runSay(ctx: LessonContext, step: StepOf<'say'>): void {
  const badge = step.layer && ctx.lesson.show.layers ? `${theme.layer(step.layer)} ` : '';
  say(ctx, tr(ctx, step.text), badge);
  if (step.diagram !== undefined) {
    const art = typeof step.diagram === 'string' ? step.diagram : step.diagram[ctx.lang];
    out(ctx, theme.dim(art.replace(/\n$/, '')));
  }
}

/** The lab's listeners by name: `HTTP`, and for an implicit-TLS port `HTTPS` (`SMTPS`, `IMAPS`, ...). */
export function labListeners(lab: RunningLab): Array<{ name: string; host: string; port: number }> {
  const plain = (Object.entries(lab.lab.endpoints) as Array<[Protocol, { host: string; port: number }]>).map(([p, e]) => ({ name: p.toUpperCase(), ...e }));
  const tls = (Object.entries(lab.lab.tlsEndpoints ?? {}) as Array<[Protocol, { host: string; port: number }]>).map(([p, e]) => ({ name: `${p.toUpperCase()}S`, ...e }));
  return [...plain, ...tls];
}

function endpointsTable(ctx: LessonContext, lab: RunningLab): string {
  const rows = labListeners(lab).map((l) => [l.name, l.host, l.port]);
  return renderFitted([{ head: msg(ctx.lang, 'colProtocol') }, { head: msg(ctx.lang, 'colAddress') }, { head: 'port' }], rows);
}

async function mailTable(ctx: LessonContext, lab: RunningLab): Promise<string> {
  const rows: Array<Array<string | number>> = [];
  for (const account of await lab.lab.store.accounts()) {
    for (const meta of await lab.lab.store.list(account, 'INBOX').catch(() => [])) {
      const raw = await lab.lab.store.read(account, 'INBOX', meta.uid);
      rows.push([account, meta.uid, headerOf(raw, 'from'), headerOf(raw, 'subject'), meta.size]);
    }
  }
  const l = ctx.lang;
  // Fits the terminal (ui/tables.ts): size gives way first, then long senders and subjects are cut with ….
  const columns = [{ head: msg(l, 'colAccount'), min: 8 }, { head: msg(l, 'colUid') }, { head: msg(l, 'colFrom'), min: 12 }, { head: msg(l, 'colSubject'), min: 12 }, { head: msg(l, 'colSize'), drop: 1 }];
  return renderFitted(columns, rows);
}

async function portsTable(ctx: LessonContext, lab: RunningLab): Promise<string> {
  const listeners = labListeners(lab);
  const ports = listeners.map((l) => l.port);
  const names = new Map(listeners.map((l) => [l.port, `${l.name} (l7lab)`] as const));
  if (ctx.portsView) {
    try {
      const view = await ctx.portsView(ports, ctx.lang, names);
      if (view !== null) return view;
    } catch (err) {
      return `${theme.dim(msg(ctx.lang, 'portsUnavailable', { why: (err as Error).message }))}\n${endpointsTable(ctx, lab)}`;
    }
  }
  return `${theme.dim(msg(ctx.lang, 'portsUnavailable', { why: 'l7lab ports' }))}\n${endpointsTable(ctx, lab)}`;
}

export async function runRun(ctx: LessonContext, step: StepOf<'run'>): Promise<void> {
  say(ctx, tr(ctx, step.text));
  const lab = labNamed(ctx, step.lab);
  const shown = step.show === 'ports' ? await portsTable(ctx, lab) : step.show === 'endpoints' ? endpointsTable(ctx, lab) : await mailTable(ctx, lab);
  out(ctx, shown);
  if (step.classic) {
    note(ctx, msg(ctx.lang, 'classicLabel'));
    code(ctx, step.classic.command);
    const width = Math.max(...step.classic.parts.map((p) => p.token.length), 0);
    for (const part of step.classic.parts) out(ctx, wrap(tr(ctx, part.text), { prefix: `    ${theme.code(part.token.padEnd(width))}  ` }));
  }
  if (step.explain) explain(ctx, tr(ctx, step.explain));
}
