import { WrongStateError } from '../../errors.js';
import type { Maildrop } from '../maildrop.js';
import type { Pop3Context } from '../types.js';

/** The locked account and its snapshot; only TRANSACTION commands call this, after the dispatcher's state check. */
export function transaction(ctx: Pop3Context, command: string): { account: string; drop: Maildrop } {
  if (ctx.account === null || ctx.maildrop === null) throw new WrongStateError(command, ctx.state, ['TRANSACTION']);
  return { account: ctx.account, drop: ctx.maildrop };
}
