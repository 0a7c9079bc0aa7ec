import type { Lang, Localized } from '../i18n.js';
import type { Direction, LineEvent, OsiLayer } from '../protocols/transcript.js';
import { theme } from './theme.js';
import { wrap } from './wrap.js';

/**
 * How one line of a protocol conversation looks on screen: what the client sent and what
 * the server answered in distinct colours (RFC style `C:` / `S:`), the CRLF that ends every
 * line made visible where a lesson teaches it, then the explanation, the decoded form of an
 * encoded line (L6), and the session state after it (L5). Explanations wrap to the terminal
 * under their indent (ui/wrap.ts); wire lines never wrap. Explanations are not written
 * here: a transcript event's knowledge key is said in the reader's language by the one edge
 * function (explain/event.ts), from the protocols' knowledge tables.
 */
export interface ViewLine {
  direction: Direction;
  text: string;
  /** Which connection, when a lesson has several (`laptop`, `phone`). */
  who?: string;
  explanation?: string | null;
  decoded?: string;
  state?: string;
  layer?: OsiLayer;
  /** The line travelled inside TLS: marked, so the learner sees where the cleartext ends. */
  tls?: boolean;
}

export interface ViewOptions {
  lang: Lang;
  /** Show the CRLF that ends each line. */
  crlf?: boolean;
  /** Show the session state after a server line that carries one. */
  state?: boolean;
  /** Show OSI layer badges. */
  layers?: boolean;
  /** Width of the `who` column, so several connections line up. */
  whoWidth?: number;
}

const LABELS: Record<'state' | 'decoded' | 'crlf', Localized> = {
  state: { en: 'session state', ja: 'セッション状態' },
  decoded: { en: 'decoded', ja: 'デコードすると' },
  crlf: { en: '\\r\\n', ja: '\\r\\n' },
};

const INDENT = '     ';

/** A reply that reports failure: SMTP 4xx/5xx (RFC 5321 4.2.1), POP3 -ERR, IMAP NO/BAD (RFC 3501 7.1); BYE also ends a normal LOGOUT. */
export function isErrorReply(text: string): boolean {
  return /^[45]\d\d(?:[ -]|$)/.test(text) || text.startsWith('-ERR') || /^\S+ (NO|BAD)\b/i.test(text);
}

/** Control characters other than tab shown as `\xNN`, so a bare CR or NUL is visible. */
export function visible(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** A layer badge, or as much space, so explanations line up when badges are on. */
function badge(layer: OsiLayer | undefined, opts: ViewOptions): string {
  if (!opts.layers) return '';
  return layer ? `${theme.layer(layer)} ` : ' '.repeat(5);
}

export function renderLine(line: ViewLine, opts: ViewOptions): string {
  const who = line.who ? `${line.who.padStart(opts.whoWidth ?? line.who.length)} ` : '';
  const mark = line.direction === 'client' ? 'C:' : 'S:';
  const colour = line.direction === 'client' ? theme.client : isErrorReply(line.text) ? theme.serverError : theme.server;
  // CRLF ends every line both ways; it matters where the learner types, so it is shown there.
  const crlf = opts.crlf && line.direction === 'client' ? theme.dim(LABELS.crlf[opts.lang]) : '';
  const tls = line.tls ? `${theme.dim('[TLS]')} ` : '';
  const out = [`${theme.dim(who)}${theme.bold(mark)} ${tls}${colour(visible(line.text))}${crlf}`];
  const pad = ' '.repeat(who.length) + INDENT;
  if (line.decoded !== undefined) out.push(`${pad}${badge('L6', opts)}${theme.dim(`${LABELS.decoded[opts.lang]}:`)} ${theme.code(line.decoded)}`);
  if (line.explanation) out.push(wrap(line.explanation, { prefix: `${pad}${badge(line.layer, opts)}`, style: theme.explanation, code: theme.code }));
  if (opts.state && line.state) out.push(`${pad}${badge('L5', opts)}${theme.dim(`${LABELS.state[opts.lang]}:`)} ${theme.state(line.state)}`);
  return out.join('\n');
}

/** A server's transcript event as a line to show, with the explanation the caller chose for it. */
export function eventView(event: LineEvent, explanation: string | null): ViewLine {
  return {
    direction: event.direction,
    text: event.text,
    explanation,
    ...(event.decoded !== undefined ? { decoded: event.decoded } : {}),
    ...(event.tls ? { tls: true } : {}),
  };
}

/** Several lines, as one block of the conversation. */
export function renderLines(lines: readonly ViewLine[], opts: ViewOptions): string {
  const whoWidth = Math.max(0, ...lines.map((l) => l.who?.length ?? 0));
  return lines.map((l) => renderLine(l, { ...opts, whoWidth })).join('\n');
}
