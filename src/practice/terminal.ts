import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import type { Outcome, PracticeShell } from './shell.js';

/** What the terminal needs of a shell: practice's line shell, or practice dns's question shell. */
export type TerminalShell = Pick<PracticeShell, 'handle' | 'prompt' | 'completer' | 'takesBody' | 'takePushed' | 'onServerSpeaks' | 'waitForClose'>;

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
export async function runPiped(shell: TerminalShell, input: NodeJS.ReadableStream): Promise<Outcome> {
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

/**
 * Lines the server sends between commands (IMAP IDLE's updates, a 421 before an idle close)
 * appear as they arrive, above the prompt, which is then drawn again with what was typed.
 */
function showPushes(shell: TerminalShell, rl: Interface, opts: TerminalOptions, busy: () => boolean): void {
  shell.onServerSpeaks(() => {
    if (busy()) return;
    const pushed = shell.takePushed();
    if (!pushed) return;
    clearLine(opts.output, 0);
    cursorTo(opts.output, 0);
    opts.output.write(`${pushed.text}\n`);
    if (!pushed.bye) return rl.prompt(true);
    // A goodbye: once the server has closed there is nothing left to type to.
    void shell.waitForClose().then((closed) => (closed ? rl.close() : rl.prompt(true)));
  });
}

export async function runInteractive(shell: TerminalShell, opts: TerminalOptions): Promise<Outcome> {
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
  // readline's own list (newest first), the one Up walks; the 'history' event hands it over.
  let recall: string[] = [];
  rl.on('history', (h: string[]) => (recall = h));
  let busy = false;
  onInterrupt(rl, opts, () => busy);
  showPushes(shell, rl, opts, () => busy);
  const lines = rl[Symbol.asyncIterator]();
  try {
    for (;;) {
      rl.setPrompt(shell.prompt());
      rl.prompt();
      // Up recalls commands, as :history lists them: a message body line (`Hello Bob`, `.`) is taken back out.
      const body = shell.takesBody() ? [...recall] : null;
      const next = await lines.next();
      if (body !== null) recall.splice(0, recall.length, ...body);
      if (next.done) {
        // Ctrl-D (or the server left): end the prompt's line.
        opts.output.write('\n');
        return 'quit';
      }
      busy = true;
      const outcome = await shell.handle(next.value as string);
      // Whatever the server pushed while this line was handled, before the next prompt.
      const pushed = shell.takePushed();
      if (pushed) opts.output.write(`${pushed.text}\n`);
      busy = false;
      if (outcome !== 'more') return outcome;
      if (pushed?.bye && (await shell.waitForClose())) return 'closed';
    }
  } finally {
    rl.close();
  }
}
