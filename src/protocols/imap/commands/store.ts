import { normalizeFlags } from '../../../mailstore/flags.js';
import { ProtocolSyntaxError } from '../../errors.js';
import type { Args, CommandResult, CommandSpec, ImapContext } from './spec.js';
import { ImapNoError } from './spec.js';
import { flagsArg, restOf, SELECTED, selectedOf, sequenceArg, text } from './util.js';

/**
 * STORE (RFC 3501 6.4.6): change flags on the server, where every device sees them.
 * FLAGS replaces, +FLAGS adds, -FLAGS removes; .SILENT skips the untagged FETCH that
 * reports the result (a change made meanwhile by another session is still reported).
 * C: a1 STORE 2 +FLAGS (\Seen)
 * S: * 2 FETCH (FLAGS (\Seen))
 * S: a1 OK STORE completed
 */
const SYNTAX = 'STORE sequence-set FLAGS|+FLAGS|-FLAGS[.SILENT] (flag ...)';

function operation(token: string): { op: 'set' | 'add' | 'remove'; silent: boolean } {
  const m = /^([+-]?)FLAGS(\.SILENT)?$/i.exec(token);
  if (!m) throw new ProtocolSyntaxError(`${token} is not FLAGS, +FLAGS or -FLAGS (optionally .SILENT)`, SYNTAX);
  return { op: m[1] === '+' ? 'add' : m[1] === '-' ? 'remove' : 'set', silent: m[2] !== undefined };
}

function apply(op: 'set' | 'add' | 'remove', current: readonly string[], given: readonly string[]): string[] {
  if (op === 'set') return normalizeFlags(given);
  if (op === 'add') return normalizeFlags([...current, ...given]);
  const drop = new Set(given.map((f) => f.toLowerCase()));
  return current.filter((f) => !drop.has(f.toLowerCase()));
}

async function store(ctx: ImapContext, args: Args, byUid: boolean): Promise<CommandResult> {
  const mb = selectedOf(ctx);
  const { op, silent } = operation(text(args[1]));
  const given = flagsArg(restOf(args[2]));
  if (mb.readOnly) throw new ImapNoError('The mailbox was opened with EXAMINE: flags cannot change', 'READ-ONLY');
  let gone = 0;
  for (const { seq, entry } of mb.resolve(sequenceArg(args[0]), byUid)) {
    if (mb.isGone(entry.uid)) {
      gone++;
      continue;
    }
    // .SILENT hides only this command's own result (RFC 3501 6.4.6): a change another
    // session made meanwhile must still reach the client, so it stays unreported.
    const othersChanged = mb.unreported(entry);
    entry.flags = apply(op, entry.flags, given);
    await ctx.services.store.setFlags(mb.account, mb.name, entry.uid, entry.flags);
    if (!silent || !othersChanged) mb.told(entry);
    if (!silent) ctx.untagged(`* ${seq} FETCH (${byUid ? `UID ${entry.uid} ` : ''}FLAGS (${mb.flagsOf(entry).join(' ')}))`);
  }
  if (gone > 0) throw new ImapNoError(`${gone} of the messages were expunged by another session`, 'EXPUNGEISSUED');
  return { text: `${ctx.name} completed` };
}

export const storeSpec: CommandSpec = {
  name: 'STORE',
  states: SELECTED,
  args: ['seq-set', 'atom', 'any...'],
  syntax: SYNTAX,
  rfc: 'RFC 3501 6.4.6',
  holdExpunges: true,
  handle: (ctx, args) => store(ctx, args, false),
};

export const uidStoreSpec: CommandSpec = {
  name: 'UID STORE',
  states: SELECTED,
  args: ['seq-set', 'atom', 'any...'],
  syntax: `UID ${SYNTAX.replace('sequence-set', 'uid-set')}`,
  rfc: 'RFC 3501 6.4.8',
  handle: (ctx, args) => store(ctx, args, true),
};
