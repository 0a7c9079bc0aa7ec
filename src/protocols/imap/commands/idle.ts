import { IMAP_COMMAND_LINE } from '../../../limits.js';
import { imapCommand, type ImapPending } from '../types.js';
import { AUTHENTICATED } from './util.js';

/**
 * IDLE (RFC 2177): instead of polling with NOOP, the client waits and the server pushes
 * untagged EXISTS / EXPUNGE / FETCH the moment another session (or SMTP) changes the
 * mailbox. The client ends it with DONE.
 * C: a1 IDLE
 * S: + idling
 * S: * 4 EXISTS
 * C: DONE
 * S: a1 OK IDLE terminated
 */
const idling: ImapPending = {
  prompt: '+ idling',
  mode: 'idle',
  pushUpdates: true,
  expect: { mode: 'line', maxLine: IMAP_COMMAND_LINE },
  line(_ctx, line) {
    if (line.toString('latin1').trim().toUpperCase() === 'DONE') return { replies: [], text: 'IDLE terminated' };
    return { replies: [], status: 'BAD', text: 'IDLE ends with DONE on a line of its own (RFC 2177 3)' };
  },
};

export const idleSpec = imapCommand({
  name: 'IDLE',
  states: AUTHENTICATED,
  args: [],
  syntax: 'IDLE   (then DONE on a line of its own)',
  rfc: 'RFC 2177 3',
  handle: () => ({ replies: [], text: '', pending: idling }),
});
