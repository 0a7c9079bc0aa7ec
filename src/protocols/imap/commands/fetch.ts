import { fetchSetsSeen, type FetchAtt } from '../fetch-atts.js';
import type { SequenceSet } from '../sequence.js';
import type { OutItem } from '../../session.js';
import { fetchAtts, seqSet } from './args.js';
import { needsMessage, renderFetch, renderMetaFetch } from './fetch-render.js';
import { imapCommand, type ImapOutcome, type SelectedContext } from '../types.js';
import { SELECTED } from './util.js';

/**
 * FETCH (RFC 3501 6.4.5) and UID FETCH (6.4.8): message data by sequence number or UID.
 * Reading a body with BODY[...] or RFC822 sets \Seen on the server (so every device
 * shows the message as read); BODY.PEEK[...] and RFC822.HEADER do not. UID FETCH always
 * reports UID, so the client can match responses to its request.
 * C: a1 FETCH 1:2 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])
 * S: * 1 FETCH (FLAGS (\Seen) BODY[HEADER.FIELDS (SUBJECT)] {20}
 * S: a1 OK FETCH completed
 */
async function fetch(ctx: SelectedContext, set: SequenceSet, items: FetchAtt[], byUid: boolean): Promise<ImapOutcome> {
  const mb = ctx.selected;
  const atts = byUid && !items.some((a) => a.kind === 'UID') ? [{ kind: 'UID' } as const, ...items] : items;
  const setSeen = fetchSetsSeen(atts) && !mb.readOnly;
  const replies: OutItem[] = [];
  if (!setSeen && !needsMessage(atts)) {
    for (const seq of mb.resolveSeqs(set, byUid)) replies.push(renderMetaFetch(mb, seq, mb.entryAt(seq), atts));
    return { replies, text: `${ctx.name} completed` };
  }
  const messages = mb.resolve(set, byUid);
  let gone = 0;
  for (const { seq, entry } of messages) {
    const out = await renderFetch(ctx.services, mb, seq, entry, { atts, setSeen });
    if (out === null) gone++;
    else replies.push(out);
  }
  // The responses already made still go out before the NO (RFC 3501 7.4.1 allows either).
  if (gone > 0) return { replies, status: 'NO', code: 'EXPUNGEISSUED', text: `${gone} of the messages were expunged by another session` };
  return { replies, text: `${ctx.name} completed` };
}

export const fetchSpec = imapCommand({
  name: 'FETCH',
  states: SELECTED,
  args: [seqSet, fetchAtts],
  syntax: 'FETCH sequence-set (item ...) | ALL | FAST | FULL',
  rfc: 'RFC 3501 6.4.5',
  holdExpunges: true,
  handle: (ctx, [set, items]) => fetch(ctx, set, items, false),
});

export const uidFetchSpec = imapCommand({
  name: 'UID FETCH',
  states: SELECTED,
  args: [seqSet, fetchAtts],
  syntax: 'UID FETCH uid-set (item ...) | ALL | FAST | FULL',
  rfc: 'RFC 3501 6.4.8',
  handle: (ctx, [set, items]) => fetch(ctx, set, items, true),
});
