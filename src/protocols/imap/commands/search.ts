import { NoSuchMessageError } from '../../../mailstore/types.js';
import type { MessageView } from '../message.js';
import { messageModule } from '../message-module.js';
import { matchSearch, searchNeedsMessage, type SearchKey, type SearchTarget } from '../search.js';
import { searchKey } from './args.js';
import { imapCommand, type ImapOutcome, type SelectedContext } from '../types.js';
import { SELECTED } from './util.js';

/**
 * SEARCH (RFC 3501 6.4.4) and UID SEARCH (6.4.8): the numbers of the messages matching
 * every key (NOT and OR combine them). Keys on flags, sizes and dates never read a
 * message; FROM, SUBJECT, BODY, TEXT and the like read and parse each one.
 * C: a1 SEARCH UNSEEN FROM "alice"
 * S: * SEARCH 2 5
 * S: a1 OK SEARCH completed
 */
async function viewOf(ctx: SelectedContext, uid: number): Promise<MessageView | null> {
  const mb = ctx.selected;
  try {
    const raw = await ctx.services.store.read(mb.account, mb.name, uid);
    return (await messageModule()).parseMessage(raw);
  } catch (err) {
    if (err instanceof NoSuchMessageError || mb.isGone(uid)) return null;
    throw err;
  }
}

async function matches(ctx: SelectedContext, key: SearchKey, byUid: boolean): Promise<number[]> {
  const mb = ctx.selected;
  const needsMessage = searchNeedsMessage(key);
  const bounds = { maxSeq: mb.exists, maxUid: mb.exists > 0 ? mb.entryAt(mb.exists).uid : 0 };
  const hits: number[] = [];
  // One target, refilled per message: SEARCH UNSEEN on a big mailbox allocates nothing per message.
  const target: SearchTarget = { seq: 0, uid: 0, flags: [], size: 0, internalDate: new Date(0), view: null };
  for (let seq = 1; seq <= mb.exists; seq++) {
    const entry = mb.entryAt(seq);
    if (needsMessage) {
      const view = await viewOf(ctx, entry.uid);
      if (view === null) continue;
      target.view = () => view;
    }
    target.seq = seq;
    target.uid = entry.uid;
    target.flags = mb.flagsOf(entry);
    target.size = entry.size;
    target.internalDate = entry.internalDate;
    if (matchSearch(key, target, bounds)) hits.push(byUid ? entry.uid : seq);
  }
  return hits;
}

async function search(ctx: SelectedContext, key: SearchKey, byUid: boolean): Promise<ImapOutcome> {
  const hits = await matches(ctx, key, byUid);
  return { replies: [hits.length > 0 ? `* SEARCH ${hits.join(' ')}` : '* SEARCH'], text: `${ctx.name} completed, ${hits.length} match(es)` };
}

const SYNTAX = 'SEARCH [CHARSET name] key ...   (ALL, SEEN, UNSEEN, FROM "x", SINCE 1-Feb-2024, OR k1 k2, NOT k, 2:4, UID 5:*)';

export const searchSpec = imapCommand({
  name: 'SEARCH',
  states: SELECTED,
  args: [searchKey],
  syntax: SYNTAX,
  rfc: 'RFC 3501 6.4.4',
  holdExpunges: true,
  handle: (ctx, [key]) => search(ctx, key, false),
});

export const uidSearchSpec = imapCommand({
  name: 'UID SEARCH',
  states: SELECTED,
  args: [searchKey],
  syntax: `UID ${SYNTAX}`,
  rfc: 'RFC 3501 6.4.8',
  handle: (ctx, [key]) => search(ctx, key, true),
});
