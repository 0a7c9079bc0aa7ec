import type { Lang } from '../i18n.js';
import type { Prompts } from '../ui/prompts.js';
import type { StartLab } from './lab-types.js';
import { msg } from './messages.js';
import { heading, note, say } from './present.js';
import type { ProgressStore, LessonStats } from './progress.js';
import type { Lesson, Step } from './schema.js';
import { out, type LessonContext, type Mismatch, type PortsView } from './context.js';
import { runStep } from './steps/index.js';
import { labListeners } from './steps/show.js';
import { startLabs } from './labs.js';
import { LessonQuit, StepRestart } from './control.js';
import { placeholdersIn } from './placeholders.js';

/**
 * Runs one lesson: a fresh lab (or several) on loopback, the steps in order, progress saved
 * after each. Whatever happens (the last step, Ctrl-C, a failure) every connection and every
 * lab server is closed before this returns or throws.
 */
export interface RunLessonOptions {
  lesson: Lesson;
  lang: Lang;
  /** Play by itself: suggested commands, right quiz answers, no prompts. */
  auto: boolean;
  prompts: Prompts;
  write: (text: string) => void;
  startLab: StartLab;
  progress?: ProgressStore;
  /** Index of the first step to run live; the steps before it are replayed quietly. */
  startAt?: number;
  portsView?: PortsView;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface LessonResult {
  completed: boolean;
  mismatches: Mismatch[];
  stats: LessonStats;
}

/** A lesson could not go on (a server missing, a connection lost): one line for the learner. */
export class LessonRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LessonRunError';
  }
}

export class LessonCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'LessonCancelled';
  }
}

/** Kinds that show something and ask nothing: the learner reads, then presses Enter. */
const PAUSE_AFTER = new Set<Step['kind']>(['say', 'run', 'connect', 'compute', 'check', 'disconnect', 'wait', 'relay', 'starttls', 'authcheck']);

/** Steps that change the lab's state (a query fills the resolver's cache, and captures its TTL), replayed (quietly) to resume in the middle of a lesson. */
const REPLAYED = new Set<Step['kind']>(['connect', 'send', 'request', 'data', 'compute', 'disconnect', 'wait', 'relay', 'starttls', 'query']);

/** Reset / Skip rebuild the lab; a bound keeps a scripted loop from rebuilding forever. */
const MAX_RESTARTS_PER_STEP = 50;

async function step(ctx: LessonContext, s: Step, opts: RunLessonOptions): Promise<void> {
  if (opts.signal?.aborted) throw new LessonCancelled();
  try {
    await runStep(ctx, s);
  } catch (err) {
    if (opts.signal?.aborted) throw new LessonCancelled();
    if (err instanceof Error && (err.name === 'PromptCancelled' || err instanceof LessonCancelled || err instanceof LessonQuit || err instanceof StepRestart)) throw err;
    throw new LessonRunError(`${ctx.lesson.id}: step ${s.id}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function replay(ctx: LessonContext, steps: readonly Step[], opts: RunLessonOptions): Promise<void> {
  if (steps.length === 0) return;
  note(ctx, msg(ctx.lang, 'replaying', { n: steps.length }));
  ctx.quiet = true;
  try {
    for (const s of steps) if (REPLAYED.has(s.kind)) await step(ctx, s, opts);
  } finally {
    ctx.quiet = false;
  }
}

/** A fresh lab with the steps before `at` replayed quietly: the state a step starts from, as resume builds it. */
async function rebuild(ctx: LessonContext, opts: RunLessonOptions, at: number): Promise<void> {
  await closeAll(ctx);
  ctx.labs.clear();
  ctx.connections.clear();
  ctx.captures.clear();
  ctx.ownMessage = false;
  await startLabs(ctx, opts.startLab, ctx.labs);
  await replay(ctx, ctx.lesson.steps.slice(0, at), opts);
  note(ctx, msg(ctx.lang, 'rebuilt'));
}

/** One step, rebuilt and run again as often as the learner asks for Reset or Skip. */
async function stepWithRestarts(ctx: LessonContext, opts: RunLessonOptions, i: number): Promise<void> {
  const s = ctx.lesson.steps[i] as Step;
  let skip = false;
  for (let n = 0; ; n++) {
    ctx.skipNext = skip;
    try {
      await step(ctx, s, opts);
      return;
    } catch (err) {
      if (!(err instanceof StepRestart)) throw err;
      if (n >= MAX_RESTARTS_PER_STEP) throw new LessonRunError(`${ctx.lesson.id}: step ${s.id}: the lab was rebuilt ${MAX_RESTARTS_PER_STEP} times`);
      await rebuild(ctx, opts, i);
      skip = err.skip;
    } finally {
      ctx.skipNext = false;
    }
  }
}

async function pause(ctx: LessonContext): Promise<void> {
  const typed = await ctx.prompts.input(msg(ctx.lang, 'pressEnter'));
  if (/^:(quit|q)$/i.test(typed.trim())) throw new LessonQuit();
}

/**
 * The labs starting while the first screen shows: with a lesson that opens with `say` steps
 * (and no resume), those show at once and the labs are awaited, and listed, before the first
 * step of another kind (issue 19: the first screen waited for every server's modules).
 */
interface Starting {
  labs: Promise<void>;
  /** Steps before this index run without waiting for the labs. */
  before: number;
  listed: boolean;
}

/** How many steps open the lesson with `say` and no placeholder (`{port.smtp}` comes from a lab): they need no lab. */
function leadingSays(steps: readonly Step[]): number {
  const first = steps.findIndex((s) => s.kind !== 'say' || placeholdersIn(JSON.stringify(s)).length > 0);
  return first < 0 ? steps.length : first;
}

async function labsUp(ctx: LessonContext, starting: Starting): Promise<void> {
  await starting.labs;
  if (starting.listed) return;
  starting.listed = true;
  listLabs(ctx);
}

async function live(ctx: LessonContext, opts: RunLessonOptions, from: number, starting: Starting): Promise<void> {
  const steps = ctx.lesson.steps;
  for (let i = from; i < steps.length; i++) {
    const s = steps[i] as Step;
    if (i >= starting.before) await labsUp(ctx, starting);
    out(ctx, '');
    const title = s.title ? ` ${s.title[ctx.lang]}` : '';
    heading(ctx, `${msg(ctx.lang, 'stepHeader', { n: i + 1, total: steps.length })}${title}`);
    ctx.stepFailed = false;
    await stepWithRestarts(ctx, opts, i);
    // --auto only watches: its steps are not the learner's (issue 14 item 7).
    if (!ctx.auto && !ctx.stepFailed) await opts.progress?.markStep(ctx.lesson.id, s.id);
    if (!ctx.auto && PAUSE_AFTER.has(s.kind)) await pause(ctx);
  }
}

function announce(ctx: LessonContext): void {
  heading(ctx, msg(ctx.lang, 'lessonHeader', { title: ctx.lesson.title[ctx.lang], minutes: ctx.lesson.minutes }));
  say(ctx, ctx.lesson.summary[ctx.lang]);
}

function listLabs(ctx: LessonContext): void {
  note(ctx, msg(ctx.lang, 'labUp'));
  for (const lab of ctx.labs.values()) {
    const list = labListeners(lab).map((l) => `${l.name} ${l.host}:${l.port}`);
    note(ctx, `  ${ctx.labs.size > 1 ? `${lab.name}: ` : ''}${list.join(', ')}`);
  }
}

async function newContext(opts: RunLessonOptions): Promise<LessonContext> {
  return {
    lesson: opts.lesson,
    lang: opts.lang,
    auto: opts.auto,
    quiet: false,
    prompts: opts.prompts,
    labs: new Map(),
    connections: new Map(),
    captures: new Map(),
    mismatches: [],
    stats: { commands: 0, replies: {} },
    portsView: opts.portsView,
    timeoutMs: opts.timeoutMs,
    write: opts.write,
    skipNext: false,
    stepFailed: false,
    ownMessage: false,
    score: { right: 0, total: 0 },
  };
}

/** Every connection dropped and every lab server closed, whatever happened. */
async function closeAll(ctx: LessonContext): Promise<void> {
  for (const c of ctx.connections.values()) c.client.destroy();
  await Promise.all(
    [...ctx.labs.values()].map(async (l) => {
      l.link.close();
      await l.lab.close();
    }),
  );
}

export async function runLesson(opts: RunLessonOptions): Promise<LessonResult> {
  const ctx = await newContext(opts);
  // Ctrl-C outside a prompt: drop the connections, so a step waiting on the network ends now.
  const onAbort = () => {
    for (const c of ctx.connections.values()) c.client.destroy();
  };
  opts.signal?.addEventListener('abort', onAbort);
  let labs: Promise<void> | undefined;
  try {
    const from = Math.min(Math.max(opts.startAt ?? 0, 0), opts.lesson.steps.length);
    labs = startLabs(ctx, opts.startLab, ctx.labs);
    // Awaited before the first step that is not a say (labsUp), at the end, and before closing: never left unhandled.
    labs.catch(() => undefined);
    const starting: Starting = { labs, before: from === 0 ? leadingSays(opts.lesson.steps) : 0, listed: false };
    if (starting.before === 0) await labs;
    announce(ctx);
    if (starting.before === 0) await labsUp(ctx, starting);
    await replay(ctx, opts.lesson.steps.slice(0, from), opts);
    await live(ctx, opts, from, starting);
    await labs;
    out(ctx, '');
    heading(ctx, msg(ctx.lang, 'lessonDone', { title: opts.lesson.title[ctx.lang] }));
    if (ctx.score.total > 0) say(ctx, msg(ctx.lang, 'quizScore', ctx.score));
    const stats: LessonStats = ctx.score.total > 0 ? { ...ctx.stats, score: { ...ctx.score } } : ctx.stats;
    if (ctx.auto) await opts.progress?.watched(opts.lesson.id);
    else await opts.progress?.complete(opts.lesson.id, stats);
    return { completed: true, mismatches: ctx.mismatches, stats };
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    // Labs still starting (the learner left during the first say steps) are closed once up.
    await labs?.catch(() => undefined);
    await closeAll(ctx);
  }
}
