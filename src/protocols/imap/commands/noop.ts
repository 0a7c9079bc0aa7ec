import { imapCommand } from '../types.js';
import { ANY_STATE, SELECTED } from './util.js';

/**
 * NOOP (RFC 3501 6.1.2): does nothing, which is exactly how a client polls: the pending
 * untagged updates (EXISTS, EXPUNGE, FETCH FLAGS) come before the tagged OK.
 * C: a1 NOOP
 * S: * 4 EXISTS
 * S: a1 OK NOOP completed
 */
export const noopSpec = imapCommand({
  name: 'NOOP',
  states: ANY_STATE,
  args: [],
  syntax: 'NOOP',
  rfc: 'RFC 3501 6.1.2',
  handle: () => ({ replies: [], text: 'NOOP completed' }),
});

/**
 * CHECK (RFC 3501 6.4.1): a checkpoint of the mailbox. The store makes every change
 * durable before it answers, so there is nothing left to do but report updates.
 * C: a1 CHECK
 * S: a1 OK CHECK completed
 */
export const checkSpec = imapCommand({
  name: 'CHECK',
  states: SELECTED,
  args: [],
  syntax: 'CHECK',
  rfc: 'RFC 3501 6.4.1',
  handle: () => ({ replies: [], text: 'CHECK completed' }),
});
