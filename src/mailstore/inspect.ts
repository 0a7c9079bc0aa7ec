import type { AddressObject, ParsedMail } from 'mailparser';
import type { MessageSummary } from './header-summary.js';

/**
 * What `l7lab mail` shows of a message, read with mailparser (MIME, encoded words, charsets
 * and transfer encodings are its job, not ours); a list's header summaries without it
 * (header-summary.ts, held equal to mailparser's by its test). The store's bytes are never changed.
 */
export type { MessageSummary };

export interface AttachmentInfo {
  filename: string | null;
  contentType: string;
  size: number;
}

export interface MessageContent extends MessageSummary {
  /** The text body: the text/plain part, or text converted from HTML when there is none. */
  text: string;
  textFromHtml: boolean;
  hasHtml: boolean;
  html: string | null;
  attachments: AttachmentInfo[];
  /** Every header field as sent, in order, unfolded (RFC 5322 2.2.3). */
  headers: Array<{ name: string; value: string }>;
}

const QUIET = { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true } as const;

/** Everything up to and including the blank line that ends the header (RFC 5322 2.1). */
export function headerBlock(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  // The earlier of the two ends; -1 when neither is there.
  const end = crlf < 0 ? (lf < 0 ? -1 : lf + 2) : lf < 0 ? crlf + 4 : Math.min(crlf + 4, lf + 2);
  return end < 0 ? raw : raw.subarray(0, end);
}

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
}

/** Plain addresses, groups opened (RFC 5322 3.4). */
function addressList(value: AddressObject | AddressObject[] | undefined): string[] {
  const out: string[] = [];
  const walk = (entries: AddressObject['value']) => {
    for (const e of entries) {
      if (e.address) out.push(e.address.toLowerCase());
      if (e.group) walk(e.group);
    }
  };
  for (const v of value === undefined ? [] : Array.isArray(value) ? value : [value]) walk(v.value);
  return out;
}

function summaryOf(p: ParsedMail): MessageSummary {
  const dateLine = p.headerLines.find((h) => h.key === 'date')?.line ?? '';
  return {
    from: addresses(p.from),
    to: addresses(p.to),
    cc: addresses(p.cc),
    subject: p.subject ?? '',
    date: dateLine.replace(/^date:\s*/i, '').replace(/\r?\n\s+/g, ' ').trim(),
    messageId: p.messageId ?? '',
    fromAddresses: addressList(p.from),
    recipientAddresses: [...addressList(p.to), ...addressList(p.cc), ...addressList(p.bcc)],
  };
}

function headerFields(p: ParsedMail): Array<{ name: string; value: string }> {
  return p.headerLines.map((h) => {
    const colon = h.line.indexOf(':');
    return { name: h.line.slice(0, colon).trim(), value: h.line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim() };
  });
}

/**
 * mailparser, loaded when a message is first read: it and its charset tables cost ~27 MB of a
 * process that may never show a message (`serve` idle, issue 19).
 */
async function parser(): Promise<typeof import('mailparser').simpleParser> {
  return (await import('mailparser')).simpleParser;
}

let headerSummary: typeof import('./header-summary.js') | undefined;

/**
 * Headers only: quick enough for a list of thousands. Read without mailparser (header-summary.ts,
 * loaded on first use and kept: a list calls this once a message); what that leaves to mailparser goes to it.
 */
export async function summarize(raw: Buffer): Promise<MessageSummary> {
  const head = headerBlock(raw);
  const { summarizeHeader, wordDecoder } = (headerSummary ??= await import('./header-summary.js'));
  return summarizeHeader(head, await wordDecoder(head)) ?? parsedSummary(head);
}

/**
 * summarize() without waiting, for a list that reads its messages at once: null when a module
 * must be loaded first (header-summary.ts, libmime) or the header is mailparser's to read.
 */
export function summarizeNow(raw: Buffer): MessageSummary | null {
  if (!headerSummary) return null;
  const head = headerBlock(raw);
  const words = headerSummary.wordDecoderNow(head);
  return words && headerSummary.summarizeHeader(head, words);
}

/** The summary as mailparser gives it (what header-summary.ts leaves to it, and what its test compares with). */
export async function parsedSummary(raw: Buffer): Promise<MessageSummary> {
  const simpleParser = await parser();
  return summaryOf(await simpleParser(headerBlock(raw), QUIET));
}

/** The header block's end is in `head` (a blank line), or `head` is the whole message. */
export function headerComplete(head: Buffer, max: number): boolean {
  return head.length < max || head.indexOf('\n\n') >= 0 || head.indexOf('\r\n\r\n') >= 0;
}

export async function inspect(raw: Buffer): Promise<MessageContent> {
  const simpleParser = await parser();
  const p = await simpleParser(raw, QUIET);
  const hasHtml = typeof p.html === 'string' && p.html.length > 0;
  let text = p.text ?? '';
  let textFromHtml = false;
  if (!p.text?.trim() && hasHtml) {
    // No text/plain part: let mailparser turn the HTML into text.
    text = (await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true })).text ?? '';
    textFromHtml = true;
  }
  const attachments = p.attachments.map((a) => ({ filename: a.filename ?? null, contentType: a.contentType, size: a.size }));
  return { ...summaryOf(p), text, textFromHtml, hasHtml, html: hasHtml ? (p.html as string) : null, attachments, headers: headerFields(p) };
}

/** A size as `l7lab mail` and the web inbox show it (B, KB, MB; 1024-based). */
export function formatSize(octets: number): string {
  if (octets < 1024) return `${octets} B`;
  if (octets < 1024 * 1024) return `${(octets / 1024).toFixed(1)} KB`;
  return `${(octets / 1024 / 1024).toFixed(1)} MB`;
}
