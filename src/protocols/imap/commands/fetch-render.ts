import { normalizeFlags } from '../../../mailstore/flags.js';
import { NoSuchMessageError } from '../../../mailstore/types.js';
import type { OutItem } from '../../session.js';
import { fetchAttLabel, type FetchAtt, type Section } from '../fetch-atts.js';
import { imapDate, ResponseBuilder } from '../format.js';
import type { MessageView } from '../message.js';
import { messageModule, type MessageModule } from '../message-module.js';
import type { MessageEntry, SelectedMailbox } from '../selected-mailbox.js';
import type { ImapServices } from '../services.js';

/**
 * One message's FETCH response (RFC 3501 7.4.2). The message is read only when an item
 * needs its bytes, and parsed (MIME) only when an item needs its structure, so
 * `FETCH 1:* (UID FLAGS RFC822.SIZE)` never touches a message body.
 */
const NEEDS_BYTES = new Set<FetchAtt['kind']>(['ENVELOPE', 'BODYSTRUCTURE', 'BODY', 'RFC822', 'RFC822.HEADER', 'RFC822.TEXT', 'BODY[]']);

const HEADER: Section = { part: [], text: 'HEADER', fields: [] };
const TEXT: Section = { part: [], text: 'TEXT', fields: [] };

/** Items that need the message parsed (header or MIME tree), so message.ts must be loaded. */
function needsParsing(atts: readonly FetchAtt[]): boolean {
  return atts.some((a) => a.kind === 'ENVELOPE' || a.kind === 'BODYSTRUCTURE' || a.kind === 'BODY' || a.kind === 'RFC822.HEADER' || a.kind === 'RFC822.TEXT' || (a.kind === 'BODY[]' && (a.section.part.length > 0 || a.section.text !== '')));
}

class Message {
  private view: MessageView | null = null;
  /** Loaded by renderFetch when needsParsing(): the whole message (BODY[], RFC822) needs none. */
  constructor(
    readonly raw: Buffer,
    private readonly mime: MessageModule | null,
  ) {}

  get module(): MessageModule {
    if (!this.mime) throw new Error('FETCH: message.js was not loaded for an item that parses');
    return this.mime;
  }

  parsed(): MessageView {
    this.view ??= this.module.parseMessage(this.raw);
    return this.view;
  }

  /** BODY[section]; a part that does not exist is an empty string (RFC 3501 6.4.5). */
  section(section: Section): Buffer {
    if (section.part.length === 0 && section.text === '') return this.raw;
    return this.module.sectionOf(this.parsed(), section) ?? Buffer.alloc(0);
  }
}

/** `<start.count>` applies to the section's octets (RFC 3501 6.4.5); past the end is empty. */
function partial(data: Buffer, p: { start: number; count: number } | undefined): Buffer {
  if (!p) return data;
  if (p.start >= data.length) return Buffer.alloc(0);
  return data.subarray(p.start, p.start + p.count);
}

/** Items that come from the session's view alone: never a literal, never the message. */
function metaItem(att: FetchAtt, mb: SelectedMailbox, entry: MessageEntry): string | null {
  switch (att.kind) {
    case 'UID':
      return `UID ${entry.uid}`;
    case 'FLAGS':
      mb.told(entry);
      return `FLAGS (${mb.flagsOf(entry).join(' ')})`;
    case 'INTERNALDATE':
      return `INTERNALDATE "${imapDate(entry.internalDate)}"`;
    case 'RFC822.SIZE':
      return `RFC822.SIZE ${entry.size}`;
    default:
      return null;
  }
}

/** Do these items need the message's bytes (so the store is read)? */
export function needsMessage(atts: readonly FetchAtt[]): boolean {
  return atts.some((a) => NEEDS_BYTES.has(a.kind));
}

/**
 * The response from the view alone, as one plain line: the fast path that keeps
 * `FETCH 1:* (UID FLAGS RFC822.SIZE)` on a big mailbox cheap. Only for items where
 * needsMessage() is false.
 */
export function renderMetaFetch(mb: SelectedMailbox, seq: number, entry: MessageEntry, atts: readonly FetchAtt[]): string {
  // Joined, not built with +=: the line is then one flat string, not a tree of a dozen
  // concatenations that all stay alive (and survive the young generation) until the 10,000
  // lines of a FETCH 1:* are written (issue 19: memory).
  const parts: string[] = [`* ${seq} FETCH (`];
  for (let i = 0; i < atts.length; i++) {
    if (i > 0) parts.push(' ');
    parts.push(metaItem(atts[i] as FetchAtt, mb, entry) ?? '');
  }
  parts.push(')');
  return parts.join('');
}

function item(b: ResponseBuilder, att: FetchAtt, mb: SelectedMailbox, entry: MessageEntry, msg: Message | null): void {
  const meta = metaItem(att, mb, entry);
  if (meta !== null) {
    b.text(meta);
    return;
  }
  const m = msg as Message;
  switch (att.kind) {
    case 'ENVELOPE':
      b.text(`ENVELOPE ${m.module.envelopeOf(m.parsed())}`);
      return;
    case 'BODYSTRUCTURE':
    case 'BODY':
      b.text(`${att.kind} ${m.module.bodyStructureOf(m.parsed(), att.kind === 'BODYSTRUCTURE')}`);
      return;
    case 'RFC822':
      b.text('RFC822 ').literal(m.raw);
      return;
    case 'RFC822.HEADER':
    case 'RFC822.TEXT':
      b.text(`${att.kind} `).literal(m.section(att.kind === 'RFC822.HEADER' ? HEADER : TEXT));
      return;
    case 'BODY[]':
      b.text(`${fetchAttLabel(att)} `).literal(partial(m.section(att.section), att.partial));
      return;
    default:
      return;
  }
}

export interface FetchOptions {
  atts: readonly FetchAtt[];
  /** Set \Seen on messages that lack it (BODY[] / RFC822 / RFC822.TEXT, not read-only). */
  setSeen: boolean;
}

/**
 * The response for one message, or null when another session expunged it meanwhile
 * (its bytes are gone; the caller answers NO for it, RFC 3501 7.4.1 allows either).
 */
export async function renderFetch(services: ImapServices, mb: SelectedMailbox, seq: number, entry: MessageEntry, opts: FetchOptions): Promise<OutItem | null> {
  let msg: Message | null = null;
  if (needsMessage(opts.atts)) {
    try {
      const raw = await services.store.read(mb.account, mb.name, entry.uid);
      msg = new Message(raw, needsParsing(opts.atts) ? await messageModule() : null);
    } catch (err) {
      if (err instanceof NoSuchMessageError || mb.isGone(entry.uid)) return null;
      throw err;
    }
  }
  let atts = opts.atts;
  if (opts.setSeen && !entry.flags.includes('\\Seen') && !mb.isGone(entry.uid)) {
    const flags = normalizeFlags([...entry.flags, '\\Seen']);
    entry.flags = flags;
    await services.store.setFlags(mb.account, mb.name, entry.uid, flags);
    // RFC 3501 6.4.5: the flags that changed are reported in the same FETCH response.
    if (!atts.some((a) => a.kind === 'FLAGS')) atts = [...atts, { kind: 'FLAGS' }];
  }
  const b = new ResponseBuilder().text(`* ${seq} FETCH (`);
  atts.forEach((att, i) => {
    if (i > 0) b.text(' ');
    item(b, att, mb, entry, msg);
  });
  return b.text(')').toOut();
}
