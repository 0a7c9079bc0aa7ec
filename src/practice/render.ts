import type { Lang } from '../i18n.js';
import { explainEvent } from '../explain/event.js';
import type { ClientExplanation } from '../explain/explainer.js';
import type { Direction, LineEvent } from '../protocols/transcript.js';
import type { Outgoing } from './outgoing.js';
import { theme } from '../ui/theme.js';
import { renderLine } from '../ui/transcript-view.js';
import { msg } from './messages.js';
import { escapeBytes } from './raw-view.js';

/**
 * One exchange on screen: the lines sent, the reply's lines, each explained, the session
 * state after the reply (lab only), and in the raw view the bytes of each line.
 */
export interface ShownLine {
  direction: Direction;
  text: string;
  explanation: string | null;
  decoded?: string;
  /** The line's bytes with its terminator, for the raw view; null when not known. */
  bytes?: Buffer | null;
  /** Sent or received inside TLS: marked [TLS]. */
  tls?: boolean;
}

export interface RenderOptions {
  lang: Lang;
  raw: boolean;
}

/** What the lab's event for a line says, in the reader's language (null: no event). */
export function explained(event: LineEvent | undefined, lang: Lang): string | null {
  return event ? explainEvent(event, lang) : null;
}

/** A sent line as shown: a note said before sending, else the lab's event, else the tables. */
export function sentLine(line: Outgoing, event: LineEvent | undefined, local: ClientExplanation, lang: Lang): ShownLine {
  const decoded = event?.decoded ?? local.decoded;
  const fallback = line.fallback !== undefined ? line.fallback : local.explanation;
  return {
    direction: 'client',
    text: line.text,
    explanation: line.note !== undefined ? line.note : (explained(event, lang) ?? fallback),
    ...(decoded !== undefined ? { decoded } : {}),
    bytes: Buffer.from(`${line.text}\r\n`, 'utf8'),
  };
}

/** The same explanation line after line (a listing) is shown once. */
function withoutRepeats(lines: readonly ShownLine[]): ShownLine[] {
  let last: string | null = null;
  let lastDirection: Direction | null = null;
  return lines.map((l) => {
    const repeat = l.explanation !== null && l.explanation === last && l.direction === lastDirection;
    last = l.explanation;
    lastDirection = l.direction;
    return repeat ? { ...l, explanation: null } : l;
  });
}

function rawSuffix(line: ShownLine, lang: Lang): string {
  if (!line.bytes) return '';
  const b = line.bytes;
  // The text itself is already shown (control bytes escaped); what raw adds is the terminator.
  const end = b.length >= 2 && b[b.length - 2] === 0x0d && b[b.length - 1] === 0x0a ? 2 : b.length >= 1 && b[b.length - 1] === 0x0a ? 1 : 0;
  return `${theme.warn(escapeBytes(b.subarray(b.length - end)))}  ${theme.dim(msg(lang, 'bytes', { n: b.length }))}`;
}

export function renderExchange(lines: readonly ShownLine[], state: string | null, opts: RenderOptions): string {
  const shown = withoutRepeats(lines);
  return shown
    .map((l, i) => {
      const last = i === shown.length - 1;
      const text = renderLine(
        {
          direction: l.direction,
          text: l.text,
          explanation: l.explanation,
          ...(l.decoded !== undefined ? { decoded: l.decoded } : {}),
          ...(l.tls ? { tls: true } : {}),
          ...(last && state !== null ? { state } : {}),
        },
        { lang: opts.lang, state: true },
      );
      if (!opts.raw) return text;
      const nl = text.indexOf('\n');
      const head = nl < 0 ? text : text.slice(0, nl);
      return `${head}${rawSuffix(l, opts.lang)}${nl < 0 ? '' : text.slice(nl)}`;
    })
    .join('\n');
}
