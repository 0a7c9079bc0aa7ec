import { FailureRules, parseFailRule } from '../protocols/smtp/failure-rules.js';
import { randomBytes } from 'node:crypto';
import type { Protocol } from '../protocol.js';
import type { LessonContext, RunningLab } from './context.js';
import { HubLink } from '../conversation/hub-link.js';
import type { StartLab, TutorLab, TutorLabOptions } from './lab-types.js';
import { msg } from './messages.js';
import type { LabConfig, Lesson, SeedMessage } from './schema.js';
import { loadLabCertificate } from '../tls/lab-cert.js';

/**
 * Starts the labs a lesson names (one by default), on loopback only, and puts the lesson's
 * seed messages in their stores. A lesson that needs a server this build lacks stops here
 * with one line saying which.
 */
const LOOPBACK = new Set(['127.0.0.1', '::1']);

/** An RFC 5322 message from a seed entry, with CRLF line ends as SMTP would store it. */
export function seedMessageText(m: SeedMessage, now: Date = new Date()): Buffer {
  const id = `<${randomBytes(6).toString('hex')}@lab.example>`;
  const head = [`From: ${m.from}`, `To: ${m.to.join(', ')}`, `Subject: ${m.subject}`, `Date: ${now.toUTCString()}`, `Message-ID: ${id}`];
  return Buffer.from(`${[...head, '', ...m.body].join('\r\n')}\r\n`, 'utf8');
}

/** Which protocols each lab must run, from the lesson's connect, relay and query steps. */
export function protocolsNeeded(lesson: Lesson): Map<string, Set<Protocol>> {
  const need = new Map<string, Set<Protocol>>();
  const add = (lab: string, p: Protocol) => need.set(lab, (need.get(lab) ?? new Set()).add(p));
  const first = Object.keys(lesson.labs)[0] ?? 'main';
  for (const s of lesson.steps) {
    if (s.kind === 'connect') add(s.lab ?? first, s.protocol);
    if (s.kind === 'relay' && s.to !== undefined) add(s.to, 'smtp');
    // RFC 5321 5.1: the sending server finds the next one in DNS; a query step asks the lab DNS.
    if (s.kind === 'relay' && s.lookup !== undefined) add(s.from, 'dns');
    if (s.kind === 'query') add(s.lab ?? first, 'dns');
    // The checks ask the lab DNS for SPF, DKIM key and DMARC records (src/mailauth).
    if (s.kind === 'authcheck') add(s.lab ?? first, 'dns');
  }
  return need;
}

/** Which protocols each lab also serves over implicit TLS: its `implicitTls` and its connect steps with `tls`. */
export function implicitTlsNeeded(lesson: Lesson): Map<string, Set<Protocol>> {
  const need = new Map<string, Set<Protocol>>();
  const first = Object.keys(lesson.labs)[0] ?? 'main';
  for (const [name, config] of Object.entries(lesson.labs)) need.set(name, new Set(config.implicitTls ?? []));
  for (const s of lesson.steps) {
    if (s.kind === 'connect' && s.tls) need.set(s.lab ?? first, (need.get(s.lab ?? first) ?? new Set()).add(s.protocol));
  }
  return need;
}

/** The lab's TLS options: the lab certificate, and an implicit-TLS port (any free one) per protocol that needs it. */
async function tlsOptions(config: LabConfig, implicit: Set<Protocol> | undefined): Promise<TutorLabOptions['tls']> {
  const implicitPorts = Object.fromEntries([...(implicit ?? [])].map((p) => [p, 0]));
  return { ...(await labPair()), loginRequiresTls: config.loginRequiresTls, ...(implicit && implicit.size > 0 ? { implicitPorts } : {}) };
}

async function seed(lab: TutorLab, config: LabConfig): Promise<void> {
  for (const m of config.seed) {
    const deliveries = await lab.store.deliver({ from: m.from, to: m.to }, seedMessageText(m));
    if (m.flags.length === 0) continue;
    for (const d of deliveries) await lab.store.setFlags(d.account, d.mailbox, d.meta.uid, m.flags);
  }
}

function assertReady(ctx: LessonContext, name: string, lab: TutorLab, needed: Set<Protocol> | undefined): void {
  for (const [p, e] of Object.entries(lab.endpoints)) {
    if (!LOOPBACK.has(e.host)) throw new Error(`lab ${name} listens for ${p} on ${e.host}: lessons only use loopback`);
  }
  for (const p of needed ?? []) {
    if (!lab.endpoints[p]) throw new Error(msg(ctx.lang, 'needsServer', { protocol: p.toUpperCase() }));
  }
  for (const [p, e] of Object.entries(lab.tlsEndpoints ?? {})) {
    if (!LOOPBACK.has(e.host)) throw new Error(`lab ${name} listens for ${p} over TLS on ${e.host}: lessons only use loopback`);
  }
}

/** The lab certificate's pair (made on first use in the data directory, like serve's). */
export async function labPair(): Promise<{ cert: string; key: string }> {
  const c = await loadLabCertificate();
  return { cert: c.cert, key: c.key };
}

export async function startLabs(ctx: LessonContext, startLab: StartLab, into: Map<string, RunningLab>): Promise<void> {
  const needed = protocolsNeeded(ctx.lesson);
  const implicit = implicitTlsNeeded(ctx.lesson);
  for (const [name, config] of Object.entries(ctx.lesson.labs)) {
    const lab = await startLab({
      host: '127.0.0.1',
      lang: ctx.lang,
      authRequired: config.authRequired,
      ...(config.protocols ? { protocols: config.protocols } : {}),
      ...(config.tls ? { tls: await tlsOptions(config, implicit.get(name)) } : {}),
      // Failure on demand, as in serve: the magic addresses (reject-550@, tempfail-451@, ...) and the lab's rules.
      smtpFailures: new FailureRules((config.failRules ?? []).map((rule, i) => parseFailRule(rule, `rule ${i + 1}`))),
    });
    // Registered at once, so it is closed even if the checks below fail.
    into.set(name, { name, lab, link: new HubLink(lab.hub) });
    assertReady(ctx, name, lab, needed.get(name));
    await seed(lab, config);
  }
}
