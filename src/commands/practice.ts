import { UsageError, ExitError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { langOption, type Options } from './options.js';
import { startLab, type Lab } from '../lab.js';
import { historyFile, History } from '../practice/history.js';
import { isProtocol, PROTOCOLS, type Protocol } from '../protocol.js';
import { unknownProtocolLine } from '../explain/messages.js';
import { msg } from '../practice/messages.js';
import { seedMailboxes } from '../practice/seed.js';
import { PracticeShell } from '../practice/shell.js';
import { startTlsExchange, tlsNote } from '../conversation/tls-note.js';
import { defaultTlsDir, LAB_CERT_FILE, loadLabCertificate } from '../tls/lab-cert.js';
import type { WireTls } from '../wire/tls.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTarget, showTarget, type Target } from '../practice/target.js';
import { runInteractive, runPiped } from '../practice/terminal.js';
import { PRACTICE_CLOSE_WAIT_MS, PRACTICE_HISTORY_LINES } from '../limits.js';
import { HubLink } from '../conversation/hub-link.js';
import { isInteractive } from '../ui/prompts.js';
import { theme } from '../ui/theme.js';
import { terminalWidth, wrap } from '../ui/wrap.js';
import { DEFAULT_WIRE_TIMEOUT_MS, WireClient, WireError } from '../wire/client.js';
import type { WireReply } from '../wire/reply-framer.js';

/**
 * `l7lab practice <smtp|pop3|imap|http> [--connect host:port]`: a raw protocol shell that explains
 * every reply (HTTP: every response, once the typed request is complete). Without --connect it starts the lab (all three servers on loopback, demo
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

/** Connect and read the greeting, or fail with one line (exit 1) saying what went wrong. */
async function open(protocol: Protocol, target: Target, lang: Lang, tls: WireTls | null): Promise<{ client: WireClient; greeting: WireReply }> {
  try {
    return await WireClient.connect({ ...target, protocol, timeoutMs: DEFAULT_WIRE_TIMEOUT_MS, ...(tls?.mode === 'implicit' ? { tls } : {}) });
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
  tls: WireTls | null;
}

/** --tls / --starttls / --insecure; the lab certificate is trusted when there is one. */
function tlsMode(opts: Options): WireTls | null {
  if (opts.tls && opts.starttls) throw new UsageError('--tls and --starttls exclude each other: --tls for smtps/pop3s/imaps ports, --starttls for the plain ones');
  if (!opts.tls && !opts.starttls) {
    if (opts.insecure) throw new UsageError('--insecure goes with --tls or --starttls');
    return null;
  }
  return { mode: opts.tls ? 'implicit' : 'starttls', ...(opts.insecure ? { insecure: true } : {}) };
}

/** The lab certificate if `l7lab serve` already made one (never made here for --connect). */
async function labCa(): Promise<string[]> {
  try {
    return [await readFile(join(defaultTlsDir(), LAB_CERT_FILE), 'utf8')];
  } catch {
    return [];
  }
}

async function where(protocol: Protocol, opts: Options, lang: Lang): Promise<Where> {
  const mode = tlsMode(opts);
  if (typeof opts.connect === 'string') {
    const target = parseTarget(opts.connect);
    if (!target) throw new UsageError(msg(lang, 'badTarget', { value: opts.connect }));
    return { target, lab: null, tls: mode ? { ...mode, ca: await labCa() } : null };
  }
  const cert = mode ? await loadLabCertificate() : null;
  const implicit = mode?.mode === 'implicit';
  const lab = await startLab({ lang, ...(cert ? { tls: { cert: cert.cert, key: cert.key, ...(implicit ? { implicitPorts: { [protocol]: 0 } } : {}) } } : {}) });
  try {
    await seedMailboxes(lab.store);
  } catch (err) {
    await lab.close();
    throw err;
  }
  const endpoint = (implicit ? lab.tlsEndpoints[protocol] : lab.endpoints[protocol]) as Target;
  return { target: { host: endpoint.host, port: endpoint.port }, lab, tls: mode && cert ? { ...mode, ca: [cert.cert] } : null };
}

/** --starttls: the upgrade, shown as an exchange; then (either mode) what the handshake gave. */
async function secure(client: WireClient, tls: WireTls, target: Target, link: HubLink | null, out: (t: string) => void, lang: Lang): Promise<void> {
  if (tls.mode === 'starttls') {
    let exchange: Awaited<ReturnType<WireClient['startTls']>>;
    try {
      exchange = await client.startTls(tls, target.host);
    } catch (err) {
      throw new ExitError(`${(err as Error).message}${tls.insecure ? '' : '; for a self-signed certificate add --insecure'}`);
    }
    link?.take(client.localPort);
    out(startTlsExchange(exchange.sent, exchange.reply, lang));
    if (!client.tls) throw new ExitError(`the server refused ${exchange.sent}: ${exchange.reply.lines.join(' ')}`);
  }
  if (client.tls) out(tlsNote(client.tls, lang, client.protocol !== 'http'));
}

export async function runPractice(protocol: string, opts: Options, deps: PracticeDeps = {}): Promise<void> {
  const lang = langOption(opts);
  const p = protocol.toLowerCase();
  if (!isProtocol(p)) throw new UsageError(unknownProtocolLine(lang, protocol, PROTOCOLS));
  // DNS is questions in datagrams, not lines on a connection: its own shell.
  if (p === 'dns') {
    const { runDnsPractice } = await import('./practice-dns.js');
    return runDnsPractice(opts, deps);
  }
  // HTTPS is TLS from the first byte on its own port (RFC 9110 4.2.2); there is nothing to upgrade.
  if (p === 'http' && opts.starttls) throw new UsageError(msg(lang, 'httpNoStarttls'));
  const output = deps.output ?? process.stdout;
  const input = deps.input ?? process.stdin;
  const interactive = deps.interactive ?? isInteractive();
  const out = (text: string) => void output.write(`${text}\n`);
  const { target, lab, tls } = await where(p, opts, lang);
  // Subscribe before connecting: the connect event maps our port to the lab's session.
  const link = lab ? new HubLink(lab.hub) : null;
  try {
    const { client, greeting } = await open(p, target, lang, tls);
    try {
      const history = await History.open(historyFile(p, deps.env));
      const shell = new PracticeShell({ protocol: p, lang, wire: client, events: link, history, out, closeWaitMs: PRACTICE_CLOSE_WAIT_MS, replyTimeoutMs: DEFAULT_WIRE_TIMEOUT_MS, where: showTarget(target) });
      const at = { protocol: p.toUpperCase(), host: showTarget(target).replace(/:\d+$/, ''), port: target.port };
      const width = terminalWidth(output as { isTTY?: boolean; columns?: number });
      const http = p === 'http';
      out(wrap(msg(lang, lab ? (http ? 'connectedLabHttp' : 'connectedLab') : 'connectedRemote', at), { width, style: theme.bold }));
      if (interactive) out(wrap(msg(lang, http ? 'tipsHttp' : 'tips'), { width, style: theme.dim }));
      shell.start(greeting);
      if (tls) await secure(client, tls, target, link, out, lang);
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
