import { createInterface, type Interface } from 'node:readline';
import type { Outcome, PracticeShell } from './shell.js';

/**
 * Feeding the shell typed lines. With a terminal: node:readline with the shell's prompt,
 * Tab completion, history (Up), Ctrl-C to cancel the line and Ctrl-D to leave. Without one:
 * every line of stdin in order, so a session can be scripted.
 */
export interface TerminalOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Earlier lines, oldest first. */
  history: readonly string[];
  historySize: number;
  /** Said when Ctrl-C meets an empty line: how to leave. */
  quitHint: string;
}

/** stdin is not a terminal: every line in order, until EOF or the shell stops. */
export async function runPiped(shell: PracticeShell, input: NodeJS.ReadableStream): Promise<Outcome> {
  const rl = createInterface({ input, terminal: false, crlfDelay: Infinity });
  try {
    for await (const line of rl) {
      const outcome = await shell.handle(line);
      if (outcome !== 'more') return outcome;
    }
    return 'quit';
  } finally {
    rl.close();
  }
}

/** Ctrl-C: forget what is typed on the line (not the session), and show a fresh prompt. */
function onInterrupt(rl: Interface, opts: TerminalOptions, busy: () => boolean): void {
  rl.on('SIGINT', () => {
    if (busy()) return;
    const typed = rl.line;
    rl.write(null, { ctrl: true, name: 'e' });
    rl.write(null, { ctrl: true, name: 'u' });
    opts.output.write(typed === '' ? `^C  ${opts.quitHint}\n` : '^C\n');
    rl.prompt();
  });
}

export async function runInteractive(shell: PracticeShell, opts: TerminalOptions): Promise<Outcome> {
  const rl = createInterface({
    input: opts.input,
    output: opts.output,
    terminal: true,
    completer: shell.completer,
    // readline wants the newest first.
    history: [...opts.history].reverse(),
    historySize: opts.historySize,
    removeHistoryDuplicates: true,
  });
  let busy = false;
  onInterrupt(rl, opts, () => busy);
  const lines = rl[Symbol.asyncIterator]();
  try {
    for (;;) {
      rl.setPrompt(shell.prompt());
      rl.prompt();
      const next = await lines.next();
      if (next.done) return 'quit';
      busy = true;
      const outcome = await shell.handle(next.value as string);
      busy = false;
      if (outcome !== 'more') return outcome;
    }
  } finally {
    rl.close();
  }
}
