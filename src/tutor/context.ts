import type { Lang } from '../i18n.js';
import type { Conversation } from '../conversation/pairing.js';
import type { HubLink } from '../conversation/hub-link.js';
import type { Protocol } from '../protocol.js';
import type { Prompts } from '../ui/prompts.js';
import type { WireClient } from '../wire/client.js';
import type { TutorLab } from './lab-types.js';
import type { LocalizedText, Lesson } from './schema.js';
import { fill } from './placeholders.js';

/**
 * Everything a step handler may use while a lesson runs: the labs and connections, the
 * values captured so far, the output and the injected prompts. Handlers never touch the
 * terminal or process directly, so the whole engine runs under test with scripted prompts.
 */
export interface RunningLab {
  name: string;
  lab: TutorLab;
  link: HubLink;
}

export interface Connection {
  name: string;
  protocol: Protocol;
  lab: RunningLab;
  client: WireClient;
  /** Pairs what this connection sends and reads with the server's transcript events. */
  conversation: Conversation;
  /** The session state after the last line, from the server's own transcript event (null until known). */
  state: string | null;
  /** The last reply asked for more (SMTP 334, POP3/IMAP `+`): the next line answers it, not a command. */
  awaiting: boolean;
  /** The greeting's first line (APOP's timestamp) and the last SASL challenge seen (CRAM-MD5). */
  greeting: string;
  challenge: string | null;
  /** Opened on the implicit-TLS port (HTTPS): a reconnect goes there again. */
  tlsFromStart: boolean;
}

export interface Mismatch {
  step: string;
  expected: string;
  got: string;
}

/** Shows the lab's own listeners as `l7lab ports` would, or null when it cannot here. */
/** `names`: what each lab port speaks (port -> "SMTP (l7lab)"), as the lab chose its ports itself. */
export type PortsView = (ports: number[], lang: Lang, names?: ReadonlyMap<number, string>) => Promise<string | null>;

export interface LessonContext {
  readonly lesson: Lesson;
  readonly lang: Lang;
  /** The lesson plays itself: suggested commands, correct quiz answers, no prompts. */
  readonly auto: boolean;
  /** Replaying done steps to rebuild the lab: no output, no prompts, no progress. */
  quiet: boolean;
  readonly prompts: Prompts;
  readonly labs: Map<string, RunningLab>;
  readonly connections: Map<string, Connection>;
  readonly captures: Map<string, string>;
  readonly mismatches: Mismatch[];
  readonly stats: { commands: number; replies: Record<string, number> };
  readonly portsView: PortsView | undefined;
  readonly timeoutMs: number | undefined;
  /** Where the lesson's output goes (stdout, or a string in tests). */
  readonly write: (text: string) => void;
  /** Play the current step's own suggestion once (Skip after a rebuilt lab). */
  skipNext: boolean;
  /** The step did not end as it should (a failed check the learner went past): not marked done. */
  stepFailed: boolean;
  /** The learner typed their own DATA message: checks that need the prepared one say so. */
  ownMessage: boolean;
  /** The DKIM-Signature field the last signing data step added (`dkim: sign`), for a later `dkim: reuse`. */
  dkimSignature?: string;
  /** Quiz answers right at the first try, out of the quizzes asked. */
  readonly score: { right: number; total: number };
}

export function out(ctx: LessonContext, text: string): void {
  if (!ctx.quiet) ctx.write(`${text}\n`);
}

/** `http` -> the plain port; `https` (`imaps`, ...) -> the implicit-TLS port of `http` when the lab has one. */
function portOf(lab: RunningLab, name: string): string | undefined {
  const plain = lab.lab.endpoints[name as Protocol];
  if (plain) return plain.port.toString();
  return name.endsWith('s') ? lab.lab.tlsEndpoints?.[name.slice(0, -1) as Protocol]?.port.toString() : undefined;
}

/** Look a placeholder up: captures first, then the lab's accounts, ports and host. */
export function lookup(ctx: LessonContext, name: string): string | undefined {
  const captured = ctx.captures.get(name);
  if (captured !== undefined) return captured;
  const main = ctx.labs.values().next().value as RunningLab | undefined;
  if (!main) return undefined;
  if (name.startsWith('password.')) return main.lab.accounts.secret(name.slice('password.'.length));
  if (name.startsWith('port.')) return portOf(main, name.slice('port.'.length));
  if (name === 'host') return Object.values(main.lab.endpoints)[0]?.host;
  return undefined;
}

/** A lesson text in the learner's language, with this session's values filled in. */
export function tr(ctx: LessonContext, text: LocalizedText): string {
  return fill(text[ctx.lang], (name) => lookup(ctx, name));
}

export function fillValue(ctx: LessonContext, template: string): string {
  return fill(template, (name) => lookup(ctx, name));
}

export function mismatch(ctx: LessonContext, step: string, expected: string, got: string): void {
  if (ctx.quiet) return;
  ctx.mismatches.push({ step, expected, got });
}

export function countReply(ctx: LessonContext, status: string): void {
  if (ctx.quiet || status === '') return;
  ctx.stats.replies[status] = (ctx.stats.replies[status] ?? 0) + 1;
}

/** Apply `capture: {name: pattern}` to reply text; the first group, or the whole match. Returns names that did not match. */
export function capture(ctx: LessonContext, patterns: Record<string, string> | undefined, lines: readonly string[]): string[] {
  const missed: string[] = [];
  const textOf = lines.join('\n');
  for (const [name, source] of Object.entries(patterns ?? {})) {
    const m = new RegExp(source, 'im').exec(textOf);
    if (m) ctx.captures.set(name, m[1] ?? m[0]);
    else missed.push(name);
  }
  return missed;
}
