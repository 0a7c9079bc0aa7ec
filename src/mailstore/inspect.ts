import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

/**
 * What `l7lab mail` shows of a message, read with mailparser (MIME, encoded words, charsets
 * and transfer encodings are its job, not ours). The store's bytes are never changed.
 */
export interface MessageSummary {
  from: string;
  to: string;
  cc: string;
  subject: string;
  /** The Date header as the sender wrote it ('' when there is none). */
  date: string;
  messageId: string;
}

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
  attachments: AttachmentInfo[];
}

const QUIET = { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true } as const;

/** Everything up to and including the blank line that ends the header (RFC 5322 2.1). */
export function headerBlock(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf >= 0 ? crlf + 4 : -1, lf >= 0 ? lf + 2 : -1].filter((n) => n >= 0);
  return ends.length > 0 ? raw.subarray(0, Math.min(...ends)) : raw;
}

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(', ');
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
  };
}

/** Headers only: quick enough for a list of thousands. */
export async function summarize(raw: Buffer): Promise<MessageSummary> {
  return summaryOf(await simpleParser(headerBlock(raw), QUIET));
}

export async function inspect(raw: Buffer): Promise<MessageContent> {
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
  return { ...summaryOf(p), text, textFromHtml, hasHtml, attachments };
}
