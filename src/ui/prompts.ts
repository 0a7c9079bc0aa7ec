/**
 * The only module that touches inquirer. Code that asks the user something takes a
 * `Prompts` object, so tests inject a scripted one and never need a terminal.
 * inquirer is imported lazily: `--help` and non-interactive runs never load it.
 */
import { detectLang, type Lang } from '../i18n.js';
import { theme } from './theme.js';
export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface Prompts {
  select<T>(message: string, choices: Array<Choice<T>>, defaultValue?: T): Promise<T>;
  input(message: string, defaultValue?: string): Promise<string>;
  confirm(message: string, defaultValue?: boolean): Promise<boolean>;
}

/** Thrown when the user presses Ctrl-C / closes the prompt. */
export class PromptCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'PromptCancelled';
  }
}

function isExitPromptError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'ExitPromptError' || err.name === 'AbortPromptError');
}

interface KeyInfo {
  ctrl?: boolean;
  name?: string;
}

/**
 * Runs one inquirer prompt that Ctrl-D ends like Ctrl-C. On an empty line readline closes
 * its interface on Ctrl-D and inquirer then waits forever (typed text still echoes, Enter
 * does nothing), so EOF is caught as a key here and aborts the prompt.
 */
async function guard<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const stdin = process.stdin;
  const onKey = (_: unknown, key: KeyInfo | undefined) => {
    if (key?.ctrl && key.name === 'd') controller.abort();
  };
  if (stdin.isTTY) {
    const { emitKeypressEvents } = await import('node:readline');
    emitKeypressEvents(stdin);
    stdin.on('keypress', onKey);
  }
  try {
    return await run(controller.signal);
  } catch (err) {
    if (isExitPromptError(err)) throw new PromptCancelled();
    throw err;
  } finally {
    stdin.off('keypress', onKey);
  }
}

/** inquirer's key help under a list ("↑↓ navigate • ⏎ select"), in the user's language. */
const KEY_ACTIONS: Record<Lang, Record<string, string>> = {
  en: { navigate: 'navigate', select: 'select' },
  ja: { navigate: '移動', select: '決定' },
};

export function keysHelpTip(lang: Lang): (keys: Array<[string, string]>) => string {
  return (keys) => keys.map(([key, action]) => `${theme.bold(key)} ${theme.dim(KEY_ACTIONS[lang][action] ?? action)}`).join(theme.dim(' • '));
}

export function terminalPrompts(lang: Lang = detectLang()): Prompts {
  return {
    async select<T>(message: string, choices: Array<Choice<T>>, defaultValue?: T): Promise<T> {
      const { select } = await import('@inquirer/prompts');
      return guard((signal) =>
        select<T>(
          {
            message,
            choices: choices.map((c) => ({ name: c.name, value: c.value, ...(c.description ? { description: c.description } : {}) })),
            ...(defaultValue !== undefined ? { default: defaultValue } : {}),
            pageSize: 12,
            theme: { style: { keysHelpTip: keysHelpTip(lang) } },
          },
          { signal },
        ),
      );
    },
    async input(message: string, defaultValue?: string): Promise<string> {
      const { input } = await import('@inquirer/prompts');
      return guard((signal) => input({ message, ...(defaultValue !== undefined ? { default: defaultValue } : {}) }, { signal }));
    },
    async confirm(message: string, defaultValue = true): Promise<boolean> {
      const { confirm } = await import('@inquirer/prompts');
      return guard((signal) => confirm({ message, default: defaultValue }, { signal }));
    },
  };
}

/** True when we may ask questions: both ends of the conversation are a terminal. */
export function isInteractive(stdin: NodeJS.ReadStream = process.stdin, stdout: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stdin.isTTY && stdout.isTTY);
}
