import { HIERARCHY_DELIMITER, INBOX } from '../../../mailstore/names.js';
import { ResponseBuilder } from '../format.js';
import type { OutItem } from '../../session.js';
import { astring } from './args.js';
import { imapCommand, type AuthenticatedContext } from '../types.js';
import { AUTHENTICATED } from './util.js';

/**
 * LIST and LSUB (RFC 3501 6.3.8, 6.3.9): mailbox names matching a pattern, where `*`
 * matches anything and `%` anything but the hierarchy delimiter `/`. An empty pattern
 * asks only for the delimiter. INBOX matches case-insensitively (RFC 3501 5.1).
 * C: a1 LIST "" *
 * S: * LIST (\HasNoChildren) "/" INBOX
 * S: a1 OK LIST completed
 */
function patternRegex(reference: string, pattern: string): RegExp {
  const segments = (reference + pattern).split(HIERARCHY_DELIMITER);
  if ((segments[0] as string).toUpperCase() === INBOX) segments[0] = INBOX;
  const body = segments
    .join(HIERARCHY_DELIMITER)
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '%' ? '[^/]*' : c.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

function attributes(name: string, all: readonly string[]): string {
  // RFC 3348 (CHILDREN): tells a client whether to draw an expander without asking again.
  const prefix = name + HIERARCHY_DELIMITER;
  return all.some((n) => n.startsWith(prefix)) ? '\\HasChildren' : '\\HasNoChildren';
}

/**
 * LSUB's names with their attributes. RFC 3501 6.3.9: when "foo/bar" is subscribed and "foo"
 * is not, a "%" that stops at the delimiter must return "foo", flagged \Noselect, so the client
 * can find the subscribed child below it; a subscribed name not (or no longer) a mailbox is
 * \Noselect too.
 */
function lsubNames(subscribed: readonly string[], all: readonly string[], re: RegExp, pattern: string): Array<[string, string]> {
  const subs = new Set(subscribed);
  const out = new Map<string, string>();
  for (const name of subscribed) {
    if (re.test(name)) {
      out.set(name, all.includes(name) ? attributes(name, all) : '\\Noselect');
      continue;
    }
    if (!pattern.includes('%')) continue;
    const levels = name.split(HIERARCHY_DELIMITER);
    for (let i = levels.length - 1; i > 0; i--) {
      const parent = levels.slice(0, i).join(HIERARCHY_DELIMITER);
      if (!re.test(parent)) continue;
      // A subscribed parent is listed as itself already.
      if (!subs.has(parent)) out.set(parent, '\\Noselect');
      break;
    }
  }
  return [...out];
}

async function list(ctx: AuthenticatedContext, reference: string, pattern: string, lsub: boolean): Promise<OutItem[]> {
  const verb = lsub ? 'LSUB' : 'LIST';
  if (pattern === '') return [`* ${verb} (\\Noselect) "${HIERARCHY_DELIMITER}" ""`];
  const store = ctx.services.store;
  const all = await store.listMailboxes(ctx.user);
  const re = patternRegex(reference, pattern);
  const rows: Array<[string, string]> = lsub
    ? lsubNames(await store.subscriptions(ctx.user), all, re, reference + pattern)
    : all.filter((n) => re.test(n)).map((n) => [n, attributes(n, all)]);
  return rows.map(([name, attrs]) => new ResponseBuilder().text(`* ${verb} (${attrs}) "${HIERARCHY_DELIMITER}" `).astring(name).toOut());
}

export const listSpec = imapCommand({
  name: 'LIST',
  states: AUTHENTICATED,
  args: [astring, astring],
  syntax: 'LIST reference mailbox-pattern   (e.g. LIST "" *)',
  rfc: 'RFC 3501 6.3.8',
  handle: async (ctx, [reference, pattern]) => ({ replies: await list(ctx, reference, pattern, false), text: 'LIST completed' }),
});

export const lsubSpec = imapCommand({
  name: 'LSUB',
  states: AUTHENTICATED,
  args: [astring, astring],
  syntax: 'LSUB reference mailbox-pattern   (e.g. LSUB "" *)',
  rfc: 'RFC 3501 6.3.9',
  handle: async (ctx, [reference, pattern]) => ({ replies: await list(ctx, reference, pattern, true), text: 'LSUB completed' }),
});
