/**
 * The header fields the server adds in front of a message it accepts, as the final
 * delivery MTA: Return-Path (RFC 5321 4.4), a Received trace field (RFC 5321 4.4, with the
 * protocol names of RFC 3848 and RFC 6531 4.3) and a Message-ID when the client sent none
 * (RFC 5322 3.6.4 says every message should have one). They are prepended, so the stored
 * message is exactly these fields followed by the client's bytes.
 *
 * Nothing the client chose (HELO name, addresses) may become a header line of its own:
 * control characters are replaced, so a `HELO x\rBcc: ...` cannot inject a field.
 */
export interface TraceInfo {
  hostname: string;
  greeting: 'EHLO' | 'HELO' | null;
  clientDomain: string | null;
  remoteAddress: string;
  authenticated: boolean;
  smtputf8: boolean;
  from: string;
  to: readonly string[];
  queueId: string;
  receivedAt: Date;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// The last date made, by its whole second: deliveries in the same second share it.
let lastSecond = Number.NaN;
let lastText = '';

/** RFC 5322 3.3 date-time in UTC, e.g. `Tue, 1 Jul 2025 10:52:37 +0000`. */
export function rfc5322Date(d: Date): string {
  const second = Math.floor(d.getTime() / 1000);
  if (second !== lastSecond) {
    lastText = formatDate(d);
    lastSecond = second;
  }
  return lastText;
}

function formatDate(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} +0000`;
}

/**
 * Control characters (CR, LF, NUL, ...) become "?", and in a free-text position also the
 * characters that would end a comment or an address early; length is capped.
 */
export function sanitizeHeaderText(text: string, max = 200, freeText = true): string {
  const clean = text.replace(freeText ? /[\x00-\x1f\x7f()<>;]/g : /[\x00-\x1f\x7f]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}

/** RFC 3848 / RFC 6531 4.3 "with" protocol names. */
function withProtocol(info: TraceInfo): string {
  if (info.greeting !== 'EHLO') return 'SMTP';
  const base = info.smtputf8 ? 'UTF8SMTP' : 'ESMTP';
  return info.authenticated ? `${base}A` : base;
}

function remoteLiteral(address: string): string {
  const plain = address.replace(/^::ffff:/, '');
  return plain.includes(':') ? `[IPv6:${plain}]` : `[${plain}]`;
}

/** The fields to prepend; `hasMessageId`: the client's header section has one already. */
export function traceHeaders(info: TraceInfo, hasMessageId: boolean): Buffer {
  const helo = sanitizeHeaderText(info.clientDomain ?? 'unknown');
  const lines = [
    `Return-Path: <${sanitizeHeaderText(info.from, 300, false)}>`,
    `Received: from ${helo} (${remoteLiteral(sanitizeHeaderText(info.remoteAddress, 60))})`,
    `\tby ${info.hostname} (l7lab) with ${withProtocol(info)} id ${info.queueId}`,
  ];
  // Name the recipient only when there is one, so one message does not disclose the others.
  const forClause = info.to.length === 1 ? `\tfor <${sanitizeHeaderText(info.to[0] ?? '', 300, false)}>; ` : '\t; ';
  lines.push(`${forClause}${rfc5322Date(info.receivedAt)}`);
  if (!hasMessageId) lines.push(`Message-ID: <${info.queueId}.${info.receivedAt.getTime()}@${info.hostname}>`);
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}
