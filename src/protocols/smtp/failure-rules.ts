import { FAIL_MAX_DELAY_MS } from '../../limits.js';
import type { Lang } from '../../i18n.js';
import { failRuleMessage, type FailProblem } from './failure-problems.js';

/**
 * Failure on demand: rules that make the mock SMTP server answer like a failing real one
 * (Mailpit's "chaos", MailHog's "Jim", smtp4dev's rules). Pure: parsing and matching only;
 * the session asks `match()` at each stage and the randomness is injected.
 *
 *   rcpt:*@bounce.test=550 5.1.1          a permanent "no such user" for one domain
 *   data:*=451 4.3.0 @25%                 a temporary failure of one message in four
 *   rcpt:*@slow.test=delay 3s             the normal reply, 3 seconds late
 *   data:*@drop.test=drop                 the connection is dropped after the final dot
 *
 * The pattern is a glob (`*` any run of characters, `?` one), case-insensitive, matched
 * against the whole recipient (rcpt), the sender (mail, data: the MAIL FROM) or the user
 * name (auth). Without any rule, the magic recipients in MAGIC_RULES fail on their own.
 */
export type FailStage = 'mail' | 'rcpt' | 'data' | 'auth';
const FAIL_STAGES: readonly FailStage[] = ['mail', 'rcpt', 'data', 'auth'];

export type FailAction = { kind: 'reply'; code: number; enhanced: string; text: string | null } | { kind: 'delay'; ms: number } | { kind: 'drop' };

export interface FailRule {
  /** "rule 2" (its place among --fail and --fail-file rules) or "magic address reject-550@". */
  label: string;
  stage: FailStage;
  pattern: string;
  action: FailAction;
  /** 0 < p <= 1; 1 = always. */
  probability: number;
  readonly regex: RegExp;
}

/** What the session does with a match: reply with `reply`, wait `delayMs` first, or drop. */
export interface FailureHit {
  rule: FailRule;
  action: FailAction;
}

/** A rule that cannot be used; `describe(lang)` says why in the user's language (the message is English). */
export class FailRuleError extends Error {
  constructor(
    readonly rule: string,
    readonly problem: FailProblem,
    /** The line of a --fail-file, when it came from one. */
    readonly line?: number,
  ) {
    super(failRuleMessage(rule, problem, 'en', line));
    this.name = 'FailRuleError';
  }

  describe(lang: Lang): string {
    return failRuleMessage(this.rule, this.problem, lang, this.line);
  }
}

/**
 * The enhanced status code (RFC 3463) and a short text for a reply code given alone, from the
 * everyday meaning of each code (RFC 5321 4.2.2, 4.2.3; RFC 4954 6 for 454/535).
 */
const DEFAULTS: Record<number, [string, string]> = {
  421: ['4.3.0', 'Service not available, closing transmission channel'],
  450: ['4.2.1', 'Mailbox unavailable, try again later'],
  451: ['4.3.0', 'Local error in processing, try again later'],
  452: ['4.2.2', 'Insufficient storage, try again later'],
  454: ['4.7.0', 'Temporary authentication failure'],
  535: ['5.7.8', 'Authentication credentials invalid'],
  550: ['5.1.1', 'Mailbox unavailable: no such user'],
  551: ['5.1.6', 'User not local'],
  552: ['5.2.2', 'Mailbox full'],
  553: ['5.1.3', 'Mailbox name not allowed'],
  554: ['5.7.1', 'Transaction failed: rejected by policy'],
};

function defaultEnhanced(code: number): string {
  return DEFAULTS[code]?.[0] ?? `${Math.floor(code / 100)}.0.0`;
}

export function defaultText(code: number): string {
  return DEFAULTS[code]?.[1] ?? (code >= 500 ? 'Permanent failure' : 'Temporary failure');
}

function globToRegex(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function parseDelay(text: string, rule: string): FailAction {
  const m = /^delay\s+(\d+(?:\.\d+)?)\s*(ms|s)$/i.exec(text);
  if (!m) throw new FailRuleError(rule, { kind: 'delay-form' });
  const ms = Math.round(Number(m[1]) * ((m[2] as string).toLowerCase() === 's' ? 1000 : 1));
  if (ms > FAIL_MAX_DELAY_MS) throw new FailRuleError(rule, { kind: 'delay-max', vars: { seconds: FAIL_MAX_DELAY_MS / 1000 } });
  return { kind: 'delay', ms };
}

function parseReply(text: string, rule: string, stage: FailStage): FailAction {
  const m = /^(\d{3})(?:\s+(\d\.\d{1,3}\.\d{1,3}))?(?:\s+(.*))?$/.exec(text);
  if (!m) throw new FailRuleError(rule, { kind: 'not-action', vars: { text } });
  const code = Number(m[1]);
  if (code < 400 || code > 599) throw new FailRuleError(rule, { kind: 'not-failure', vars: { code } });
  if (stage === 'auth' && code === 535) throw new FailRuleError(rule, { kind: 'auth-535' });
  const enhanced = m[2] ?? defaultEnhanced(code);
  if (enhanced[0] !== String(code)[0]) throw new FailRuleError(rule, { kind: 'enhanced-class', vars: { enhanced, code, digit: String(code)[0] as string } });
  return { kind: 'reply', code, enhanced, text: m[3]?.trim() || null };
}

function parseAction(text: string, rule: string, stage: FailStage): FailAction {
  if (/^drop$/i.test(text)) return { kind: 'drop' };
  if (/^delay\b/i.test(text)) return parseDelay(text, rule);
  return parseReply(text, rule, stage);
}

function parseProbability(text: string, rule: string): number {
  const p = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || p <= 0 || p > 100) throw new FailRuleError(rule, { kind: 'probability', vars: { text } });
  return p / 100;
}

/** One rule, `stage:pattern=action[ @N%]`; `label` names it in replies and the transcript. */
export function parseFailRule(text: string, label: string): FailRule {
  const rule = text.trim();
  const colon = rule.indexOf(':');
  const stage = rule.slice(0, colon).trim().toLowerCase();
  if (colon < 0 || !(FAIL_STAGES as readonly string[]).includes(stage)) throw new FailRuleError(rule, { kind: 'stage', vars: { stages: `${FAIL_STAGES.join(':, ')}:` } });
  const eq = rule.lastIndexOf('=');
  if (eq < colon) throw new FailRuleError(rule, { kind: 'no-action' });
  const pattern = rule.slice(colon + 1, eq).trim();
  if (pattern === '' || /\s/.test(pattern)) throw new FailRuleError(rule, { kind: 'pattern' });
  let actionText = rule.slice(eq + 1).trim();
  let probability = 1;
  const chance = /\s*@\s*([^\s%]*)%$/.exec(actionText);
  if (chance) {
    probability = parseProbability(chance[1] as string, rule);
    actionText = actionText.slice(0, chance.index).trim();
  }
  const action = parseAction(actionText, rule, stage as FailStage);
  return { label, stage: stage as FailStage, pattern, action, probability, regex: globToRegex(pattern) };
}

/** A --fail-file: one rule a line; blank lines and lines starting with # are skipped. */
export function parseFailFile(text: string, firstNumber = 1): FailRule[] {
  const rules: FailRule[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    try {
      rules.push(parseFailRule(t, `rule ${firstNumber + rules.length}`));
    } catch (err) {
      if (err instanceof FailRuleError) throw new FailRuleError(err.rule, err.problem, i + 1);
      throw err;
    }
  });
  return rules;
}

/**
 * The magic recipients that fail with no configuration, at RCPT (any domain):
 * reject-550@, reject-552@, reject-554@ (permanent), tempfail-450@, tempfail-451@,
 * tempfail-452@ (temporary), and drop@ (accepted, then the connection is dropped after the
 * message's final dot, with no reply).
 */
const MAGIC_RULES: readonly FailRule[] = [
  ...[550, 552, 554].map((code) => magic(`reject-${code}@*`, { kind: 'reply', code, enhanced: defaultEnhanced(code), text: null })),
  ...[450, 451, 452].map((code) => magic(`tempfail-${code}@*`, { kind: 'reply', code, enhanced: defaultEnhanced(code), text: null })),
];
/** drop@<any>: checked at the end of DATA against the recipients. */
const MAGIC_DROP: FailRule = { ...magic('drop@*', { kind: 'drop' }), stage: 'data' };

function magic(pattern: string, action: FailAction): FailRule {
  return { label: `magic address ${pattern.slice(0, -1)}`, stage: 'rcpt', pattern, action, probability: 1, regex: globToRegex(pattern) };
}

/** A deterministic random source in [0, 1) for --fail-seed and tests (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The rules a session consults: the user's first, in order, then the magic addresses. */
export class FailureRules {
  constructor(
    readonly rules: readonly FailRule[] = [],
    private readonly random: () => number = Math.random,
    readonly magic = true,
  ) {}

  /** The first rule for `stage` whose pattern matches `subject` and whose chance comes up. */
  match(stage: FailStage, subject: string): FailureHit | null {
    const rules = this.magic && stage === 'rcpt' ? [...this.rules, ...MAGIC_RULES] : this.rules;
    for (const rule of rules) {
      if (rule.stage !== stage || !rule.regex.test(subject)) continue;
      if (rule.probability < 1 && this.random() >= rule.probability) continue;
      return { rule, action: rule.action };
    }
    return null;
  }

  /** The magic drop@ among a message's recipients, checked at the end of DATA. */
  magicDrop(recipients: readonly string[]): FailureHit | null {
    if (!this.magic || !recipients.some((r) => MAGIC_DROP.regex.test(r))) return null;
    return { rule: MAGIC_DROP, action: MAGIC_DROP.action };
  }
}

/** The reply line of a simulated failure: it says it is simulated and by which rule. */
export function failureReply(hit: FailureHit & { action: { kind: 'reply' } }, subject: string | null): string {
  const { code, enhanced, text } = hit.action;
  const about = subject !== null ? `<${subject}>: ` : '';
  return `${code} ${enhanced} ${about}${text ?? defaultText(code)}: simulated failure (l7lab ${hit.rule.label})`;
}
