import { ExitError, UsageError } from '../errors.js';
import { systemReason } from '../i18n.js';
import { readFile } from 'node:fs/promises';
import { PortInUseError, startLab, type Lab, type LabTls } from '../lab.js';
import { FailRuleError, FailureRules, parseFailFile, seededRandom } from '../protocols/smtp/failure-rules.js';
import { openStore as openMailStore } from '../mailstore/open.js';
import { makeDirectory, StoreDirError } from '../mailstore/maildir/make-dir.js';
import type { MailStore } from '../mailstore/types.js';
import { Accounts } from '../protocols/accounts.js';
import type { TranscriptEvent } from '../protocols/transcript.js';
import { loadLabCertificate, TlsCertificateError, type LabCertificate } from '../tls/lab-cert.js';
import { theme } from '../ui/theme.js';
import { createWebApp } from '../web/app.js';
import { isLoopback, serveConfig, type ServeConfig, type ServeTls } from './serve-config.js';
import { banner } from './serve-banner.js';
import { floodCondenser } from './serve-flood.js';
import { serveText as t } from './serve-texts.js';
import { PRIVATE_DIR } from '../limits.js';

/**
 * `l7lab serve`: the lab servers as a local mock mail sandbox that captures every message
 * and relays none, with the web inbox to read it in. Runs until Ctrl-C (SIGINT) or SIGTERM,
 * then shuts down cleanly: a message being received is finished first (LineServer.close's
 * grace period).
 */
async function openStore(config: ServeConfig): Promise<MailStore> {
  if (config.storeDir === null) return openMailStore({ memory: true });
  try {
    await makeDirectory(config.storeDir, PRIVATE_DIR);
  } catch (err) {
    if (err instanceof StoreDirError) {
      const key = err.why === 'not-a-directory' ? 'storeNotDirectory' : 'storeRefused';
      throw new ExitError(t(config.lang, key, { dir: config.storeDir, path: err.dir }));
    }
    throw new ExitError(t(config.lang, 'storeCannotCreate', { dir: config.storeDir, reason: systemReason(err, config.lang) }));
  }
  return openMailStore({ dir: config.storeDir });
}

async function portInUseMessage(err: PortInUseError, config: ServeConfig): Promise<string> {
  const l = config.lang;
  const submission = err.protocol === 'smtp' && !err.implicitTls && err.port === config.tls?.submissionPort && err.port !== config.ports.smtp;
  const flag = submission ? '--submission-port' : `--${err.protocol}${err.implicitTls ? 's' : ''}-port`;
  const name = submission ? 'SMTP submission' : `${err.protocol.toUpperCase()}${err.implicitTls ? 'S' : ''}`;
  const base = t(l, 'portName', { name, port: err.port, host: err.host });
  if (err.code === 'EACCES') return t(l, 'portPrivileged', { base, flag });
  if (err.code !== 'EADDRINUSE') return t(l, 'portUnusable', { base, flag, code: err.code });
  const { findListeners } = await import('../ports/find-listeners.js');
  // DNS listens over UDP first (RFC 1035 4.2.1): whoever holds the UDP port is the likelier culprit.
  const transports = err.protocol === 'dns' ? (['udp', 'tcp'] as const) : (['tcp'] as const);
  const holders = (await Promise.all(transports.map((tr) => findListeners(err.port, tr).catch(() => [])))).flat();
  const who = holders.find((h) => h.pid !== null) ?? holders[0];
  const pid = who && who.pid !== null ? t(l, 'heldPid', { pid: who.pid }) : '';
  const held = who ? t(l, 'heldBy', { process: who.process ?? t(l, 'aProcess'), pid }) : '';
  return t(l, 'portInUse', { base, held, flag });
}

/**
 * Where the servers' events go, through the flood condenser (serve-flood.ts). The human log holds
 * what arrives while the servers start (the DNS hierarchy's notice) until `open()`, after the
 * banner: the banner comes first, as it says. --json-log needs no hold: its listening events come
 * before the endpoints line by design. The log (serve-view.ts, with the explanation tables) is
 * loaded here, before any server starts, so every line is rendered synchronously and in order.
 */
async function sinkFor(config: ServeConfig): Promise<{ sink: ((event: TranscriptEvent) => void) | null; open: () => void }> {
  // --quiet: no log to feed, so no listener for it (a hub nobody hears builds no events, transcript.ts
  // heard()), and no explanation tables in memory (issue 19: serve idle).
  if (config.output === 'quiet') return { sink: null, open: () => undefined };
  const { jsonLogLine, liveLogText } = await import('./serve-view.js');
  if (config.output === 'json') return { sink: floodCondenser((event) => process.stdout.write(`${jsonLogLine(event, config)}\n`), config.lang), open: () => undefined };
  const write = floodCondenser((event: TranscriptEvent) => {
    const text = liveLogText(event, config);
    if (text !== null) process.stdout.write(`${text}\n`);
  }, config.lang);
  let held: TranscriptEvent[] | null = [];
  return {
    sink: (event) => (held ? held.push(event) : write(event)),
    open: () => {
      const early = held ?? [];
      held = null;
      early.forEach(write);
    },
  };
}

/** --max-messages: drop the oldest, and say so (a `retention` JSON event with --json-log). */
async function retentionFor(lab: Lab, config: ServeConfig): Promise<(event: TranscriptEvent) => void> {
  const { retention } = await import('../recording/retention.js');
  const max = config.maxMessages as number;
  return retention(lab.store, max, (ids) => {
    if (config.output === 'json') process.stdout.write(`${JSON.stringify({ event: 'retention', maxMessages: max, dropped: ids })}\n`);
    else if (config.output !== 'quiet') process.stdout.write(`${theme.dim(t(config.lang, 'dropped', { max, n: ids.length, ids: ids.join(', ') }))}\n`);
  });
}

/** Resolves on the first SIGINT/SIGTERM; a second one falls through to Node's default (exit). */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

function labTls(cert: LabCertificate, tls: ServeTls): LabTls {
  return {
    cert: cert.cert,
    key: cert.key,
    implicitPorts: tls.ports,
    loginRequiresTls: tls.loginRequiresTls,
    plainStarttls: tls.plainStarttls,
    submissionPort: tls.submissionPort,
  };
}

/** The lab certificate (made on first use) or the user's pair; null with --no-tls. */
async function certificateFor(config: ServeConfig): Promise<LabCertificate | null> {
  if (!config.tls) return null;
  try {
    return await loadLabCertificate({
      ...(config.tls.certPath !== undefined ? { certPath: config.tls.certPath } : {}),
      ...(config.tls.keyPath !== undefined ? { keyPath: config.tls.keyPath } : {}),
    });
  } catch (err) {
    if (err instanceof TlsCertificateError) throw new ExitError(t(config.lang, 'certBad', { reason: err.reason(config.lang) }));
    throw new ExitError(t(config.lang, 'certCannotPrepare', { reason: systemReason(err, config.lang) }));
  }
}

/** --fail rules, then --fail-file's (numbered after them), with their random source. */
async function failuresFor(config: ServeConfig): Promise<FailureRules> {
  let rules = config.failRules;
  if (config.failFile !== null) {
    let text: string;
    try {
      text = await readFile(config.failFile, 'utf8');
    } catch (err) {
      throw new UsageError(t(config.lang, 'failFileUnreadable', { file: config.failFile, reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message }));
    }
    try {
      rules = [...rules, ...parseFailFile(text, rules.length + 1)];
    } catch (err) {
      if (err instanceof FailRuleError) throw new UsageError(t(config.lang, 'failFileBad', { file: config.failFile, reason: err.describe(config.lang) }));
      throw err;
    }
  }
  return new FailureRules(rules, config.failSeed === null ? Math.random : seededRandom(config.failSeed));
}

/** For --json-log: every endpoint once, so a script needs no guessing which port is which. */
function endpointsLine(lab: Lab): string {
  const entries: Record<string, unknown> = { event: 'endpoints', ...lab.endpoints };
  for (const [p, a] of Object.entries(lab.tlsEndpoints)) entries[`${p}s`] = a;
  if (lab.submission) entries.submission = lab.submission;
  return JSON.stringify(entries);
}

export async function runServe(opts: Record<string, unknown>): Promise<void> {
  const config = serveConfig(opts);
  const failures = await failuresFor(config);
  const cert = await certificateFor(config);
  if (!isLoopback(config.host)) {
    process.stderr.write(`${theme.warn(t(config.lang, 'exposed', { host: config.host }))}\n`);
  }
  const store = await openStore(config);
  const log = await sinkFor(config);
  let lab: Lab;
  try {
    lab = await startLab({
      host: config.host,
      ports: config.ports,
      store,
      accounts: new Accounts(config.users),
      lang: config.lang,
      authRequired: config.authRequired,
      ...(config.maxMessageSize !== undefined ? { maxMessageSize: config.maxMessageSize } : {}),
      ...(log.sink ? { sink: log.sink } : {}),
      keepTranscripts: true,
      // The web inbox and its JSON API over the same store (HTTP and, with TLS, HTTPS).
      httpApp: createWebApp({ store, lang: config.lang }),
      smtpFailures: failures,
      ...(cert && config.tls ? { tls: labTls(cert, config.tls) } : {}),
    });
  } catch (err) {
    await store.close();
    if (err instanceof PortInUseError) throw new ExitError(await portInUseMessage(err, config));
    throw err;
  }
  if (config.maxMessages !== undefined) lab.hub.add(await retentionFor(lab, config));
  if (config.output !== 'json') process.stdout.write(`${banner(lab, config, cert)}\n`);
  else process.stdout.write(`${endpointsLine(lab)}\n`);
  log.open();
  // Scripts following --json-log can check the fingerprint too.
  if (config.output === 'json' && cert) process.stdout.write(`${JSON.stringify({ event: 'certificate', subject: cert.subject, fingerprint256: cert.fingerprint256, path: cert.certPath, generated: cert.generated })}\n`);
  const signal = await untilSignal();
  if (config.output !== 'json') process.stdout.write(`${theme.dim(t(config.lang, 'shuttingDown', { signal }))}\n`);
  await lab.close();
  if (config.output !== 'json') process.stdout.write(`${theme.dim(t(config.lang, 'stopped'))}\n`);
}
