import type { LessonContext } from '../context.js';
import type { Step, StepKind, StepOf } from '../schema.js';

/**
 * One handler per step kind, declared in a table (not dispatched by building names). Each is
 * imported when a step of its kind first runs: a lesson loads the code of the kinds it uses
 * (an SMTP lesson no DNS or HTTP client), and its first screen shows before any of it loads.
 */
type Handler<K extends StepKind> = (ctx: LessonContext, step: StepOf<K>) => Promise<void> | void;
type Loaders = { [K in StepKind]: () => Promise<Handler<K>> };

const HANDLERS: Loaders = {
  say: async () => (await import('./show.js')).runSay,
  run: async () => (await import('./show.js')).runRun,
  connect: async () => (await import('./connection.js')).runConnect,
  send: async () => (await import('./send.js')).runSend,
  request: async () => (await import('./request.js')).runRequest,
  data: async () => (await import('./data.js')).runData,
  compute: async () => (await import('./compute.js')).runCompute,
  check: async () => (await import('./mailbox.js')).runCheck,
  quiz: async () => (await import('./quiz.js')).runQuiz,
  disconnect: async () => (await import('./connection.js')).runDisconnect,
  wait: async () => (await import('./connection.js')).runWait,
  relay: async () => (await import('./relay.js')).runRelay,
  starttls: async () => (await import('./starttls.js')).runStarttls,
  query: async () => (await import('./query.js')).runQuery,
  authcheck: async () => {
    const { runAuthcheck } = await import('./authcheck.js');
    return (ctx, step) => runAuthcheck(ctx, step);
  },
};

export async function runStep(ctx: LessonContext, step: Step): Promise<void> {
  const handler = (await HANDLERS[step.kind]()) as (ctx: LessonContext, step: Step) => Promise<void> | void;
  await handler(ctx, step);
}
