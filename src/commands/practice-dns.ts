import { UsageError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { startLab, type Lab } from '../lab.js';
import { PRACTICE_DNS_TIMEOUT_MS, PRACTICE_HISTORY_LINES } from '../limits.js';
import { ResolverTap } from '../practice/dns-events.js';
import { DnsShell } from '../practice/dns-shell.js';
import { dnsMsg } from '../practice/dns-messages.js';
import { labTargets, type DnsTargets } from '../practice/dns-targets.js';
import { historyFile, History } from '../practice/history.js';
import { msg } from '../practice/messages.js';
import { parseTarget, showTarget } from '../practice/target.js';
import { runInteractive, runPiped } from '../practice/terminal.js';
import { isInteractive } from '../ui/prompts.js';
import { theme } from '../ui/theme.js';
import { terminalWidth, wrap } from '../ui/wrap.js';
import { langOption, type Options } from './options.js';

/**
 * `l7lab practice dns [--connect host:port]`: questions typed as dig takes them, each sent as one
 * datagram to the lab's resolver (or the server named with @, or the --connect server, the only
 * place it dials out), explained. The lab runs the whole hierarchy on loopback; @root, @tld and
 * the servers' names reach it. Without a terminal the questions come from stdin.
 */

/** What tests give instead of the process's streams (the same shape as practice.ts's PracticeDeps). */
export interface DnsPracticeDeps {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  interactive?: boolean;
  env?: NodeJS.ProcessEnv;
}

async function where(opts: Options, lang: Lang): Promise<{ targets: DnsTargets; lab: Lab | null }> {
  if (opts.tls || opts.starttls) throw new UsageError(dnsMsg(lang, 'noTls'));
  if (typeof opts.connect === 'string') {
    const target = parseTarget(opts.connect);
    if (!target) throw new UsageError(msg(lang, 'badTarget', { value: opts.connect }));
    return { targets: { default: target, servers: [], port: target.port }, lab: null };
  }
  const lab = await startLab({ lang, protocols: ['dns'] });
  if (!lab.dns) {
    await lab.close();
    throw new Error('the lab did not start DNS');
  }
  return { targets: labTargets(lab.dns), lab };
}

export async function runDnsPractice(opts: Options, deps: DnsPracticeDeps = {}): Promise<void> {
  const lang = langOption(opts);
  const output = deps.output ?? process.stdout;
  const input = deps.input ?? process.stdin;
  const interactive = deps.interactive ?? isInteractive();
  const out = (text: string) => void output.write(`${text}\n`);
  const width = terminalWidth(output as { isTTY?: boolean; columns?: number });
  const { targets, lab } = await where(opts, lang);
  const tap = lab ? new ResolverTap(lab.hub) : null;
  try {
    const history = await History.open(historyFile('dns', deps.env));
    const remember = async (line: string): Promise<void> => {
      const failed = await history.add(line);
      if (failed !== null) out(theme.warn(msg(lang, 'historyUnwritable', { path: history.path, why: failed })));
    };
    const shell = new DnsShell({ lang, targets, out, timeoutMs: PRACTICE_DNS_TIMEOUT_MS, width, remember, resolverSteps: tap });
    const root = targets.servers.find((s) => s.role === 'root');
    const hello = lab && root ? dnsMsg(lang, 'connectedLab', { resolver: showTarget(targets.default), root: `${root.name} ${showTarget(root)}` }) : dnsMsg(lang, 'connectedRemote', { server: showTarget(targets.default) });
    out(wrap(hello, { width, style: theme.bold }));
    if (interactive) {
      out(wrap(dnsMsg(lang, 'tips'), { width, style: theme.dim }));
      await runInteractive(shell, { input, output, history: history.entries, historySize: PRACTICE_HISTORY_LINES, quitHint: msg(lang, 'quitHint') });
    } else {
      await runPiped(shell, input);
    }
  } finally {
    tap?.close();
    await lab?.close();
  }
}
