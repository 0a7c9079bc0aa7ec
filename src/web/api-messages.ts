import { WEB_PAGE_DEFAULT, WEB_PAGE_MAX, WEB_WAIT_MAX_S } from '../limits.js';
import type { HttpResponse } from '../protocols/http/types.js';
import type { MailStore } from '../mailstore/types.js';
import type { Catalog, Known } from './catalog.js';
import { nextArrival, type ChangeSource } from './changes.js';
import { matches, type Filters } from './filters.js';
import { filtersOf, intParam } from './query.js';
import { json } from './respond.js';
import type { Handler } from './router.js';

/**
 * `GET /api/messages`: the captured mail, newest first, filtered (filters.ts) and paged by
 * `limit` and `offset`. With `wait=N` (seconds, at most WEB_WAIT_MAX_S) it is a long poll for
 * app tests: when nothing matches yet it answers as soon as a matching message arrives, or
 * after N seconds with an empty list; it stops waiting when the client goes away. With
 * If-None-Match it waits for a change instead (listMessages).
 * `DELETE /api/messages`: every message of every account, with envelopes and transcripts.
 */
export interface ListDeps {
  catalog: Catalog;
  store: MailStore;
  changes: ChangeSource;
}

/** Without filters the catalog's own list, the same array while the store is unchanged (so `listings` knows it). */
async function matching(catalog: Catalog, f: Filters): Promise<readonly Known[]> {
  const all = await catalog.entries();
  return unfiltered(f) ? all : all.filter((k) => matches(k, f));
}

function unfiltered(f: Filters): boolean {
  for (const _ in f) return false;
  return true;
}

/**
 * Listings recently answered, by what decides their bytes: an entry never changes once known
 * (a message's bytes and envelope are fixed), so the same ids on the same page give the same JSON
 * and ETag. An app test polling `GET /api/messages` costs no JSON or hash per request.
 */
const RECENT_LISTINGS = 8;

function listings(): (found: readonly Known[], offset: number, limit: number) => HttpResponse {
  const recent = new Map<string, HttpResponse>();
  // The last answer and the very list it was made from: an unfiltered poll of an unchanged store needs no key.
  let last: { found: readonly Known[]; offset: number; limit: number; response: HttpResponse } | null = null;
  return (found, offset, limit) => {
    if (last && last.found === found && last.offset === offset && last.limit === limit) return last.response;
    const response = listing(recent, found, offset, limit);
    last = { found, offset, limit, response };
    return response;
  };
}

function listing(recent: Map<string, HttpResponse>, found: readonly Known[], offset: number, limit: number): HttpResponse {
  const page = found.slice(offset, offset + limit);
  const key = `${found.length} ${offset} ${limit} ${page.map((k) => k.entry.id).join(' ')}`;
  const known = recent.get(key);
  if (known) return known;
  const next = offset + page.length < found.length ? offset + page.length : null;
  const made = json(200, { total: found.length, offset, limit, next, messages: page.map((k) => k.entry) });
  // Kept as bytes, so a repeated answer is not encoded again.
  const response: HttpResponse = { ...made, body: Buffer.from(made.body as string, 'utf8') };
  if (recent.size >= RECENT_LISTINGS) recent.delete(recent.keys().next().value as string);
  recent.set(key, response);
  return response;
}

/**
 * With `wait` and If-None-Match (the ETag of a listing the client has), the wait is for that
 * listing to change: mail added or removed. When it has not changed by the deadline, the
 * protocol side turns the same listing into 304 Not Modified (RFC 9110 13.1.2). The inbox page
 * waits this way, so it also sees mail deleted elsewhere (`l7lab mail clear`, POP3, IMAP).
 */
export function listMessages(deps: ListDeps): Handler {
  const listing = listings();
  return (ctx) => {
    const { say } = ctx;
    const f = filtersOf(ctx.request, say);
    const limit = intParam(ctx.request, 'limit', WEB_PAGE_DEFAULT, 1, WEB_PAGE_MAX, say);
    const offset = intParam(ctx.request, 'offset', 0, 0, Number.MAX_SAFE_INTEGER, say);
    const wait = intParam(ctx.request, 'wait', 0, 0, WEB_WAIT_MAX_S, say);
    const known = ctx.request.headers.get('if-none-match');
    const done = (found: readonly Known[]) => (known === undefined ? found.length > 0 : listing(found, offset, limit).etag !== known);
    // The store unchanged since the catalog last read it, and nothing to wait for: answered at once.
    const all = deps.catalog.entriesNow();
    if (all) {
      const found = unfiltered(f) ? all : all.filter((k) => matches(k, f));
      if (wait === 0 || ctx.signal.aborted || done(found)) return listing(found, offset, limit);
    }
    return waitForListing(deps, ctx.signal, { f, wait, forChange: known !== undefined, done, answer: (found) => listing(found, offset, limit) });
  };
}

/** The long poll: the listing once it is `done` (or the wait is over, or the client went away). */
async function waitForListing(
  deps: ListDeps,
  signal: AbortSignal,
  o: { f: Filters; wait: number; forChange: boolean; done: (found: readonly Known[]) => boolean; answer: (found: readonly Known[]) => HttpResponse },
): Promise<HttpResponse> {
  const deadline = Date.now() + o.wait * 1000;
  let found = await matching(deps.catalog, o.f);
  while (!o.done(found) && !signal.aborted) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    await nextArrival(deps.changes, left, signal, o.forChange);
    found = await matching(deps.catalog, o.f);
  }
  return o.answer(found);
}

export function deleteAll(deps: Pick<ListDeps, 'store' | 'catalog'>): Handler {
  return async (): Promise<HttpResponse> => {
    const before = (await deps.catalog.entries()).length;
    await deps.store.clear();
    return json(200, { deleted: before });
  };
}
