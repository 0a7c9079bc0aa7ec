import type { LessonContext } from '../context.js';
import type { Step, StepKind, StepOf } from '../schema.js';
import { runAuthcheck } from './authcheck.js';
import { runCompute } from './compute.js';
import { runConnect, runDisconnect, runWait } from './connection.js';
import { runData } from './data.js';
import { runCheck } from './mailbox.js';
import { runQuery } from './query.js';
import { runQuiz } from './quiz.js';
import { runRelay } from './relay.js';
import { runRequest } from './request.js';
import { runSend } from './send.js';
import { runRun, runSay } from './show.js';
import { runStarttls } from './starttls.js';

/** One handler per step kind, declared in a table (not dispatched by building names). */
type Handlers = { [K in StepKind]: (ctx: LessonContext, step: StepOf<K>) => Promise<void> | void };

const HANDLERS: Handlers = {
  say: runSay,
  run: runRun,
  connect: runConnect,
  send: runSend,
  request: runRequest,
  data: runData,
  compute: runCompute,
  check: runCheck,
  quiz: runQuiz,
  disconnect: runDisconnect,
  wait: runWait,
  relay: runRelay,
  starttls: runStarttls,
  query: runQuery,
  authcheck: (ctx, step) => runAuthcheck(ctx, step),
};

export async function runStep(ctx: LessonContext, step: Step): Promise<void> {
  const handler = HANDLERS[step.kind] as (ctx: LessonContext, step: Step) => Promise<void> | void;
  await handler(ctx, step);
}
