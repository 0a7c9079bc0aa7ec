/**
 * How a step handler asks the runner to change course. Thrown, not returned, so a handler
 * deep in a prompt loop can leave at once; the runner (runner.ts) is the only catcher.
 */

/** The learner asked to stop (`:quit`, `:q`, Quit in a menu): progress is kept, the lab closed. */
export class LessonQuit extends Error {
  constructor() {
    super('quit');
    this.name = 'LessonQuit';
  }
}

/**
 * Rebuild the lab and replay the steps before this one (as resume does), then run this step
 * again; with `skip`, the step then plays its own suggestion, so a skipped step never sends
 * a line into a broken exchange.
 */
export class StepRestart extends Error {
  constructor(readonly skip: boolean) {
    super(skip ? 'skip' : 'reset');
    this.name = 'StepRestart';
  }
}
