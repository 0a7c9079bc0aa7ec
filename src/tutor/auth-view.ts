import type { Lang } from '../i18n.js';
import type { AuthResult, AuthStep, DkimCheck, DmarcCheck, SpfCheck } from '../mailauth/types.js';
import { authMsg } from './auth-messages.js';
import type { AuthCheckName } from './schema-auth.js';

/**
 * How an authcheck step shows the checks, as data the step prints (pure, so it is tested line by
 * line): per check a heading, each AuthStep (a DNS question and its answer as `dns C:`/`dns S:`
 * lines, then what it means), the result; and the Authentication-Results field a receiver would
 * add (RFC 8601 2.2), folded so every line fits 80 columns.
 */
export type AuthLine =
  | { kind: 'head'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'wire'; text: string }
  | { kind: 'result'; text: string; ok: boolean | null };

export interface AuthOutcome {
  spf?: SpfCheck;
  dkim?: DkimCheck[];
  dmarc?: DmarcCheck;
}

/** A value printed on a line of its own keeps to this many characters (the key p= is ~400). */
const WIRE_MAX = 66;

export function shorten(text: string, max = WIRE_MAX): string {
  if (text.length <= max) return text;
  const tail = Math.floor(max / 3);
  return `${text.slice(0, max - tail - 1)}…${text.slice(text.length - tail)}`;
}

function stepLines(step: AuthStep, text: (s: AuthStep) => string): AuthLine[] {
  // What the step is (a sentence, then any data lines it quotes, such as canonicalized fields), then the question and answer it was about.
  const [sentence = '', ...data] = text(step).split('\n');
  const out: AuthLine[] = [{ kind: 'text', text: sentence }, ...data.map((line): AuthLine => ({ kind: 'wire', text: `  ${line}` }))];
  if (step.dns) {
    out.push({ kind: 'wire', text: `dns C: ${step.dns.type} ${step.dns.name}` });
    out.push({ kind: 'wire', text: `dns S: ${shorten(step.dns.answer)}` });
  }
  return out;
}

/** The results of one check, the summary of what the outcome gave for `check`. */
export function resultOf(outcome: AuthOutcome, check: AuthCheckName): AuthResult | undefined {
  if (check === 'spf') return outcome.spf?.result;
  if (check === 'dmarc') return outcome.dmarc?.result;
  if (!outcome.dkim) return undefined;
  // RFC 6376 6.1: a message passes when one of its signatures verifies; no signature is "none".
  if (outcome.dkim.length === 0) return 'none';
  return outcome.dkim.find((d) => d.result === 'pass')?.result ?? outcome.dkim[0]?.result;
}

/** A parenthetical after a result: full-width brackets in Japanese text. */
const aside = (lang: Lang, text: string): string => (lang === 'ja' ? `（${text}）` : ` (${text})`);

function judged(result: AuthResult, want: AuthResult | undefined): boolean | null {
  return want === undefined ? null : result === want;
}

function spfLines(lang: Lang, spf: SpfCheck, want: AuthResult | undefined, text: (s: AuthStep) => string): AuthLine[] {
  const lines: AuthLine[] = [{ kind: 'head', text: authMsg(lang, 'spfHead', { ip: spf.ip, domain: spf.domain }) }];
  for (const s of spf.steps) lines.push(...stepLines(s, text));
  const matched = spf.matched ? aside(lang, authMsg(lang, 'spfMatched', { matched: spf.matched })) : '';
  lines.push({ kind: 'result', text: `spf=${spf.result}${matched}`, ok: judged(spf.result, want) });
  return lines;
}

function dkimLines(lang: Lang, dkim: DkimCheck[], want: AuthResult | undefined, text: (s: AuthStep) => string): AuthLine[] {
  if (dkim.length === 0) return [{ kind: 'head', text: authMsg(lang, 'dkimNone') }, { kind: 'result', text: 'dkim=none', ok: judged('none', want) }];
  const lines: AuthLine[] = [];
  for (const d of dkim) {
    lines.push({ kind: 'head', text: authMsg(lang, 'dkimHead', { domain: d.domain ?? '?', selector: d.selector ?? '?' }) });
    for (const s of d.steps) lines.push(...stepLines(s, text));
    const body = d.bodyHashMatches === undefined ? '' : aside(lang, authMsg(lang, d.bodyHashMatches ? 'bodyHashOk' : 'bodyHashBad'));
    lines.push({ kind: 'result', text: `dkim=${d.result}${body}`, ok: judged(d.result, want) });
  }
  return lines;
}

function dmarcLines(lang: Lang, dmarc: DmarcCheck, want: AuthResult | undefined, text: (s: AuthStep) => string): AuthLine[] {
  const lines: AuthLine[] = [{ kind: 'head', text: authMsg(lang, 'dmarcHead', { domain: dmarc.fromDomain }) }];
  for (const s of dmarc.steps) lines.push(...stepLines(s, text));
  const yn = (b: boolean) => authMsg(lang, b ? 'yes' : 'no');
  lines.push({ kind: 'text', text: authMsg(lang, 'dmarcAlign', { spf: yn(dmarc.spfAligned), dkim: yn(dmarc.dkimAligned), policy: dmarc.policy ?? '-' }) });
  lines.push({ kind: 'result', text: `dmarc=${dmarc.result}`, ok: judged(dmarc.result, want) });
  return lines;
}

export type Expected = Partial<Record<AuthCheckName, AuthResult>>;

/** Every line of the checks that ran, in the order the step names them. */
export function authLines(lang: Lang, order: readonly AuthCheckName[], outcome: AuthOutcome, expect: Expected, text: (s: AuthStep) => string): AuthLine[] {
  const lines: AuthLine[] = [];
  for (const check of order) {
    if (check === 'spf' && outcome.spf) lines.push(...spfLines(lang, outcome.spf, expect.spf, text));
    if (check === 'dkim' && outcome.dkim) lines.push(...dkimLines(lang, outcome.dkim, expect.dkim, text));
    if (check === 'dmarc' && outcome.dmarc) lines.push(...dmarcLines(lang, outcome.dmarc, expect.dmarc, text));
  }
  return lines;
}
