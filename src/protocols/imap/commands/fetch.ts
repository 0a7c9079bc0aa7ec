import { fetchSetsSeen, parseFetchAtts, type FetchAtt } from '../fetch-atts.js';
import type { ImapToken } from '../parser.js';
import { needsMessage, renderFetch, renderMetaFetch } from './fetch-render.js';
import type { Args, CommandResult, CommandSpec, ImapContext } from './spec.js';
import { ImapNoError } from './spec.js';
import { SELECTED, selectedOf, sequenceArg } from './util.js';

/**
 * FETCH (RFC 3501 6.4.5) and UID FETCH (6.4.8): message data by sequence number or UID.
 * Reading a body with BODY[...] or RFC822 sets \Seen on the server (so every device
 * shows the message as read); BODY.PEEK[...] and RFC822.HEADER do not. UID FETCH always
 * reports UID, so the client can match responses to its request.
 * C: a1 FETCH 1:2 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])
 * S: * 1 FETCH (FLAGS (\Seen) BODY[HEADER.FIELDS (SUBJECT)] {20}
 * S: a1 OK FETCH completed
 */
async function fetch(ctx: ImapContext, args: Args, byUid: boolean): Promise<CommandResult> {
  const mb = selectedOf(ctx);
  const set = sequenceArg(args[0]);
  let atts: FetchAtt[] = parseFetchAtts(args[1] as ImapToken);
  if (byUid && !atts.some((a) => a.kind === 'UID')) atts = [{ kind: 'UID' }, ...atts];
  const setSeen = fetchSetsSeen(atts) && !mb.readOnly;
  const messages = mb.resolve(set, byUid);
  if (!setSeen && !needsMessage(atts)) {
    for (const { seq, entry } of messages) ctx.untagged(renderMetaFetch(mb, seq, entry, atts));
    return { text: `${ctx.name} completed` };
  }
  let gone = 0;
  for (const { seq, entry } of messages) {
    const out = await renderFetch(ctx.services, mb, seq, entry, { atts, setSeen });
    if (out === null) gone++;
    else ctx.untagged(out);
  }
  if (gone > 0) throw new ImapNoError(`${gone} of the messages were expunged by another session`, 'EXPUNGEISSUED');
  return { text: `${ctx.name} completed` };
}

export const fetchSpec: CommandSpec = {
  name: 'FETCH',
  states: SELECTED,
  args: ['seq-set', 'fetch-att'],
  syntax: 'FETCH sequence-set (item ...) | ALL | FAST | FULL',
  rfc: 'RFC 3501 6.4.5',
  holdExpunges: true,
  handle: (ctx, args) => fetch(ctx, args, false),
};

export const uidFetchSpec: CommandSpec = {
  name: 'UID FETCH',
  states: SELECTED,
  args: ['seq-set', 'fetch-att'],
  syntax: 'UID FETCH uid-set (item ...) | ALL | FAST | FULL',
  rfc: 'RFC 3501 6.4.8',
  handle: (ctx, args) => fetch(ctx, args, true),
};
