import { UsageError, ExitError } from '../errors.js';
import { parseLang, type Lang } from '../i18n.js';
import { startLab, type Lab } from '../lab.js';
import { historyFile, History } from '../practice/history.js';
import { isProtocol } from '../practice/knowledge.js';
import { msg } from '../practice/messages.js';
import { seedMailboxes } from '../practice/seed.js';
import { PracticeShell } from '../practice/shell.js';
import { parseTarget, showTarget, type Target } from '../practice/target.js';
import { runInteractive, runPiped } from '../practice/terminal.js';
import { PRACTICE_CLOSE_WAIT_MS, PRACTICE_HISTORY_LINES } from '../protocols/limits.js';
import type { Protocol } from '../protocols/transcript.js';
import { HubLink } from '../tutor/hub-link.js';
import { isInteractive } from '../ui/prompts.js';
import { theme } from '../ui/theme.js';
import { DEFAULT_WIRE_TIMEOUT_MS, WireClient, WireError } from '../wire/client.js';
import type { WireReply } from '../wire/reply-framer.js';

/**
 * `l7lab practice <smtp|pop3|imap> [--connect host:port]`: a raw protocol shell that explains
 * every reply. Without --connect it starts the lab (all three servers on loopback, demo
 * accounts, mail waiting) and shows the server's session state after each reply; with it,
 * a plain TCP connection to the server the user named. Without a terminal it reads the
 * commands from stdin and prints the explained transcript.
 */
export interface PracticeDeps {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  interactive?: boolean;
  env?: NodeJS.ProcessEnv;
}

function langOf(opts: Record<string, unknown>): Lang {
  try {
    return parseLang(typeof opts.lang === 'string' ? opts.lang : undefined);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Connect and read the greeting, or fail with one line (exit 1) saying what went wrong. */
async function open(protocol: Protocol, target: Target, lang: Lang): Promise<{ client: WireClient; greeting: WireReply }> {
  try {
    return await WireClient.connect({ ...target, protocol, timeoutMs: DEFAULT_WIRE_TIMEOUT_MS });
  } catch (err) {
    if (!(err instanceof WireError)) throw err;
    const where = { host: showTarget(target).replace(/:\d+$/, ''), port: target.port };
    if (err.kind === 'refused') throw new ExitError(msg(lang, 'refused', where));
    if (err.kind === 'closed') throw new ExitError(msg(lang, 'closedEarly', where));
    if (err.kind === 'timeout' && err.message.startsWith('no complete reply')) {
      throw new ExitError(msg(lang, 'noGreeting', { ...where, protocol: protocol.toUpperCase(), seconds: DEFAULT_WIRE_TIMEOUT_MS / 1000 }));
    }
    throw new ExitError(msg(lang, 'unreachable', { ...where, why: err.message.replace(/^could not connect to \S+: /, '') }));
  }
}

interface Where {
  target: Target;
  lab: Lab | null;
}

async function where(protocol: Protocol, opts: Record<string, unknown>, lang: Lang): Promise<Where> {
  if (typeof opts.connect === 'string') {
    const target = parseTarget(opts.connect);
    if (!target) throw new UsageError(msg(lang, 'badTarget', { value: opts.connect }));
    return { target, lab: null };
  }
  const lab = await startLab({ lang });
  try {
    await seedMailboxes(lab.store);
  } catch (err) {
    await lab.close();
    throw err;
  }
  const endpoint = lab.endpoints[protocol] as Target;
  return { target: { host: endpoint.host, port: endpoint.port }, lab };
}

export async function runPractice(protocol: string, opts: Record<string, unknown>, deps: PracticeDeps = {}): Promise<void> {
  const lang = langOf(opts);
  const p = protocol.toLowerCase();
  if (!isProtocol(p)) throw new UsageError(msg(lang, 'unknownProtocol', { protocol }));
  const output = deps.output ?? process.stdout;
  const input = deps.input ?? process.stdin;
  const interactive = deps.interactive ?? isInteractive();
  const out = (text: string) => void output.write(`${text}\n`);
  const { target, lab } = await where(p, opts, lang);
  // Subscribe before connecting: the connect event maps our port to the lab's session.
  const link = lab ? new HubLink(lab.hub) : null;
  try {
    const { client, greeting } = await open(p, target, lang);
    try {
      const history = await History.open(historyFile(p, deps.env));
      const shell = new PracticeShell({ protocol: p, lang, wire: client, events: link, history, out, closeWaitMs: PRACTICE_CLOSE_WAIT_MS, replyTimeoutMs: DEFAULT_WIRE_TIMEOUT_MS, where: showTarget(target) });
      const at = { protocol: p.toUpperCase(), host: showTarget(target).replace(/:\d+$/, ''), port: target.port };
      out(theme.bold(msg(lang, lab ? 'connectedLab' : 'connectedRemote', at)));
      if (interactive) out(theme.dim(msg(lang, 'tips')));
      shell.start(greeting);
      if (interactive) {
        await runInteractive(shell, { input, output, history: history.entries, historySize: PRACTICE_HISTORY_LINES, quitHint: msg(lang, 'quitHint') });
      } else {
        await runPiped(shell, input);
      }
    } finally {
      await client.close();
    }
  } finally {
    link?.close();
    await lab?.close();
  }
}
