import { Chalk, supportsColor, type ChalkInstance } from 'chalk';

/**
 * The only module that imports chalk. Colours follow https://no-color.org:
 * a non-empty NO_COLOR turns them off; FORCE_COLOR (read by chalk) turns them on.
 */
function colourLevel(env: NodeJS.ProcessEnv): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  return supportsColor ? supportsColor.level : 0;
}

const c: ChalkInstance = new Chalk({ level: colourLevel(process.env) });

export const theme = {
  enabled: c.level > 0,
  heading: (s: string) => c.bold.underline(s),
  bold: (s: string) => c.bold(s),
  dim: (s: string) => c.dim(s),
  ok: (s: string) => c.green(s),
  warn: (s: string) => c.yellow(s),
  error: (s: string) => c.red(s),
  info: (s: string) => c.cyan(s),
  code: (s: string) => c.magenta(s),
  /** What the client (the learner) typed. */
  client: (s: string) => c.cyan(s),
  /** What the server answered. */
  server: (s: string) => c.green(s),
  /** A server reply that reports a failure (4xx/5xx, -ERR, NO/BAD). */
  serverError: (s: string) => c.red(s),
  explanation: (s: string) => c.dim.italic(s),
  layer: (s: string) => c.bgBlue.white(` ${s} `),
  state: (s: string) => c.yellow(s),
};

export type Theme = typeof theme;
